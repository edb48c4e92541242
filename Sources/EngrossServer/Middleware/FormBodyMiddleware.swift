import Hummingbird
import Multipart

/// Reads the body of every POST once, within its size limit, parses it by content type, and
/// refuses it unless it carries the CSRF token and comes from this site. Handlers find the
/// parsed form in the context: no route can forget the check.
struct FormBodyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// The token every form and every script request must send, unless a signed-in user sends
    /// their session's.
    let token: String
    /// The largest body of an ordinary form, and the largest file a route that takes uploads
    /// accepts (its body may be 1 MiB more, for the form's other fields).
    let formLimit: Int
    let uploadLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The API reads its own bodies and authenticates with a bearer token, never a cookie.
        guard request.method == .post, !APITokenMiddleware.isAPI(request.uri.path) else { return try await next(request, context) }
        if let site = request.headers[.fetchSite], site != "same-origin", site != "none" {
            throw HTTPError(.forbidden, message: "This form was sent from another site, and was refused.")
        }
        if let origin = request.headers[.origin], origin != "null", let host = (request.head.authority ?? request.headers[.hostHeader]),
            !(origin.hasSuffix("://" + host))
        {
            throw HTTPError(.forbidden, message: "This form was sent from another site, and was refused.")
        }
        let isUpload = Self.takesUploads(request.uri.path)
        let limit = isUpload ? uploadLimit + (1 << 20) : formLimit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Self.tooLarge(isUpload: isUpload, limit: isUpload ? uploadLimit : limit)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(isUpload: isUpload, limit: isUpload ? uploadLimit : limit)
        }
        var context = context
        let bytes = buffer.readableBytesView
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var sentToken = request.headers[.csrfToken]
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            guard let form = FormBody(bytes) else {
                throw HTTPError(.badRequest, message: "The form could not be read: its text is not valid UTF-8.")
            }
            context.form = form
            sentToken = sentToken ?? form.last("_csrf")
        } else if contentType.hasPrefix("multipart/form-data") {
            guard let boundary = MultipartForm.boundary(fromContentType: request.headers[.contentType] ?? "") else {
                throw HTTPError(.badRequest, message: "The upload could not be read: it names no boundary.")
            }
            do {
                let form = try MultipartForm(body: Array(bytes), boundary: boundary, limits: .init(maximumFileBytes: uploadLimit))
                context.multipart = form
                sentToken = sentToken ?? form.value("_csrf")
            } catch {
                throw HTTPError(.badRequest, message: "The upload could not be read: \(error.description)")
            }
        } else {
            context.body = Array(bytes)
        }
        // With accounts, a signed-in user's forms carry their session's token.
        guard let sentToken, Self.constantTimeEqual(sentToken, context.user?.csrf ?? token) else {
            throw HTTPError(.forbidden, message: "This form is out of date or did not come from this page: go back, reload the page and send it again.")
        }
        return try await next(request, context)
    }

    /// Routes that take files: exhibits and imported case files.
    static func takesUploads(_ path: String) -> Bool {
        path.hasSuffix("/exhibits") || path == "/cases/import"
    }

    static func tooLarge(isUpload: Bool, limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, message: isUpload
            ? "The file is larger than \(limit >> 20) MB, the most this server takes. Split the exhibit, or lower the resolution of its scans."
            : "The form is larger than \(limit >> 20) MB, the most this server takes.")
    }

    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
