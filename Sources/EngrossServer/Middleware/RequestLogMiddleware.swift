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

    /// `GET /cases/{id} 200 3.1 ms`.
    static func line(_ method: String, _ route: String, _ status: Int, since start: ContinuousClock.Instant) -> String {
        "\(method) \(route) \(status) \(milliseconds(ContinuousClock.now - start)) ms"
    }

    /// `duration` in milliseconds with one decimal, rounded half up: `12.3`.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        // A tenth of a millisecond is 10^14 attoseconds.
        let tenths = seconds * 10_000 + (attoseconds + 50_000_000_000_000) / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The path with every id replaced by `{id}`, and any segment that is not one of our own
    /// words (ASCII letters, digits, `-`, `.` and `_`, at most 64) replaced by `…`, so nothing a
    /// user typed is logged. Read byte by byte: it runs for every request.
    static func route(_ path: String) -> String {
        var route = ""
        route.reserveCapacity(path.utf8.count)
        var first = true
        for segment in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if !first { route += "/" }
            first = false
            if isID(segment) {
                route += "{id}"
            } else if segment.count <= 64, segment.allSatisfy(isWordByte) {
                route += String(Substring(segment))
            } else {
                route += "…"
            }
        }
        return route
    }

    /// A UUID as the app makes them: 36 hexadecimal digits and hyphens, four of them hyphens.
    private static func isID(_ segment: Substring.UTF8View) -> Bool {
        guard segment.count == 36 else { return false }
        var hyphens = 0
        for byte in segment {
            switch byte {
            case UInt8(ascii: "-"): hyphens += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): break
            default: return false
            }
        }
        return hyphens == 4
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
