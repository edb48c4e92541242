import Foundation
import GRDB

/// The accounts of a server with accounts (`engross serve --accounts`) in the same SQLite
/// database as the cases: organizations, users, sessions, failed sign-ins, reviews and the audit
/// log. Case shares use the `caseShare` table of migration 2.
extension SQLiteCaseStore: AccountStore {
    /// Migration "3-accounts". The audit log refuses UPDATE and DELETE in the database itself,
    /// so no code path (nor a bug) can rewrite history.
    static func createAccountTables(_ db: Database) throws {
        try db.create(table: "organization") { table in
            table.primaryKey("id", .text)
            table.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
        }
        try db.create(table: "user") { table in
            table.primaryKey("id", .text)
            table.column("organizationID", .text).notNull().references("organization")
            table.column("username", .text).notNull()
            table.column("displayName", .text).notNull()
            table.column("role", .text).notNull()
            table.column("passwordHash", .text).notNull()
            table.column("active", .boolean).notNull()
            table.column("created", .double).notNull()
        }
        try db.execute(sql: "CREATE UNIQUE INDEX user_username ON user (lower(username))")
        try db.create(index: "user_organization", on: "user", columns: ["organizationID"])
        try db.create(table: "session") { table in
            table.primaryKey("id", .text)
            table.column("userID", .text).notNull().references("user", onDelete: .cascade)
            table.column("created", .double).notNull()
            table.column("lastSeen", .double).notNull()
        }
        try db.create(index: "session_user", on: "session", columns: ["userID"])
        try db.create(table: "failedSignIn") { table in
            table.column("key", .text).notNull()
            table.column("time", .double).notNull()
        }
        try db.create(index: "failedSignIn_key", on: "failedSignIn", columns: ["key", "time"])
        try db.create(table: "review") { table in
            table.column("caseID", .text).notNull().references("caseFile", onDelete: .cascade)
            table.column("slot", .text).notNull()
            table.column("userID", .text).notNull()
            table.column("time", .double).notNull()
            table.primaryKey(["caseID", "slot"])
        }
        try db.create(table: "auditEntry") { table in
            table.autoIncrementedPrimaryKey("sequence")
            table.column("time", .double).notNull()
            table.column("organizationID", .text).notNull()
            table.column("actorID", .text).notNull()
            table.column("actorName", .text).notNull()
            table.column("action", .text).notNull()
            table.column("caseID", .text)
            table.column("detail", .text).notNull()
            table.column("address", .text).notNull()
        }
        try db.create(index: "auditEntry_organization", on: "auditEntry", columns: ["organizationID", "sequence"])
        try db.execute(sql: """
            CREATE TRIGGER auditEntry_noUpdate BEFORE UPDATE ON auditEntry
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER auditEntry_noDelete BEFORE DELETE ON auditEntry
              BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
    }

    private static func newID() -> String { UUID().uuidString.lowercased() }

    private static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
    }

    // MARK: Organizations

    public func createOrganization(name: String) async throws -> Organization {
        let organization = Organization(id: Self.newID(), name: name)
        do {
            try await database.write { db in
                try db.execute(sql: "INSERT INTO organization (id, name) VALUES (?, ?)", arguments: [organization.id, name])
            }
        } catch where Self.isUniqueViolation(error) {
            throw AccountStoreError.duplicateOrganization
        }
        return organization
    }

    public func organization(named name: String) async throws -> Organization? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name FROM organization WHERE name = ? COLLATE NOCASE", arguments: [name])
                .map { Organization(id: $0["id"], name: $0["name"]) }
        }
    }

    public func organization(id: String) async throws -> Organization? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name FROM organization WHERE id = ?", arguments: [id])
                .map { Organization(id: $0["id"], name: $0["name"]) }
        }
    }

    // MARK: Users

    private static let userColumns = "id, organizationID, username, displayName, role, passwordHash, active, created"

    private static func user(_ row: Row) -> UserRecord {
        // A role this version does not know (written by a newer one) gets the least: an advocate's.
        UserRecord(id: row["id"], organizationID: row["organizationID"], username: row["username"], displayName: row["displayName"],
            role: Role(rawValue: row["role"]) ?? .advocate, passwordHash: row["passwordHash"], active: row["active"],
            created: row["created"])
    }

    public func addUser(organizationID: String, username: String, displayName: String, role: Role, passwordHash: String) async throws -> UserRecord {
        let user = UserRecord(id: Self.newID(), organizationID: organizationID, username: username, displayName: displayName, role: role,
            passwordHash: passwordHash, created: Date().timeIntervalSince1970)
        do {
            try await database.write { db in
                try db.execute(sql: "INSERT INTO user (\(Self.userColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                    user.id, user.organizationID, user.username, user.displayName, user.role.rawValue, user.passwordHash, user.active, user.created,
                ])
            }
        } catch where Self.isUniqueViolation(error) {
            throw AccountStoreError.duplicateUsername
        }
        return user
    }

    public func user(id: String) async throws -> UserRecord? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM user WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    public func user(username: String) async throws -> UserRecord? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.userColumns) FROM user WHERE lower(username) = lower(?)", arguments: [username]).map(Self.user)
        }
    }

    public func users(organizationID: String) async throws -> [UserRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.userColumns) FROM user WHERE organizationID = ? ORDER BY lower(displayName), id",
                arguments: [organizationID]).map(Self.user)
        }
    }

    public func updateUser(_ user: UserRecord) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "UPDATE user SET displayName = ?, role = ?, passwordHash = ?, active = ? WHERE id = ?",
                arguments: [user.displayName, user.role.rawValue, user.passwordHash, user.active, user.id])
            return db.changesCount > 0
        }
    }

    // MARK: Sessions

    public func createSession(_ session: SessionRecord) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT INTO session (id, userID, created, lastSeen) VALUES (?, ?, ?, ?)",
                arguments: [session.id, session.userID, session.created, session.lastSeen])
        }
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, userID, created, lastSeen FROM session WHERE id = ?", arguments: [id]).map {
                SessionRecord(id: $0["id"], userID: $0["userID"], created: $0["created"], lastSeen: $0["lastSeen"])
            }
        }
    }

    public func touchSession(id: String, at time: Double) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE session SET lastSeen = max(lastSeen, ?) WHERE id = ?", arguments: [time, id])
        }
    }

    public func deleteSession(id: String) async throws {
        try await database.write { db in try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id]) }
    }

    public func deleteSessions(userID: String) async throws {
        try await database.write { db in try db.execute(sql: "DELETE FROM session WHERE userID = ?", arguments: [userID]) }
    }

    public func deleteSessions(idleSince cutoff: Double) async throws {
        try await database.write { db in try db.execute(sql: "DELETE FROM session WHERE lastSeen < ?", arguments: [cutoff]) }
    }

    // MARK: Sign-in attempts

    /// Failures older than this are forgotten when a new one is recorded.
    static let failedSignInMemory: Double = 24 * 3600

    public func recordFailedSignIn(key: String, at time: Double) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM failedSignIn WHERE time < ?", arguments: [time - Self.failedSignInMemory])
            try db.execute(sql: "INSERT INTO failedSignIn (key, time) VALUES (?, ?)", arguments: [key, time])
        }
    }

    public func failedSignIns(key: String, since time: Double) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM failedSignIn WHERE key = ? AND time >= ?", arguments: [key, time]) ?? 0
        }
    }

    // MARK: Sharing

    public func shareCase(caseID: String, withUserID userID: String) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO caseShare (caseID, userID) VALUES (?, ?)", arguments: [caseID, userID])
        }
    }

    public func unshareCase(caseID: String, withUserID userID: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM caseShare WHERE caseID = ? AND userID = ?", arguments: [caseID, userID])
        }
    }

    public func shares(caseID: String) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT userID FROM caseShare WHERE caseID = ? ORDER BY userID", arguments: [caseID])
        }
    }

    // MARK: Reviews

    public func markReviewed(caseID: String, slot: String, userID: String, at time: Double) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO review (caseID, slot, userID, time) VALUES (?, ?, ?, ?)",
                arguments: [caseID, slot, userID, time])
        }
    }

    public func reviews(caseID: String) async throws -> [ReviewRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT caseID, slot, userID, time FROM review WHERE caseID = ? ORDER BY slot", arguments: [caseID]).map {
                ReviewRecord(caseID: $0["caseID"], slot: $0["slot"], userID: $0["userID"], time: $0["time"])
            }
        }
    }

    // MARK: Audit log

    public func appendAudit(_ entry: AuditEntry) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO auditEntry (time, organizationID, actorID, actorName, action, caseID, detail, address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.time, entry.organizationID, entry.actorID, entry.actorName, entry.action, entry.caseID,
                                 entry.detail, entry.address])
        }
    }

    public func auditEntries(organizationID: String, limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT sequence, time, organizationID, actorID, actorName, action, caseID, detail, address FROM auditEntry
                WHERE organizationID = ? AND sequence < ? ORDER BY sequence DESC LIMIT ?
                """, arguments: [organizationID, before ?? Int64.max, max(0, limit)]).map {
                AuditEntry(sequence: $0["sequence"], time: $0["time"], organizationID: $0["organizationID"], actorID: $0["actorID"],
                    actorName: $0["actorName"], action: $0["action"], caseID: $0["caseID"], detail: $0["detail"], address: $0["address"])
            }
        }
    }
}
