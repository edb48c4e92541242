import Foundation
import GRDB

/// The one-user store: an SQLite database file (GRDB) readable by its owner only.
///
/// With a `FieldCipher`, a case's title and data and its exhibits are stored sealed (blobs), so
/// the file alone reveals none of them; see `SQLiteCaseStore+Sealing.swift`.
///
/// ```swift
/// let store = try SQLiteCaseStore(path: "data/engross.sqlite", cipher: cipher)
/// let record = try await store.createCase(title: "Intake 12", json: "{}", owner: nil)
/// ```
public final class SQLiteCaseStore: CaseStore {
    /// The database; the store's extensions (accounts, API tokens, sealing) use it too.
    let database: DatabaseQueue
    /// Seals the sensitive columns; `nil` keeps them in clear (tests of the clear format only).
    let cipher: FieldCipher?

    /// Opens (or creates) the database at `path`, a file of mode 0600, and brings its schema up
    /// to date. `secure_delete` makes SQLite overwrite what it deletes, so a deleted case does not
    /// linger in the file's free pages.
    ///
    /// The database is in WAL mode with `synchronous = NORMAL`: the form saves a draft as the user
    /// types, and a commit is then one write to the log instead of `fsync`s of a rollback journal
    /// and of the database (the draft route went from about 180 to 1,400–1,800 a second,
    /// BENCHMARKS.md). A crash of the server loses nothing committed; a power cut or a crash of
    /// the system may lose the last commits, never the database's consistency. The log (`-wal`,
    /// 0600 like the database) is emptied after every deletion.
    ///
    /// With a `cipher`, a database written in clear (by a version without sealing) is sealed in
    /// place the first time; a sealed database refuses another key, and refuses to open without one.
    public init(path: String, cipher: FieldCipher? = nil) throws {
        self.cipher = cipher
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let previous = umask(0o077)
        defer { umask(previous) }
        database = try DatabaseQueue(path: path, configuration: configuration)
        chmod(path, 0o600)
        try Self.migrator.migrate(database)
        try Self.prepareSealing(database, cipher: cipher)
    }

    /// An in-memory database, for tests.
    public init(cipher: FieldCipher? = nil) throws {
        self.cipher = cipher
        database = try DatabaseQueue()
        try Self.migrator.migrate(database)
        try Self.prepareSealing(database, cipher: cipher)
    }

    /// The schema, one named migration per change.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-cases-and-exhibits") { db in
            try db.create(table: "caseFile") { table in
                table.primaryKey("id", .text)
                table.column("title", .text).notNull()
                table.column("json", .text).notNull()
                table.column("created", .double).notNull()
                table.column("updated", .double).notNull()
            }
            try db.create(table: "upload") { table in
                table.column("caseID", .text).notNull().references("caseFile", onDelete: .cascade)
                table.column("id", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("content", .blob).notNull()
                table.primaryKey(["caseID", "id"])
            }
            try db.create(table: "setting") { table in
                table.primaryKey("name", .text)
                table.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("2-case-owners-and-shares") { db in
            // Empty on the one-user server; on a server with accounts, every case has both.
            try db.alter(table: "caseFile") { table in
                table.add(column: "organizationID", .text)
                table.add(column: "ownerID", .text)
            }
            try db.create(index: "caseFile_organization", on: "caseFile", columns: ["organizationID", "updated"])
            try db.create(table: "caseShare") { table in
                table.column("caseID", .text).notNull().references("caseFile", onDelete: .cascade)
                table.column("userID", .text).notNull()
                table.primaryKey(["caseID", "userID"])
            }
        }
        migrator.registerMigration("3-accounts", migrate: createAccountTables)
        migrator.registerMigration("4-api-tokens", migrate: migrateAPITokens)
        return migrator
    }

    /// The SQL condition (on `caseFile`) and its arguments that keep a query within `scope`.
    static func condition(_ scope: CaseScope) -> (sql: String, arguments: StatementArguments) {
        switch scope {
        case .everything: ("1", [])
        case .organization(let organization): ("caseFile.organizationID = ?", [organization])
        case .member(let user, let organization):
            ("caseFile.organizationID = ? AND (caseFile.ownerID = ? OR caseFile.id IN (SELECT caseID FROM caseShare WHERE userID = ?))",
             [organization, user, user])
        case .nothing: ("0", [])
        }
    }

    /// Whether the case `id` exists within `scope`.
    private static func exists(_ db: Database, id: String, in scope: CaseScope) throws -> Bool {
        let (sql, arguments) = condition(scope)
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM caseFile WHERE id = ? AND \(sql))", arguments: [id] + arguments) ?? false
    }

