import Hummingbird

/// Appends one audit entry for every request of a signed-in user that touched a case and
/// succeeded: who, which action (from the matched route, `AuditActions`), which case, from where.
/// The entry names the document slot or format, never a value of the case.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService
    let behindProxy: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard let user = context.user, response.status.code < 400, let route = context.endpointPath,
            let action = AuditActions.action(method: request.method.rawValue, route: route)
        else { return response }
        let path = request.uri.path
        var caseID = AuditActions.caseID(route: route, path: path)
        var detail = AuditActions.detail(action, route: route, path: path)
        // A new case's id is where the answer sends the browser; a copy names its original.
        if let location = response.headers[.location], location.hasPrefix("/cases/") {
            let created = String(location.dropFirst("/cases/".count).prefix(36))
            if caseID == nil { caseID = created } else if action.name == "duplicated" { detail = "copy " + created }
        }
        // Sharing names the colleague (staff, not case data), as the log's readers know them.
        if action.name == "shared" || action.name == "unshared" {
            let target = action.name == "shared" ? context.form?.last("user") : detail
            if let target, WebApp.isID(target), let colleague = try await accounts.store.user(id: target) { detail = colleague.displayName }
        }
        try await accounts.audit(user.user, action.name, caseID: caseID, detail: detail,
            address: ClientAddress.of(request, context, behindProxy: behindProxy))
        return response
    }
}
