import Foundation
import Hummingbird

/// Guards the HTTP API (`/api/…`): every request but the OpenAPI document's must carry
/// `Authorization: Bearer engr_…`, a token of the store that is not revoked; the token is put in
/// the context for the audit log. Every error under `/api/` is answered as
/// `application/problem+json`, never as a page. The web app's cookies mean nothing here: a
/// request with a session cookie and no token is refused like any other.
struct APITokenMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: any APITokenStore
    /// The API's routes (`/api/v1/templates/{template}/schema`), to answer a method no route takes
    /// with 405 and the methods that are.
    let routes: [(method: HTTPRequest.Method, path: String)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isAPI(request.uri.path) else { return try await next(request, context) }
        do {
            var context = context
            if request.uri.path != APIController.documentPath {
                context.apiToken = try await authenticate(request)
            }
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // The router found no route: perhaps one with another method.
            let allowed = routes.filter { Self.matches($0.path, request.uri.path) }.map(\.method.rawValue)
            guard !allowed.isEmpty else { return APIProblem(error).response }
            return APIProblem(status: .methodNotAllowed, detail: "This resource takes \(allowed.joined(separator: " and ")) only.",
                headers: [.allow: allowed.joined(separator: ", ")]).response
        } catch {
            return APIProblem(error).response
        }
    }

    /// Whether `path` is an address of `route` (each `{parameter}` standing for one segment).
    static func matches(_ route: String, _ path: String) -> Bool {
        let expected = route.split(separator: "/", omittingEmptySubsequences: false)
        let given = path.split(separator: "/", omittingEmptySubsequences: false)
        return expected.count == given.count && zip(expected, given).allSatisfy { $0.first == "{" ? !$1.isEmpty : $0 == $1 }
    }

    /// Whether `path` is the API's: such requests skip the form's CSRF check and the error pages.
    static func isAPI(_ path: String) -> Bool {
        path == "/api" || path.hasPrefix("/api/")
    }

    private func authenticate(_ request: Request) async throws -> APITokenRecord {
        guard let header = request.headers[.authorization] else {
            throw APIProblem.unauthorized(request.headers[.cookie] == nil
                ? "This request carries no API token: send the header Authorization: Bearer engr_… (engross token add makes one)."
                : "The API does not take the web app's sign-in: send the header Authorization: Bearer engr_… (engross token add makes one).",
                invalidToken: false)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIProblem.unauthorized("The Authorization header must be Bearer engr_… (an API token).", invalidToken: false)
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard APIToken.isWellFormed(token), let record = try await tokens.apiToken(hash: APIToken.hash(token)), !record.revoked else {
            throw APIProblem.unauthorized("This API token is unknown or has been revoked; ask the server's administrator for a new one.", invalidToken: true)
        }
        return record
    }
}
