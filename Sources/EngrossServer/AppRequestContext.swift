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

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
