import CaseData
import Hummingbird

/// An error of the HTTP API as RFC 9457 describes it (`application/problem+json`): a status, a
/// short title, what went wrong and how to fix it, and for a case that is not valid its
/// diagnostics. Never a value of the case.
struct APIProblem: Error {
    var status: HTTPResponse.Status
    var detail: String
    /// More members: `valid`, `errors`, `warnings`, `diagnostics` for a case that is not valid.
    var members: [(String, CaseValue)] = []
    var headers: HTTPFields = [:]

    /// The media type of every API error.
    static let mediaType = "application/problem+json"

    /// The problem an error thrown by a handler, the router or a middleware stands for. An
    /// unexpected error is told without its details, which could hold case data.
    init(_ error: any Error) {
        if let problem = error as? APIProblem {
            self = problem
        } else if let error = error as? HTTPError {
            self.init(status: error.status, detail: error.body ?? Self.defaultDetail(error.status), headers: error.headers)
        } else if let error = error as? any HTTPResponseError {
            self.init(status: error.status, detail: Self.defaultDetail(error.status))
        } else {
            self.init(status: .internalServerError, detail: Self.defaultDetail(.internalServerError))
        }
    }

    init(status: HTTPResponse.Status, detail: String, members: [(String, CaseValue)] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.members = members
        self.headers = headers
    }

    /// 401, with the challenge RFC 6750 asks for.
    static func unauthorized(_ detail: String, invalidToken: Bool) -> APIProblem {
        APIProblem(status: .unauthorized, detail: detail,
            headers: [.wwwAuthenticate: invalidToken ? "Bearer realm=\"engross\", error=\"invalid_token\"" : "Bearer realm=\"engross\""])
    }

    var response: Response {
        var entries: [(String, CaseValue)] = [
            ("type", .string("about:blank")), ("title", .string(status.reasonPhrase)), ("status", .number(Double(status.code))),
            ("detail", .string(detail)),
        ]
        entries += members
        var headers = self.headers
        headers[.contentType] = Self.mediaType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: CaseValue.object(entries).jsonText(pretty: false))))
    }

    static func defaultDetail(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "There is no such resource: GET /api/v1/templates lists the templates and packets."
        case .methodNotAllowed: "This resource does not take that method (see /api/openapi.json)."
        case .contentTooLarge: "The request body is larger than this server takes."
        default: "Something went wrong on the server; try again."
        }
    }
}
