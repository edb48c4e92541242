import Hummingbird

/// Turns an error into a page a person can act on: the message (always ours, never a field's
/// value) and a way back. A script's request gets the message as JSON. An unexpected error is
/// shown without its details, which could hold case data.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: Pages
    let page: @Sendable (String, [String: Any]) -> [String: Any]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let status: HTTPResponse.Status
            let message: String
            if let error = error as? HTTPError {
                status = error.status
                message = error.body ?? Self.defaultMessage(status)
            } else if let error = error as? any HTTPResponseError {
                status = error.status
                message = Self.defaultMessage(status)
            } else {
                status = .internalServerError
                message = Self.defaultMessage(status)
            }
            if request.uri.path.hasSuffix("/draft") || (request.headers[.accept] ?? "").hasPrefix("application/json") {
                return WebApp.json(.object([("error", .string(message))]), status: status)
            }
            return pages.response("error", page("Problem", ["status": status.code, "message": message]), status: status)
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "There is no such page."
        case .contentTooLarge: "What was sent is larger than this server takes."
        case .methodNotAllowed: "This page cannot be used that way."
        default: "Something went wrong on the server; nothing was lost that was saved before. Try again."
        }
    }
}
