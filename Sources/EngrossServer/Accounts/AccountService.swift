import Foundation

/// Signing in and out, and finding the user of a session cookie: the rules of the issue, kept out
/// of the routes. Every state lives in the store, so several server processes agree.
struct AccountService: Sendable {
    let store: any AccountStore
    let hasher: PasswordHasher
    /// The secret the sessions' CSRF tokens are made from.
    let secret: String
    /// Seconds a session may stay idle.
    let timeout: Double
    let now: @Sendable () -> Double

    /// Failures per key (a username, an address) allowed in `window` seconds; the next is refused.
    static let allowedFailures = 5
    static let window: Double = 60
    /// A session's last-seen time is written at most this often, sparing a write per request.
    static let touchInterval: Double = 60

    enum SignIn {
        /// The cookie value to set, and who signed in.
        case signedIn(UserRecord, cookie: String)
        /// A wrong password, an unknown name or a disabled account: one answer for all. The user,
        /// when the name is known, for the audit log.
        case refused(UserRecord?)
        /// Too many failures lately; the time the limit ends.
        case limited(UserRecord?, until: Double)
    }

    /// Checks a sign-in. Limited before the password is checked (a right password is refused
    /// too); every failure is counted against the name and the address.
    func signIn(username: String, password: String, address: String) async throws -> SignIn {
        let time = now()
        let keys = ["user:" + username.lowercased(), "address:" + address]
        let user = try await store.user(username: username)
        for key in keys where try await store.failedSignIns(key: key, since: time - Self.window) >= Self.allowedFailures {
            return .limited(user, until: time + Self.window)
        }
        let matches = try await hasher.verify(password, hash: user?.passwordHash)
        guard matches, let user, user.active else {
            for key in keys { try await store.recordFailedSignIn(key: key, at: time) }
            return .refused(user)
        }
        // Sessions left idle (their browsers closed) are swept as people sign in.
        try await store.deleteSessions(idleSince: time - timeout)
        let cookie = SessionToken.make()
        try await store.createSession(SessionRecord(id: SessionToken.hash(cookie), userID: user.id, created: time, lastSeen: time))
        return .signedIn(user, cookie: cookie)
    }

    /// The user of a cookie value, or `nil`: no such session, idle too long (then deleted), or a
    /// user disabled since.
    func signedIn(cookie: String) async throws -> SignedInUser? {
        guard SessionToken.isWellFormed(cookie) else { return nil }
        let id = SessionToken.hash(cookie)
        guard let session = try await store.session(id: id) else { return nil }
        let time = now()
        if time - session.lastSeen > timeout {
            try await store.deleteSession(id: id)
            return nil
        }
        guard let user = try await store.user(id: session.userID), user.active else {
            try await store.deleteSession(id: id)
            return nil
        }
        if time - session.lastSeen >= Self.touchInterval { try await store.touchSession(id: id, at: time) }
        return SignedInUser(user: user, sessionID: id, csrf: SessionToken.csrf(sessionID: id, secret: secret))
    }

    func signOut(_ user: SignedInUser) async throws {
        try await store.deleteSession(id: user.sessionID)
    }

    /// Appends one entry to the log.
    func audit(_ actor: UserRecord, _ action: String, caseID: String? = nil, detail: String = "", address: String) async throws {
        try await store.appendAudit(AuditEntry(time: now(), organizationID: actor.organizationID, actorID: actor.id,
            actorName: actor.displayName, action: action, caseID: caseID, detail: detail, address: address))
    }
}

extension AccountService {
    /// The accounts of a server started with `--accounts`; the store must keep them.
    init(_ configuration: ServerConfiguration, store: any CaseStore, secret: String) throws {
        guard let accountStore = store as? any AccountStore else {
            throw ServerStartError("--accounts needs a store that keeps users and sessions; this one does not")
        }
        self.init(store: accountStore, hasher: PasswordHasher(cost: configuration.passwordCost), secret: secret,
            timeout: configuration.sessionTimeout, now: configuration.now)
    }
}
