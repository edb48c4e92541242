import Foundation

/// Who a request comes from on a server with accounts: the user of its session cookie.
struct SignedInUser: Sendable {
    let user: UserRecord
    /// The store's id of the session (the hash of the cookie's value).
    let sessionID: String
    /// The CSRF token of this session's forms.
    let csrf: String

    /// The person the page being rendered is for; set by `SessionMiddleware` around the handler,
    /// so that every page's header names them and carries their CSRF token.
    @TaskLocal static var current: SignedInUser?

    /// The cases the user's role lets them see.
    var scope: CaseScope {
        switch user.role {
        case .advocate: .member(userID: user.id, organizationID: user.organizationID)
        case .attorney, .supervisor: .organization(user.organizationID)
        case .administrator: .nothing
        }
    }

    /// Whom new cases belong to: the user; administrators make none.
    var owner: CaseOwner? {
        user.role == .administrator ? nil : CaseOwner(userID: user.id, organizationID: user.organizationID)
    }

    /// Whether the user may mark documents reviewed.
    var reviews: Bool { user.role == .attorney || user.role == .supervisor }
    /// Whether the user may read the audit log.
    var readsAuditLog: Bool { user.role == .supervisor || user.role == .administrator }
    /// Whether the user manages users.
    var administers: Bool { user.role == .administrator }

    /// What the header shows.
    /// What the page header shows of the user: plain text and switches, so that the page's frame
    /// can be spliced (`PageFrames` splices contexts of strings, numbers and `Bool`s only).
    var headerValues: [String: Any] {
        ["viewer": true, "viewerName": user.displayName, "viewerRole": user.role.rawValue,
         "viewerReadsAuditLog": readsAuditLog, "viewerAdministers": administers]
    }
}
