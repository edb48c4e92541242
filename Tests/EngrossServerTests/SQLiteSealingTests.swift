import EngrossServer
import Foundation
import GRDB
import Testing
import TestSupport

/// The SQLite store with a key: the file alone reveals no title, case data or exhibit.
struct SQLiteSealingTests {
    private static func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "engross-sealed-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await body(folder)
    }

    /// Whether the database or its log holds `text` (checkpointed first, as a copy would be).
    private static func databaseContains(_ path: String, _ text: String) -> Bool {
        [path, path + "-wal"].contains { file in
            FileManager.default.contents(atPath: file)?.range(of: Data(text.utf8)) != nil
        }
    }

    @Test func aSealedDatabaseHoldsNoMarkerValueAndReadsBackInClear() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/engross.sqlite"
            let cipher = FieldCipher.random()
            let store = try SQLiteCaseStore(path: path, cipher: cipher)
            let json = #"{"client": {"fullName": "Quellwater Example", "aNumber": "A000000001"}}"#
            let record = try await store.createCase(title: "Brightmoor intake", json: json, owner: nil)
            let pdf = Array("%PDF-1.4 Thistlewood exhibit".utf8)
            let upload = try #require(try await store.addUpload(caseID: record.id, kind: "pdf", content: pdf, in: .everything))
            #expect(try await store.updateCase(id: record.id, json: json.replacingOccurrences(of: "Example", with: "Sample"), in: .everything))
            #expect(try await store.renameCase(id: record.id, title: "Brightmoor intake 2", in: .everything))
            let copy = try #require(try await store.duplicateCase(id: record.id, title: "Brightmoor copy", owner: nil, in: .everything))

            for marker in ["Quellwater", "A000000001", "Brightmoor", "Thistlewood"] {
                #expect(!Self.databaseContains(path, marker), "\(marker)")
            }
            #expect(try await store.fetchCase(id: record.id, in: .everything)?.json.contains("Quellwater Sample") == true)
            #expect(try await store.fetchCase(id: copy.id, in: .everything)?.json.contains("Quellwater Sample") == true)
            #expect(try await store.listCases(in: .everything).map(\.title).sorted() == ["Brightmoor copy", "Brightmoor intake 2"])
            #expect(try await store.uploadContent(caseID: record.id, uploadID: upload.id, in: .everything) == pdf)
            #expect(try await store.uploadContent(caseID: copy.id, uploadID: upload.id, in: .everything) == pdf)

            // The columns hold sealed blobs, not text.
            let kinds = try await DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT typeof(title) || typeof(json) FROM caseFile")
            }
            #expect(kinds == ["blobblob", "blobblob"])
        }
    }

    @Test func aDatabaseWrittenInClearIsSealedInPlaceWhenFirstOpenedWithAKey() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/engross.sqlite"
            let clear = try SQLiteCaseStore(path: path)
            let record = try await clear.createCase(title: "Brightmoor intake", json: #"{"client": {"fullName": "Quellwater Example"}}"#, owner: nil)
            let upload = try #require(try await clear.addUpload(caseID: record.id, kind: "pdf", content: Array("%PDF-1.4 Thistlewood".utf8), in: .everything))
            #expect(Self.databaseContains(path, "Quellwater"))

            let cipher = FieldCipher.random()
            let sealed = try SQLiteCaseStore(path: path, cipher: cipher)
            for marker in ["Quellwater", "Brightmoor", "Thistlewood"] {
                #expect(!Self.databaseContains(path, marker), "\(marker)")
            }
            #expect(try await sealed.fetchCase(id: record.id, in: .everything)?.title == "Brightmoor intake")
            #expect(try await sealed.fetchCase(id: record.id, in: .everything)?.json.contains("Quellwater") == true)
            #expect(try await sealed.uploadContent(caseID: record.id, uploadID: upload.id, in: .everything) == Array("%PDF-1.4 Thistlewood".utf8))
            // Opened again with the same key: nothing is sealed twice.
            let again = try SQLiteCaseStore(path: path, cipher: cipher)
            #expect(try await again.fetchCase(id: record.id, in: .everything)?.title == "Brightmoor intake")
        }
    }

    @Test func aSealedDatabaseRefusesAnotherKeyAndNoKey() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/engross.sqlite"
            _ = try SQLiteCaseStore(path: path, cipher: FieldCipher.random())
            #expect(throws: SealingError.wrongKey) { try SQLiteCaseStore(path: path, cipher: FieldCipher.random()) }
            #expect(throws: SealingError.keyNeeded) { try SQLiteCaseStore(path: path) }
            #expect(SealingError.wrongKey.description.contains("--key-file"))
        }
    }

    @Test func aSealedValueMovedToAnotherCaseDoesNotOpen() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/engross.sqlite"
            let store = try SQLiteCaseStore(path: path, cipher: FieldCipher.random())
            let first = try await store.createCase(title: "First", json: #"{"a": 1}"#, owner: nil)
            let second = try await store.createCase(title: "Second", json: #"{"b": 2}"#, owner: nil)
            try await DatabaseQueue(path: path).write { db in
                try db.execute(sql: "UPDATE caseFile SET json = (SELECT json FROM caseFile WHERE id = ?) WHERE id = ?", arguments: [first.id, second.id])
            }
            await #expect(throws: FieldCipherError.cannotOpen) { try await store.fetchCase(id: second.id, in: .everything) }
            #expect(try await store.fetchCase(id: first.id, in: .everything)?.json == #"{"a": 1}"#)
        }
    }

    /// The server makes its key file in the data folder on first run and seals with it.
    @Test func theServerSealsWithAKeyFileItMakesInTheDataFolder() async throws {
        try await Self.withFolder { folder in
            let configuration = ServerConfiguration(templatesPath: repositoryRoot.path + "/Templates", dataPath: folder + "/data")
            _ = try await buildApplication(configuration, log: { _ in })
            let mode = try FileManager.default.attributesOfItem(atPath: folder + "/data/engross.key")[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let key = try KeyFile.load(path: folder + "/data/engross.key")
            #expect(throws: SealingError.wrongKey) { try SQLiteCaseStore(path: folder + "/data/engross.sqlite", cipher: FieldCipher.random()) }
            _ = try SQLiteCaseStore(path: folder + "/data/engross.sqlite", cipher: FieldCipher(key: key))
        }
    }
}
