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

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isAPI(request.uri.path) else { return try await next(request, context) }
        do {
            var context = context
            if request.uri.path != APIController.documentPath {
                context.apiToken = try await authenticate(request)
            }
            return try await next(request, context)
        } catch {
            return APIProblem(error).response
        }
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
