import Foundation
import Hummingbird

/// Signing in and out, on a server with accounts.
struct AccountController {
    let app: WebApp
    let accounts: AccountService

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/sign-in") { request, context in
            if context.user != nil { return WebApp.redirect(SessionMiddleware.localPath(request.uri.queryParameters["next"].map(String.init)) ?? "/") }
            return page(next: request.uri.queryParameters["next"].map(String.init), username: "", message: nil)
        }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.post("/sign-out") { request, context in try await signOut(request, context) }
    }

    private func page(next: String?, username: String, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        app.pages.response("sign-in", app.page("Sign in", [
            "next": SessionMiddleware.localPath(next) ?? "", "username": username,
            "message": message ?? "", "hasMessage": message != nil,
        ]), status: status)
    }

    private func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try WebApp.form(context)
        let username = (form.last("username") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let password = form.last("password") ?? ""
        let next = form.last("next")
        let address = ClientAddress.of(request, context, behindProxy: app.configuration.allowRemote)
        guard !username.isEmpty, !password.isEmpty, username.count <= 200, password.utf8.count <= 1024 else {
            return page(next: next, username: String(username.prefix(200)), message: "Give your username and your password.", status: .badRequest)
        }
        switch try await accounts.signIn(username: username, password: password, address: address) {
        case .signedIn(let user, let cookie):
            try await accounts.audit(user, "signed-in", address: address)
            var response = WebApp.redirect(SessionMiddleware.localPath(next) ?? "/")
            response.setCookie(SessionMiddleware.cookie(cookie))
            return response
        case .refused(let user):
            if let user { try await accounts.audit(user, "sign-in-refused", detail: "wrong password or disabled", address: address) }
            return page(next: next, username: username, message: "That username and password do not match an active account. Check them and try again.",
                status: .unauthorized)
        case .limited(let user, let until):
            if let user { try await accounts.audit(user, "sign-in-refused", detail: "too many attempts", address: address) }
            var response = page(next: next, username: username, message: "Too many failed sign-ins: for your account's safety, wait until "
                + WebApp.shownClock(until) + " and try again. Ask your administrator if you have forgotten your password.",
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(AccountService.window))
            return response
        }
    }

    private func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var response = WebApp.redirect("/sign-in")
        response.setCookie(SessionMiddleware.expiredCookie)
        guard let user = context.user else { return response }
        try await accounts.signOut(user)
        try await accounts.audit(user.user, "signed-out", address: ClientAddress.of(request, context, behindProxy: app.configuration.allowRemote))
        return response
    }
}