    private static var now: Double { Date().timeIntervalSince1970 }

    public func listCases(in scope: CaseScope) async throws -> [CaseSummary] {
        let (condition, arguments) = Self.condition(scope)
        return try await database.read { [cipher] db in
            try Row.fetchAll(db, sql: "SELECT id, title, updated FROM caseFile WHERE \(condition) ORDER BY updated DESC, id", arguments: arguments).map {
                let id: String = $0["id"]
                return CaseSummary(id: id, title: try Self.text($0["title"], .title(id), cipher), updated: $0["updated"])
            }
        }
    }

    public func createCase(title: String, json: String, owner: CaseOwner?) async throws -> CaseRecord {
        let now = Self.now
        let record = CaseRecord(id: UUID().uuidString.lowercased(), title: title, json: json, created: now, updated: now, owner: owner)
        try await database.write { [cipher] db in
            try db.execute(sql: "INSERT INTO caseFile (id, title, json, created, updated, organizationID, ownerID) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [record.id, Self.stored(title, .title(record.id), cipher), Self.stored(json, .json(record.id), cipher),
                            now, now, owner?.organizationID, owner?.userID])
        }
        return record
    }

    // Every page and every draft reads a case, and every draft writes one: their statements are
    // prepared once per connection (GRDB's statement cache), and a row is read by column index.

    public func fetchCase(id: String, in scope: CaseScope) async throws -> CaseRecord? {
        let (condition, arguments) = Self.condition(scope)
        return try await database.read { [cipher] db in
            let statement = try db.cachedStatement(
                sql: "SELECT id, title, json, created, updated, organizationID, ownerID FROM caseFile WHERE id = ? AND \(condition)")
            return try Row.fetchOne(statement, arguments: [id] + arguments).map {
                let owner: CaseOwner? = if let organization: String = $0[5], let user: String = $0[6] {
                    CaseOwner(userID: user, organizationID: organization)
                } else { nil }
                return CaseRecord(id: $0[0], title: try Self.text($0[1], .title(id), cipher), json: try Self.text($0[2], .json(id), cipher),
                    created: $0[3], updated: $0[4], owner: owner)
            }
        }
    }

    public func updateCase(id: String, json: String, in scope: CaseScope) async throws -> Bool {
        let now = Self.now
        let (condition, arguments) = Self.condition(scope)
        let stored = Self.stored(json, .json(id), cipher)
        return try await database.write { db in
            try db.cachedStatement(sql: "UPDATE caseFile SET json = ?, updated = ? WHERE id = ? AND \(condition)")
                .execute(arguments: [stored, now, id] + arguments)
            return db.changesCount > 0
        }
    }

    public func renameCase(id: String, title: String, in scope: CaseScope) async throws -> Bool {
        let now = Self.now
        let (condition, arguments) = Self.condition(scope)
        let stored = Self.stored(title, .title(id), cipher)
        return try await database.write { db in
            try db.execute(sql: "UPDATE caseFile SET title = ?, updated = ? WHERE id = ? AND \(condition)", arguments: [stored, now, id] + arguments)
            return db.changesCount > 0
        }
    }

    public func duplicateCase(id: String, title: String, owner: CaseOwner?, in scope: CaseScope) async throws -> CaseRecord? {
        let now = Self.now
        return try await database.write { [cipher] db in
            guard try Self.exists(db, id: id, in: scope),
                  let row = try Row.fetchOne(db, sql: "SELECT json, organizationID, ownerID FROM caseFile WHERE id = ?", arguments: [id])
            else { return nil }
            // Sealed values are bound to their row: the copy's are opened and sealed anew.
            let json = try Self.text(row["json"], .json(id), cipher)
            let organizationID: String? = owner?.organizationID ?? row["organizationID"]
            let ownerID: String? = owner?.userID ?? row["ownerID"]
            let copy = CaseRecord(id: UUID().uuidString.lowercased(), title: title, json: json, created: now, updated: now,
                owner: organizationID.flatMap { organization in ownerID.map { CaseOwner(userID: $0, organizationID: organization) } })
            try db.execute(sql: "INSERT INTO caseFile (id, title, json, created, updated, organizationID, ownerID) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [copy.id, Self.stored(title, .title(copy.id), cipher), Self.stored(json, .json(copy.id), cipher),
                            now, now, organizationID, ownerID])
            for upload in try Row.fetchAll(db, sql: "SELECT id, kind, size, content FROM upload WHERE caseID = ?", arguments: [id]) {
                let uploadID: String = upload["id"]
                let content = try Self.bytes(upload["content"], .upload(id, uploadID), cipher)
                try db.execute(sql: "INSERT INTO upload (caseID, id, kind, size, content) VALUES (?, ?, ?, ?, ?)",
                    arguments: [copy.id, uploadID, upload["kind"] as String, upload["size"] as Int,
                                Self.stored(content, .upload(copy.id, uploadID), cipher)])
            }
            return copy
        }
    }

    public func deleteCase(id: String, in scope: CaseScope) async throws -> Bool {
        try await database.writeWithoutTransaction { db in
            var deleted = false
            try db.inTransaction {
                guard try Self.exists(db, id: id, in: scope) else { return .commit }
                try db.execute(sql: "DELETE FROM upload WHERE caseID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM caseShare WHERE caseID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM review WHERE caseID = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM caseFile WHERE id = ?", arguments: [id])
                deleted = db.changesCount > 0
                return .commit
            }
            try Self.emptyLog(db)
            return deleted
        }
    }

    /// Copies the write-ahead log into the database and truncates it: the log's older frames still
    /// hold what was just deleted (with `secure_delete`, the database file itself no longer does).
    private static func emptyLog(_ db: Database) throws {
        try db.checkpoint(.truncate)
    }

    public func uploads(caseID: String, in scope: CaseScope) async throws -> [UploadRecord] {
        try await database.read { db in
            guard try Self.exists(db, id: caseID, in: scope) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT id, kind, size FROM upload WHERE caseID = ? ORDER BY id", arguments: [caseID]).map {
                UploadRecord(id: $0["id"], caseID: caseID, kind: $0["kind"], size: $0["size"])
            }
        }
    }

    public func uploadContent(caseID: String, uploadID: String, in scope: CaseScope) async throws -> [UInt8]? {
        try await database.read { [cipher] db in
            guard try Self.exists(db, id: caseID, in: scope),
                  let value = try DatabaseValue.fetchOne(db, sql: "SELECT content FROM upload WHERE caseID = ? AND id = ?", arguments: [caseID, uploadID])
            else { return nil }
            return try Self.bytes(value, .upload(caseID, uploadID), cipher)
        }
    }

    public func addUpload(caseID: String, kind: String, content: [UInt8], in scope: CaseScope) async throws -> UploadRecord? {
        let id = UUID().uuidString.lowercased()
        let stored = Self.stored(content, .upload(caseID, id), cipher)
        return try await database.write { db in
            guard try Self.exists(db, id: caseID, in: scope) else { return nil }
            try db.execute(sql: "INSERT INTO upload (caseID, id, kind, size, content) VALUES (?, ?, ?, ?, ?)",
                arguments: [caseID, id, kind, content.count, stored])
            return UploadRecord(id: id, caseID: caseID, kind: kind, size: content.count)
        }
    }

    public func deleteUpload(caseID: String, uploadID: String, in scope: CaseScope) async throws -> Bool {
        try await database.writeWithoutTransaction { db in
            var deleted = false
            try db.inTransaction {
                guard try Self.exists(db, id: caseID, in: scope) else { return .commit }
                try db.execute(sql: "DELETE FROM upload WHERE caseID = ? AND id = ?", arguments: [caseID, uploadID])
                deleted = db.changesCount > 0
                return .commit
            }
            try Self.emptyLog(db)
            return deleted
        }
    }

    public func csrfSecret() async throws -> String {
        try await database.write { db in
            if let secret = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'csrf'") { return secret }
            var bytes = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
            let secret = bytes.map { String(format: "%02x", $0) }.joined()
            try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('csrf', ?)", arguments: [secret])
            return secret
        }
    }
}
