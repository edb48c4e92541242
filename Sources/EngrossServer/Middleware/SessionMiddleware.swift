import Foundation
import Hummingbird

/// On a server with accounts, finds the signed-in user of every request from its session cookie
/// and sets what they may see (`context.scope`, `context.owner`). A page asked for without a
/// session redirects to the sign-in page; anything else without one is refused with 401.
/// Administrators get 403 on every case route: they manage users, never case data.
///
/// The API (`/api/`) is left alone: it signs in with tokens, not cookies.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let app: WebApp
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/") { return try await next(request, context) }
        var context = context
        let cookie = request.cookies[SessionToken.cookieName]?.value
        let user = try await cookie.asyncFlatMap { try await accounts.signedIn(cookie: $0) }
        guard let user else {
            if Self.isPublic(path) { return try await next(request, context) }
            // Signing out of a session that has already ended: done.
            if path == "/sign-out" {
                var response = WebApp.redirect("/sign-in")
                response.setCookie(Self.expiredCookie)
                return response
            }
            var response = signInRequired(request)
            if cookie != nil { response.setCookie(Self.expiredCookie) }
            return response
        }
        context.user = user
        context.scope = user.scope
        context.owner = user.owner
        return try await SignedInUser.$current.withValue(user) {
            if user.user.role == .administrator {
                if path == "/" { return WebApp.redirect("/admin/users") }
                if path == "/cases" || path.hasPrefix("/cases/") {
                    return app.pages.response("error", app.page("Not for administrators", [
                        "status": 403,
                        "message": "Administrators manage users and templates and do not see case data. Ask an attorney or supervisor of your organization.",
                    ]), status: .forbidden)
                }
            }
            return try await next(request, context)
        }
    }

    /// Pages anyone may see: signing in, the quick exit, the style sheet and script.
    static func isPublic(_ path: String) -> Bool {
        path == "/sign-in" || path == "/exit" || path.hasPrefix("/assets/")
    }

    /// A page's GET redirects to the sign-in page, which comes back here; the rest gets 401.
    private func signInRequired(_ request: Request) -> Response {
        let wantsJSON = (request.headers[.accept] ?? "").hasPrefix("application/json")
        if request.method == .get || request.method == .head, !wantsJSON {
            let next = Self.localPath(request.uri.string) ?? "/"
            return WebApp.redirect(next == "/" ? "/sign-in" : "/sign-in?next=" + Self.queryEncoded(next))
        }
        let message = "Your session has ended: sign in again. What you typed last may not have been saved."
        if wantsJSON || request.uri.path.hasSuffix("/draft") {
            return WebApp.json(.object([("error", .string(message))]), status: .unauthorized)
        }
        return app.pages.response("error", app.page("Sign in", ["status": 401, "message": message]), status: .unauthorized)
    }

    /// `text` when it is a path of this site (`/…`, not `//host` nor `/\host`), else `nil`: a
    /// sign-in link cannot send anyone elsewhere.
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"), text.count <= 2000,
            !text.contains(where: { $0.isNewline || $0 == "\\" })
        else { return nil }
        return text
    }

    static func queryEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// The session cookie, set as the issue asks: never readable by scripts, never sent by another site.
    static func cookie(_ value: String) -> Cookie {
        Cookie(name: SessionToken.cookieName, value: value, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    /// Tells the browser to forget the cookie.
    static var expiredCookie: Cookie {
        Cookie(name: SessionToken.cookieName, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
