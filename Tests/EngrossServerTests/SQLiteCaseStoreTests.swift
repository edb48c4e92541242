import EngrossServer
import Foundation
import GRDB
import Testing

/// The SQLite store's write-ahead log: fast drafts must not keep deleted data in a file.
struct SQLiteCaseStoreTests {
    /// A fresh folder for one test's database, removed afterwards.
    private static func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "engross-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await body(folder)
    }

    private static func fileContains(_ path: String, _ text: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.range(of: Data(text.utf8)) != nil
    }

    /// GRDB's WAL set-up also sets `synchronous = NORMAL` on the store's connection.
    @Test func theDatabaseIsInWALMode() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/engross.sqlite"
            let store = try SQLiteCaseStore(path: path)
            _ = try await store.createCase(title: "Intake 1", json: "{}", owner: nil)
            let mode = try await DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
            let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")
            #expect((log[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test func aDeletedCaseLeavesNoBytesInTheDatabaseOrItsLog() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/engross.sqlite"
            let store = try SQLiteCaseStore(path: path)
            let marker = "Quellwater Example"
            let record = try await store.createCase(title: "Intake 77", json: #"{"client": {"fullName": "\#(marker)"}}"#, owner: nil)
            for round in 0..<5 {
                #expect(try await store.updateCase(id: record.id, json: #"{"client": {"fullName": "\#(marker) \#(round)"}}"#, in: .everything))
            }
            _ = try await store.addUpload(caseID: record.id, kind: "pdf", content: Array("%PDF-1.4 Quellwater exhibit".utf8), in: .everything)
            #expect(Self.fileContains(path, marker) || Self.fileContains(path + "-wal", marker))

            #expect(try await store.deleteCase(id: record.id, in: .everything))
            for file in [path, path + "-wal"] {
                #expect(!Self.fileContains(file, "Quellwater"), "\(file)")
                #expect(!Self.fileContains(file, "Intake 77"), "\(file)")
            }
            #expect(try await store.fetchCase(id: record.id, in: .everything) == nil)
        }
    }

    @Test func aDeletedExhibitLeavesNoBytesInTheLog() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/engross.sqlite"
            let store = try SQLiteCaseStore(path: path)
            let record = try await store.createCase(title: "Intake 78", json: "{}", owner: nil)
            let upload = try #require(try await store.addUpload(caseID: record.id, kind: "pdf", content: Array("%PDF-1.4 Brightmoor exhibit".utf8), in: .everything))
            #expect(Self.fileContains(path, "Brightmoor") || Self.fileContains(path + "-wal", "Brightmoor"))
            #expect(try await store.deleteUpload(caseID: record.id, uploadID: upload.id, in: .everything))
            #expect(!Self.fileContains(path, "Brightmoor"))
            #expect(!Self.fileContains(path + "-wal", "Brightmoor"))
            #expect(try await store.fetchCase(id: record.id, in: .everything) != nil)
        }
    }
}
