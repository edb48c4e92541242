import Foundation

/// One client's case as the store keeps it: the title its user chose and the case data, as the
/// JSON text the command line reads.
public struct CaseRecord: Sendable, Equatable {
    /// A random identifier, unguessable, used in addresses.
    public var id: String
    /// What the user calls the case; never shown to anyone else.
    public var title: String
    /// The case data: a JSON object, packet-shaped (each document's data under its key).
    public var json: String
    /// When the case was created and last changed (seconds since 1970).
    public var created: Double
    public var updated: Double
}

/// A case as the case list shows it, without its data.
public struct CaseSummary: Sendable, Equatable {
    public var id: String
    public var title: String
    public var updated: Double
}

/// A file uploaded for a case (an exhibit), without its bytes. The case data names it in its
/// exhibit list as `uploads/ID.EXT`, so that an exported case and its files are what
/// `engross packet` reads.
public struct UploadRecord: Sendable, Equatable {
    public var id: String
    public var caseID: String
    /// The type checked from its content: `pdf`, `png` or `jpeg`.
    public var kind: String
    public var size: Int

    /// The path the case data names it by: `uploads/ID.pdf`.
    public var path: String { "uploads/\(id).\(kind == "jpeg" ? "jpg" : kind)" }
}

/// Where the web app keeps cases and exhibits. One implementation per database (SQLite for one
/// user today); the server keeps no case state in memory, so several processes can share a store.
public protocol CaseStore: Sendable {
    func listCases() async throws -> [CaseSummary]
    func createCase(title: String, json: String) async throws -> CaseRecord
    func fetchCase(id: String) async throws -> CaseRecord?
    /// Replaces a case's data; `false` when there is no such case.
    func updateCase(id: String, json: String) async throws -> Bool
    func renameCase(id: String, title: String) async throws -> Bool
    /// A copy of the case and its uploads under a new title; `nil` when there is no such case.
    func duplicateCase(id: String, title: String) async throws -> CaseRecord?
    /// Deletes a case and its uploads, leaving none of their bytes in the database file.
    func deleteCase(id: String) async throws -> Bool

    func uploads(caseID: String) async throws -> [UploadRecord]
    func uploadContent(caseID: String, uploadID: String) async throws -> [UInt8]?
    /// Keeps a file for a case; `nil` when there is no such case.
    func addUpload(caseID: String, kind: String, content: [UInt8]) async throws -> UploadRecord?
    func deleteUpload(caseID: String, uploadID: String) async throws -> Bool

    /// The secret behind the forms' CSRF token, made once and kept in the store.
    func csrfSecret() async throws -> String
}
