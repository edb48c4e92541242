import Foundation
import Templating
import Hummingbird

/// The pages of a server with accounts beyond cases: users (administrators) and the audit log
/// (supervisors and administrators). Nothing here shows a case's title or data.
struct AdminController {
    let app: WebApp
    let accounts: AccountService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/users") { _, context in try await users(try administrator(context)) }
        router.post("/admin/users") { request, context in try await addUser(request, try administrator(context), context) }
        router.post("/admin/users/:user") { request, context in try await changeUser(request, try administrator(context), context) }
        router.get("/admin/templates") { _, context in try await templates(try administrator(context)) }
        router.get("/audit") { request, context in try await auditLog(request, try auditReader(context)) }
        router.get("/audit.csv") { _, context in try await auditCSV(try auditReader(context)) }
    }

    private func administrator(_ context: AppRequestContext) throws -> SignedInUser {
        guard let user = context.user, user.administers else {
            throw HTTPError(.forbidden, message: "Only administrators manage users and templates.")
        }
        return user
    }

    private func auditReader(_ context: AppRequestContext) throws -> SignedInUser {
        guard let user = context.user, user.readsAuditLog else {
            throw HTTPError(.forbidden, message: "Only supervisors and administrators read the audit log.")
        }
        return user
    }

    // MARK: Users

    private func users(_ admin: SignedInUser, message: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let users = try await accounts.store.users(organizationID: admin.user.organizationID)
        let organization = try await accounts.store.organization(id: admin.user.organizationID)
        return app.pages.response("users", app.page("Users", [
            "organization": organization?.name ?? "",
            "users": users.map { user -> [String: Any] in
                ["id": user.id, "username": user.username, "name": user.displayName, "role": user.role.rawValue, "active": user.active,
                 "isSelf": user.id == admin.user.id,
                 "roles": Role.allCases.map { ["value": $0.rawValue, "selected": $0 == user.role] }]
            },
            "roles": Role.allCases.map { ["value": $0.rawValue, "selected": $0 == .advocate] },
            "minimumLength": PasswordPolicy.minimumLength,
            "message": message ?? "", "hasMessage": message != nil,
        ]), status: status)
    }

    private func addUser(_ request: Request, _ admin: SignedInUser, _ context: AppRequestContext) async throws -> Response {
        let form = try WebApp.form(context)
        let username = (form.last("username") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let name = (form.last("name") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form.last("password") ?? ""
        guard !username.isEmpty, username.count <= 200, !username.contains(where: \.isWhitespace) else {
            return try await users(admin, message: "Give the new user a username without spaces, such as their e-mail address.", status: .badRequest)
        }
        guard !name.isEmpty, name.count <= 200 else {
            return try await users(admin, message: "Give the new user's name, as pages and the audit log will show it.", status: .badRequest)
        }
        guard let role = form.last("role").flatMap(Role.init(rawValue:)) else {
            return try await users(admin, message: "Choose the new user's role.", status: .badRequest)
        }
        if let problem = PasswordPolicy.problem(password) {
            return try await users(admin, message: "The initial password was refused: \(problem).", status: .badRequest)
        }
        let added: UserRecord
        do {
            added = try await accounts.store.addUser(organizationID: admin.user.organizationID, username: username, displayName: name,
                role: role, passwordHash: try await accounts.hasher.hash(password))
        } catch AccountStoreError.duplicateUsername {
            return try await users(admin, message: "The username \(username) is taken; choose another.", status: .conflict)
        }
        try await accounts.audit(admin.user, "user-added", detail: "\(added.username) (\(role.rawValue))", address: address(request, context))
        return WebApp.redirect("/admin/users")
    }

    /// One form per change: `role`, `active` (disable or enable) or `password` (reset).
    private func changeUser(_ request: Request, _ admin: SignedInUser, _ context: AppRequestContext) async throws -> Response {
        let form = try WebApp.form(context)
        let id = try context.parameters.require("user")
        guard var user = try await accounts.store.user(id: id), user.organizationID == admin.user.organizationID else {
            throw HTTPError(.notFound, message: "There is no such user in your organization.")
        }
        let action: String
        switch form.last("change") {
        case "role":
            guard let role = form.last("role").flatMap(Role.init(rawValue:)) else {
                return try await users(admin, message: "Choose a role.", status: .badRequest)
            }
            if user.id == admin.user.id, role != .administrator {
                return try await users(admin, message: "You cannot take away your own administrator role; ask another administrator.", status: .badRequest)
            }
            user.role = role
            action = "role-changed"
        case "active":
            if user.id == admin.user.id {
                return try await users(admin, message: "You cannot disable your own account.", status: .badRequest)
            }
            user.active = form.last("active") == "true"
            action = user.active ? "user-enabled" : "user-disabled"
        case "password":
            let password = form.last("password") ?? ""
            if let problem = PasswordPolicy.problem(password) {
                return try await users(admin, message: "The new password for \(user.displayName) was refused: \(problem).", status: .badRequest)
            }
            user.passwordHash = try await accounts.hasher.hash(password)
            action = "password-reset"
        default:
            throw HTTPError(.badRequest, message: "This form changes nothing.")
        }
        guard try await accounts.store.updateUser(user) else { throw HTTPError(.notFound, message: "There is no such user in your organization.") }
        // A new role, a disabled account or a new password ends the user's sessions.
        if user.id != admin.user.id { try await accounts.store.deleteSessions(userID: user.id) }
        try await accounts.audit(admin.user, action, detail: action == "role-changed" ? "\(user.username) (\(user.role.rawValue))" : user.username,
            address: address(request, context))
        return WebApp.redirect("/admin/users")
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String {
        ClientAddress.of(request, context, behindProxy: app.configuration.allowRemote)
    }

    // MARK: Templates

    /// The templates folder: what the server loaded at start, what changed on disk since, and
    /// every problem `engross lint` finds. Read-only: templates are installed as files.
    private func templates(_ admin: SignedInUser) async throws -> Response {
        let started = app.startingCatalog ?? TemplateCatalog(snapshots: [:])
        let now = TemplateCatalog.read(templatesPath: app.configuration.templatesPath, today: app.engine.today)
        let ids = Set(started.snapshots.keys).union(now.snapshots.keys).sorted { a, b in
            // Templates first, then packets; each in id order.
            let (packetA, packetB) = (a.hasPrefix(TemplateLibrary.packetFolder + "/"), b.hasPrefix(TemplateLibrary.packetFolder + "/"))
            return packetA == packetB ? a < b : !packetA
        }
        var attention = 0
        let rows = ids.map { id -> [String: Any] in
            let standing = now.standing(of: id, started: started)
            // What the file says now; what it said at start where it cannot be read now.
            var shown = now.snapshots[id] ?? started.snapshots[id]!
            if let before = started.snapshots[id], shown.title == nil {
                (shown.title, shown.kind, shown.version, shown.reviewed, shown.authority) =
                    (before.title, before.kind, before.version, before.reviewed, before.authority)
            }
            let row = TemplateRow(snapshot: shown, standing: standing)
            if row.needsAttention { attention += 1 }
            return row.values
        }
        return app.pages.response("templates", app.page("Templates", [
            "folder": app.engine.library.root.path,
            "rows": rows,
            "count": ids.count,
            "attention": attention,
            "needsAttention": attention > 0,
        ]))
    }

    // MARK: Audit log

    static let pageSize = 50

    private func auditLog(_ request: Request, _ reader: SignedInUser) async throws -> Response {
        let before = request.uri.queryParameters["before"].flatMap { Int64(String($0)) }
        let entries = try await accounts.store.auditEntries(organizationID: reader.user.organizationID, limit: Self.pageSize + 1, before: before)
        let shown = entries.prefix(Self.pageSize)
        return app.pages.response("audit", app.page("Audit log", [
            "entries": shown.map { entry -> [String: Any] in
                var values: [String: Any] = ["time": WebApp.shownTime(entry.time), "actor": entry.actorName, "action": entry.action,
                    "detail": entry.detail, "address": entry.address]
                // Only an entry about a case names one (an empty string would still open the section).
                if let caseID = entry.caseID { values["caseID"] = caseID; values["case"] = String(caseID.prefix(8)) }
                return values
            },
            "hasEntries": !shown.isEmpty,
            "older": entries.count > Self.pageSize ? "/audit?before=\(shown.last!.sequence)" : "",
            "hasOlder": entries.count > Self.pageSize,
            "isFirstPage": before == nil,
        ]))
    }

    private func auditCSV(_ reader: SignedInUser) async throws -> Response {
        var rows = [AuditCSV.header]
        var before: Int64?
        while true {
            let entries = try await accounts.store.auditEntries(organizationID: reader.user.organizationID, limit: 1000, before: before)
            rows += entries.map(AuditCSV.row)
            guard entries.count == 1000, let last = entries.last else { break }
            before = last.sequence
        }
        return WebApp.download(Array(AuditCSV.text(rows).utf8), type: "text/csv; charset=utf-8", fileName: "audit.csv")
    }
}

/// The audit log as CSV (RFC 4180), safe to open in a spreadsheet: a cell a spreadsheet would
/// take for a formula (beginning with = + - @, a tab or a carriage return) starts with `'`.
enum AuditCSV {
    static let header = ["sequence", "time (UTC)", "actor", "actor id", "action", "case", "detail", "address"]

    static func row(_ entry: AuditEntry) -> [String] {
        [String(entry.sequence), isoTime(entry.time), entry.actorName, entry.actorID, entry.action, entry.caseID ?? "", entry.detail, entry.address]
    }

    static func text(_ rows: [[String]]) -> String {
        rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func isoTime(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }
}
