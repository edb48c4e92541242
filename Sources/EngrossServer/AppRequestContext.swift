import Hummingbird
import Multipart

/// The request context of the web app: Hummingbird's, plus the body of a POST, read and checked
/// once by `FormBodyMiddleware` (which also checks its CSRF token) before any handler runs.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// A URL-encoded form's fields.
    public var form: FormBody?
    /// A multipart form's parts (uploads).
    public var multipart: MultipartForm?
    /// The raw body of a JSON or other POST, when the route takes one.
    public var body: [UInt8]?
    /// Which cases this request may see: every case on the one-user server; on a server with
    /// accounts, what the signed-in user's role allows (set by the sign-in middleware).
    public var scope: CaseScope = .everything
    /// Who new cases belong to: `nil` on the one-user server.
    public var owner: CaseOwner?
    /// The signed-in user, on a server with accounts (set by `SessionMiddleware`).
    var user: SignedInUser?
    /// The address of the connection's peer ("unknown" when there is none, as in tests).
    public let peerAddress: String
    /// The API token a request to `/api/v1/` was made with (set by `APITokenMiddleware`).
    public var apiToken: APITokenRecord?

    public init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
