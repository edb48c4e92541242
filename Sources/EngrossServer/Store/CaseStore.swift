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
    /// Who owns the case, on a server with accounts; `nil` on the one-user server.
    public var owner: CaseOwner?

    public init(id: String, title: String, json: String, created: Double, updated: Double, owner: CaseOwner? = nil) {
        self.id = id
        self.title = title
        self.json = json
        self.created = created
        self.updated = updated
        self.owner = owner
    }
}

/// The user who made a case, and their organization: on a server with accounts, a case belongs
/// to one organization for its whole life.
public struct CaseOwner: Sendable, Equatable {
    public var userID: String
    public var organizationID: String

    public init(userID: String, organizationID: String) {
        self.userID = userID
        self.organizationID = organizationID
    }
}

/// Which cases a request may see. Every store method that reads or changes a case takes one, and
/// answers as if a case outside it did not exist (so an id guessed from outside is a 404, never a
/// 403 that would confirm the case exists).
public enum CaseScope: Sendable, Equatable {
    /// The one-user server: every case in the store.
    case everything
    /// Attorneys, supervisors and API tokens: every case of the organization.
    case organization(String)
    /// Advocates: the cases the user owns, and those shared with them, within their organization.
    case member(userID: String, organizationID: String)
    /// Administrators: no case at all (they manage users and templates, never case data).
    case nothing
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
///
/// Every method that names a case takes the request's `CaseScope` and treats a case outside it as
/// missing. Implementations seal the sensitive columns (title, case data, upload bytes) with a
/// `FieldCipher` when they are given one, so a dump of the database alone reveals none of them.
public protocol CaseStore: Sendable {
    func listCases(in scope: CaseScope) async throws -> [CaseSummary]
    /// A new case; `owner` is `nil` on the one-user server.
    func createCase(title: String, json: String, owner: CaseOwner?) async throws -> CaseRecord
    func fetchCase(id: String, in scope: CaseScope) async throws -> CaseRecord?
    /// Replaces a case's data; `false` when there is no such case in `scope`.
    func updateCase(id: String, json: String, in scope: CaseScope) async throws -> Bool
    func renameCase(id: String, title: String, in scope: CaseScope) async throws -> Bool
    /// A copy of the case and its uploads under a new title, owned by `owner`; `nil` when there
    /// is no such case in `scope`.
    func duplicateCase(id: String, title: String, owner: CaseOwner?, in scope: CaseScope) async throws -> CaseRecord?
    /// Deletes a case, its uploads and its shares, leaving none of their bytes in the database.
    func deleteCase(id: String, in scope: CaseScope) async throws -> Bool

    func uploads(caseID: String, in scope: CaseScope) async throws -> [UploadRecord]
    func uploadContent(caseID: String, uploadID: String, in scope: CaseScope) async throws -> [UInt8]?
    /// Keeps a file for a case; `nil` when there is no such case in `scope`.
    func addUpload(caseID: String, kind: String, content: [UInt8], in scope: CaseScope) async throws -> UploadRecord?
    func deleteUpload(caseID: String, uploadID: String, in scope: CaseScope) async throws -> Bool

    /// The secret behind the forms' CSRF token, made once and kept in the store.
    func csrfSecret() async throws -> String
}
