import Foundation
import Hummingbird

/// Logs one line per request to standard error: method, route, status and time. Never a query,
/// a header or a body, and never a field's value; case and exhibit ids are random and shown as
/// `{id}`, so a log line says what was done, not to whom.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let write: @Sendable (String) -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = Self.route(request.uri.path)
        do {
            let response = try await next(request, context)
            write(Self.line(request.method.rawValue, route, response.status.code, since: start))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            write(Self.line(request.method.rawValue, route, status, since: start))
            throw error
        }
    }

    static func line(_ method: String, _ route: String, _ status: Int, since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        return "\(method) \(route) \(status) \(String(format: "%.1f", milliseconds)) ms"
    }

    /// The path with every id replaced by `{id}`, and any segment that is not one of our own
    /// words (letters, digits and `-`) replaced by `…`, so nothing a user typed is logged.
    static func route(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> Substring in
            if segment.count == 36, segment.filter({ $0 == "-" }).count == 4, segment.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                return "{id}"
            }
            guard segment.count <= 64, segment.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) else {
                return "…"
            }
            return segment
        }
        return segments.joined(separator: "/")
    }
}
