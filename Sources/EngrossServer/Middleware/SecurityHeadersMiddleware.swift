import HTTPTypes
import Hummingbird

/// Headers every response carries: a strict Content-Security-Policy (no inline script, nothing
/// from another origin), no sniffing, no referrer, no framing by others, and `no-store` so that
/// no page with case data stays in a cache. A route may set its own policy or caching first
/// (the document preview, the static assets).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers)
        return response
    }

    static func apply(to headers: inout HTTPFields) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = ContentPolicy.page }
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        if headers[.frameOptions] == nil { headers[.frameOptions] = "DENY" }
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.openerPolicy] = "same-origin"
        headers[.resourcePolicy] = "same-origin"
        headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
    }
}

/// Refuses a request whose `Host` is not this server's own loopback name: a web page elsewhere
/// that points a domain name at 127.0.0.1 (DNS rebinding) would otherwise be same-origin with us.
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowRemote: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !allowRemote, let host = (request.head.authority ?? request.headers[.hostHeader]), !Self.isLoopbackHost(host) {
            throw HTTPError(.misdirectedRequest, message: "This server answers only at 127.0.0.1 or localhost.")
        }
        return try await next(request, context)
    }

    /// `127.0.0.1:8080`, `localhost:8080`, `[::1]:8080`, with or without a port.
    static func isLoopbackHost(_ host: String) -> Bool {
        var name = Substring(host.lowercased())
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            name = name[name.index(after: name.startIndex)..<close]
        } else if let colon = name.lastIndex(of: ":") {
            name = name[..<colon]
        }
        return name == "localhost" || name == "::1" || name.hasPrefix("127.") && name.split(separator: ".").count == 4
    }
}

extension HTTPField.Name {
    static let frameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let openerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let resourcePolicy = Self("Cross-Origin-Resource-Policy")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let csrfToken = Self("X-CSRF-Token")!
    /// HTTP/1.1's Host, when the request's authority did not come from it.
    static let hostHeader = Self("Host")!
    static let fetchSite = Self("Sec-Fetch-Site")!
}

/// The Content-Security-Policy of the app's pages: scripts and styles from this server only, no
/// inline script, forms sent only here, framed by no one.
enum ContentPolicy {
    static let page = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
}
