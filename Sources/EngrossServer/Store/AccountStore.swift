import Foundation

/// What a user may do on a server with accounts (`engross serve --accounts`).
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Their own cases and those shared with them.
    case advocate
    /// Every case of the organization; marks documents reviewed.
    case attorney
    /// Every case of the organization; marks documents reviewed; reads the audit log.
    case supervisor
    /// Users, API tokens and templates; never case data; reads the audit log.
    case administrator
}

/// A clinic, legal-aid office or network: its users share its cases according to their roles.
public struct Organization: Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A person who signs in. The password is kept only as a bcrypt hash.
public struct UserRecord: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    /// What they sign in with (an e-mail address or a name), unique on the server, compared
    /// without regard to case.
    public var username: String
    /// How pages and the audit log name them.
    public var displayName: String
    public var role: Role
    public var passwordHash: String
    /// A disabled user cannot sign in, and their sessions end.
    public var active: Bool
    public var created: Double

    public init(id: String, organizationID: String, username: String, displayName: String, role: Role,
                passwordHash: String, active: Bool = true, created: Double) {
        self.id = id
        self.organizationID = organizationID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.active = active
        self.created = created
    }
}

/// A signed-in browser. The store keeps the SHA-256 of the cookie's random value, never the value,
/// so a copy of the database cannot be used to sign in.
public struct SessionRecord: Sendable, Equatable {
    /// The hex SHA-256 of the cookie's value.
    public var id: String
    public var userID: String
    public var created: Double
    /// The last request; a session idle longer than the server's limit is refused and deleted.
    public var lastSeen: Double

    public init(id: String, userID: String, created: Double, lastSeen: Double) {
        self.id = id
        self.userID = userID
        self.created = created
        self.lastSeen = lastSeen
    }
}

/// One line of the audit log: who did what to which case, when, from where; never a value of
/// the case. The log is append-only: stores refuse to change or delete an entry.
public struct AuditEntry: Sendable, Equatable {
    /// The store's order of entries (assigned on append; 0 before).
    public var sequence: Int64
    public var time: Double
    public var organizationID: String
    /// The user or API token that acted.
    public var actorID: String
    /// Their name as it was when they acted (users are renamed; the log is not).
    public var actorName: String
    /// What was done: `created`, `opened`, `changed`, `rendered`, `exported`, `shared`,
    /// `unshared`, `reviewed`, `deleted`, `signed-in`, `signed-out`, `sign-in-refused`, …
    public var action: String
    /// The case, when the action touched one (kept after the case is deleted).
    public var caseID: String?
    /// What else identifies the action without revealing data: a document slot, a format, a
    /// route ("declaration", "pdf"); never a field's value.
    public var detail: String
    /// The client's address.
    public var address: String

    public init(sequence: Int64 = 0, time: Double, organizationID: String, actorID: String, actorName: String,
                action: String, caseID: String? = nil, detail: String = "", address: String) {
        self.sequence = sequence
        self.time = time
        self.organizationID = organizationID
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.caseID = caseID
        self.detail = detail
        self.address = address
    }
}

/// Users, sessions, sign-in attempts, case shares and the audit log of a server with accounts.
/// Everything a second server process would need lives here, never in memory.
public protocol AccountStore: Sendable {
    // Organizations
    func createOrganization(name: String) async throws -> Organization
    func organization(named name: String) async throws -> Organization?
    func organization(id: String) async throws -> Organization?

    // Users
    /// A new user; throws `AccountStoreError.duplicateUsername` when the name is taken.
    func addUser(organizationID: String, username: String, displayName: String, role: Role, passwordHash: String) async throws -> UserRecord
    func user(id: String) async throws -> UserRecord?
    /// The user signing in with `username`, compared without regard to case.
    func user(username: String) async throws -> UserRecord?
    func users(organizationID: String) async throws -> [UserRecord]
    /// Replaces a user's role, display name, password hash and active flag; `false` when there is none.
    func updateUser(_ user: UserRecord) async throws -> Bool

    // Sessions
    func createSession(_ session: SessionRecord) async throws
    func session(id: String) async throws -> SessionRecord?
    /// Records a request on the session.
    func touchSession(id: String, at time: Double) async throws
    func deleteSession(id: String) async throws
    func deleteSessions(userID: String) async throws
    /// Deletes every session idle since before `cutoff`.
    func deleteSessions(idleSince cutoff: Double) async throws

    // Sign-in attempts (rate limiting shared by every server process)
    func recordFailedSignIn(key: String, at time: Double) async throws
    func failedSignIns(key: String, since time: Double) async throws -> Int

    // Sharing (advocates see cases shared with them)
    func shareCase(caseID: String, withUserID userID: String) async throws
    func unshareCase(caseID: String, withUserID userID: String) async throws
    /// The users a case is shared with.
    func shares(caseID: String) async throws -> [String]

    // Reviews (attorneys and supervisors mark a document of a case reviewed)
    /// Records that `userID` reviewed the document at `slot` ("declaration", "supportLetters.1").
    func markReviewed(caseID: String, slot: String, userID: String, at time: Double) async throws
    /// The case's reviews, one per document (the latest).
    func reviews(caseID: String) async throws -> [ReviewRecord]

    // Audit log
    /// Appends an entry (its `sequence` is assigned by the store).
    func appendAudit(_ entry: AuditEntry) async throws
    /// The organization's entries, newest first, at most `limit`, older than `before` when given.
    func auditEntries(organizationID: String, limit: Int, before: Int64?) async throws -> [AuditEntry]
}

/// That an attorney or supervisor reviewed one document of a case. Deleted with the case.
public struct ReviewRecord: Sendable, Equatable {
    public var caseID: String
    /// The document slot, as in the web app's addresses ("declaration", "supportLetters.1").
    public var slot: String
    public var userID: String
    public var time: Double

    public init(caseID: String, slot: String, userID: String, time: Double) {
        self.caseID = caseID
        self.slot = slot
        self.userID = userID
        self.time = time
    }
}

/// What an account store refuses.
public enum AccountStoreError: Error, Equatable {
    case duplicateUsername
    case duplicateOrganization
}

/// A key a case-management system uses for the HTTP API, belonging to one organization. The
/// store keeps the SHA-256 of the token; the token itself is shown once, when it is made.
public struct APITokenRecord: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    /// What the administrator called it ("LegalServer").
    public var name: String
    /// The hex SHA-256 of the token.
    public var tokenHash: String
    public var created: Double
    public var revoked: Bool

    public init(id: String, organizationID: String, name: String, tokenHash: String, created: Double, revoked: Bool = false) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.tokenHash = tokenHash
        self.created = created
        self.revoked = revoked
    }
}

/// The API tokens of a server with accounts.
public protocol APITokenStore: Sendable {
    func addAPIToken(organizationID: String, name: String, tokenHash: String) async throws -> APITokenRecord
    /// The token with this hash, revoked or not.
    func apiToken(hash: String) async throws -> APITokenRecord?
    func apiTokens(organizationID: String) async throws -> [APITokenRecord]
    func revokeAPIToken(id: String, organizationID: String) async throws -> Bool
}
