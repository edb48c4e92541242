import Foundation
import PostgresNIO

/// `AccountStore` and `APITokenStore` in PostgreSQL. Staff names and e-mail addresses are not
/// survivors' data and are stored in clear; passwords only as bcrypt hashes, sessions and tokens
/// only as SHA-256 hashes.
extension PostgresStore: AccountStore {
    public func createOrganization(name: String) async throws -> Organization {
        let organization = Organization(id: Self.newID(), name: name)
        guard try await run("""
            INSERT INTO organizations (id, name, created) VALUES (\(organization.id), \(name), \(Self.now))
            ON CONFLICT DO NOTHING RETURNING id
            """)
        else { throw AccountStoreError.duplicateOrganization }
        return organization
    }

    public func organization(named name: String) async throws -> Organization? {
        try await rows("SELECT id, name FROM organizations WHERE name = \(name)").first.map(Self.organization)
    }

    public func organization(id: String) async throws -> Organization? {
        try await rows("SELECT id, name FROM organizations WHERE id = \(id)").first.map(Self.organization)
    }

    private static func organization(_ row: PostgresRow) throws -> Organization {
        let (id, name) = try row.decode((String, String).self)
        return Organization(id: id, name: name)
    }

    public func addUser(organizationID: String, username: String, displayName: String, role: Role, passwordHash: String) async throws -> UserRecord {
        let user = UserRecord(id: Self.newID(), organizationID: organizationID, username: username, displayName: displayName, role: role,
            passwordHash: passwordHash, active: true, created: Self.now)
        // The unique index on lower(username) makes a name taken in any case a conflict.
        guard try await run("""
            INSERT INTO users (id, organization_id, username, display_name, role, password_hash, active, created)
            VALUES (\(user.id), \(organizationID), \(username), \(displayName), \(role.rawValue), \(passwordHash), true, \(user.created))
            ON CONFLICT DO NOTHING RETURNING id
            """)
        else { throw AccountStoreError.duplicateUsername }
        return user
    }

    private static let userColumns = "id, organization_id, username, display_name, role, password_hash, active, created"

    private static func user(_ row: PostgresRow) throws -> UserRecord {
        let (id, organization, username, displayName, role, hash, active, created) =
            try row.decode((String, String, String, String, String, String, Bool, Double).self)
        guard let role = Role(rawValue: role) else { throw PostgresStoreError.migrationFailed("a user has an unknown role") }
        return UserRecord(id: id, organizationID: organization, username: username, displayName: displayName, role: role,
            passwordHash: hash, active: active, created: created)
    }

    public func user(id: String) async throws -> UserRecord? {
        try await rows("SELECT \(unescaped: Self.userColumns) FROM users WHERE id = \(id)").first.map(Self.user)
    }

    public func user(username: String) async throws -> UserRecord? {
        try await rows("SELECT \(unescaped: Self.userColumns) FROM users WHERE lower(username) = lower(\(username))").first.map(Self.user)
    }

    public func users(organizationID: String) async throws -> [UserRecord] {
        try await rows("""
            SELECT \(unescaped: Self.userColumns) FROM users WHERE organization_id = \(organizationID) ORDER BY lower(username), id
            """).map(Self.user)
    }

    public func updateUser(_ user: UserRecord) async throws -> Bool {
        try await run("""
            UPDATE users SET role = \(user.role.rawValue), display_name = \(user.displayName), password_hash = \(user.passwordHash),
              active = \(user.active) WHERE id = \(user.id) RETURNING id
            """)
    }

    // Sessions

    public func createSession(_ session: SessionRecord) async throws {
        try await run("""
            INSERT INTO sessions (id, user_id, created, last_seen)
            VALUES (\(session.id), \(session.userID), \(session.created), \(session.lastSeen))
            """)
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await rows("SELECT user_id, created, last_seen FROM sessions WHERE id = \(id)").first.map {
            let (user, created, lastSeen) = try $0.decode((String, Double, Double).self)
            return SessionRecord(id: id, userID: user, created: created, lastSeen: lastSeen)
        }
    }

    public func touchSession(id: String, at time: Double) async throws {
        try await run("UPDATE sessions SET last_seen = \(time) WHERE id = \(id)")
    }

    public func deleteSession(id: String) async throws {
        try await run("DELETE FROM sessions WHERE id = \(id)")
    }

    public func deleteSessions(userID: String) async throws {
        try await run("DELETE FROM sessions WHERE user_id = \(userID)")
    }

    public func deleteSessions(idleSince cutoff: Double) async throws {
        try await run("DELETE FROM sessions WHERE last_seen < \(cutoff)")
    }

    // Sign-in attempts

    public func recordFailedSignIn(key: String, at time: Double) async throws {
        try await run("INSERT INTO failed_sign_ins (key, time) VALUES (\(key), \(time))")
    }

    public func failedSignIns(key: String, since time: Double) async throws -> Int {
        try await rows("SELECT count(*) FROM failed_sign_ins WHERE key = \(key) AND time >= \(time)").first?.decode(Int.self) ?? 0
    }

    // Sharing

    public func shareCase(caseID: String, withUserID userID: String) async throws {
        try await run("INSERT INTO case_shares (case_id, user_id) VALUES (\(caseID), \(userID)) ON CONFLICT DO NOTHING")
    }

    public func unshareCase(caseID: String, withUserID userID: String) async throws {
        try await run("DELETE FROM case_shares WHERE case_id = \(caseID) AND user_id = \(userID)")
    }

    public func shares(caseID: String) async throws -> [String] {
        try await rows("SELECT user_id FROM case_shares WHERE case_id = \(caseID) ORDER BY user_id").map { try $0.decode(String.self) }
    }

    // Reviews

    public func markReviewed(caseID: String, slot: String, userID: String, at time: Double) async throws {
        try await run("""
            INSERT INTO reviews (case_id, slot, user_id, time) VALUES (\(caseID), \(slot), \(userID), \(time))
            ON CONFLICT (case_id, slot) DO UPDATE SET user_id = excluded.user_id, time = excluded.time
            """)
    }

    public func reviews(caseID: String) async throws -> [ReviewRecord] {
        try await rows("SELECT slot, user_id, time FROM reviews WHERE case_id = \(caseID) ORDER BY slot").map {
            let (slot, user, time) = try $0.decode((String, String, Double).self)
            return ReviewRecord(caseID: caseID, slot: slot, userID: user, time: time)
        }
    }

    // Audit log

    public func appendAudit(_ entry: AuditEntry) async throws {
        try await run("""
            INSERT INTO audit_log (time, organization_id, actor_id, actor_name, action, case_id, detail, address)
            VALUES (\(entry.time), \(entry.organizationID), \(entry.actorID), \(entry.actorName), \(entry.action), \(entry.caseID),
              \(entry.detail), \(entry.address))
            """)
    }

    public func auditEntries(organizationID: String, limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await rows("""
            SELECT sequence, time, actor_id, actor_name, action, case_id, detail, address FROM audit_log
            WHERE organization_id = \(organizationID) AND (\(before)::bigint IS NULL OR sequence < \(before)::bigint)
            ORDER BY sequence DESC LIMIT \(max(0, limit))
            """).map {
            let (sequence, time, actor, name, action, caseID, detail, address) =
                try $0.decode((Int64, Double, String, String, String, String?, String, String).self)
            return AuditEntry(sequence: sequence, time: time, organizationID: organizationID, actorID: actor, actorName: name,
                action: action, caseID: caseID, detail: detail, address: address)
        }
    }
}

extension PostgresStore: APITokenStore {
    public func addAPIToken(organizationID: String, name: String, tokenHash: String) async throws -> APITokenRecord {
        let token = APITokenRecord(id: Self.newID(), organizationID: organizationID, name: name, tokenHash: tokenHash, created: Self.now)
        try await run("""
            INSERT INTO api_tokens (id, organization_id, name, token_hash, created, revoked)
            VALUES (\(token.id), \(organizationID), \(name), \(tokenHash), \(token.created), false)
            """)
        return token
    }

    private static func token(_ row: PostgresRow) throws -> APITokenRecord {
        let (id, organization, name, hash, created, revoked) = try row.decode((String, String, String, String, Double, Bool).self)
        return APITokenRecord(id: id, organizationID: organization, name: name, tokenHash: hash, created: created, revoked: revoked)
    }

    public func apiToken(hash: String) async throws -> APITokenRecord? {
        try await rows("SELECT id, organization_id, name, token_hash, created, revoked FROM api_tokens WHERE token_hash = \(hash)")
            .first.map(Self.token)
    }

    public func apiTokens(organizationID: String) async throws -> [APITokenRecord] {
        try await rows("""
            SELECT id, organization_id, name, token_hash, created, revoked FROM api_tokens
            WHERE organization_id = \(organizationID) ORDER BY created, id
            """).map(Self.token)
    }

    public func revokeAPIToken(id: String, organizationID: String) async throws -> Bool {
        try await run("UPDATE api_tokens SET revoked = true WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id")
    }
}
