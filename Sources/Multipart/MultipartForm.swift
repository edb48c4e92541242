/// A `multipart/form-data` body (RFC 7578), as a browser sends an HTML form with
/// `enctype="multipart/form-data"`: its text fields and its files.
///
/// ```swift
/// guard let boundary = MultipartForm.boundary(fromContentType: contentTypeHeader) else { … 400 … }
/// let form = try MultipartForm(body: bytes, boundary: boundary)   // throws MultipartError
/// let title = form.value("title") ?? ""
/// guard let exhibit = form.file("exhibit"), !exhibit.body.isEmpty else { … "choose a file" … }
/// ```
///
/// The body comes from the network, so parsing is bounded (`Limits`) and linear: one scan of the
/// bytes for each delimiter, never a conversion of the body to a string. The caller limits the
/// whole body before reading it. Everything a part says about itself (its file name and content
/// type) is the sender's claim: check a file's type from its bytes, and never use its file name
/// as a path.
public struct MultipartForm: Sendable {
    /// One field of the form: a text field, or a file when `filename` is not nil.
    public struct Part: Sendable {
        /// The field's name (Content-Disposition's `name`).
        public var name: String
        /// The file's name as the browser sent it (`filename`; `filename*` is ignored), or nil for
        /// a text field. Empty, with an empty body, when the form's file input had no file chosen.
        /// Decoded as UTF-8; may hold any character, a path, or a survivor's name: never log it.
        public var filename: String?
        /// The part's Content-Type as sent (`application/pdf`, `text/plain; charset=utf-8`), or nil.
        public var contentType: String?
        /// The part's bytes, exactly as sent.
        public var body: [UInt8]

        public init(name: String, filename: String? = nil, contentType: String? = nil, body: [UInt8]) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.body = body
        }
    }

    /// What a body may hold; past any of them, parsing stops with a `MultipartError`.
    public struct Limits: Sendable {
        /// Parts in all (a browser sends one per named control, checkboxes included).
        public var maximumParts: Int
        /// The headers of one part, without the blank line that ends them.
        public var maximumHeaderBytes: Int
        /// The body of one file part (a part with a `filename`).
        public var maximumFileBytes: Int
        /// The body of one text field (a part without a `filename`).
        public var maximumFieldBytes: Int

        /// 64 parts; 8 KiB of headers a part (the longest file name a browser sends is far
        /// shorter); 100 MiB a file, the limit of an exhibit in a packet; 1 MiB a text field.
        public init(maximumParts: Int = 64, maximumHeaderBytes: Int = 8 << 10, maximumFileBytes: Int = 100 << 20, maximumFieldBytes: Int = 1 << 20) {
            self.maximumParts = maximumParts
            self.maximumHeaderBytes = maximumHeaderBytes
            self.maximumFileBytes = maximumFileBytes
            self.maximumFieldBytes = maximumFieldBytes
        }
    }

    /// The parts in the order they came.
    public var parts: [Part]

    /// A form made of `parts`, for tests and for callers that build one.
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Parses `body`, whose parts are separated by `boundary` (from `boundary(fromContentType:)`).
    ///
    /// A preamble before the first boundary and an epilogue after the closing `--boundary--` are
    /// ignored; a body without the closing boundary is refused as cut short. Every part needs a
    /// `Content-Disposition: form-data; name="…"` header.
    public init(body: [UInt8], boundary: String, limits: Limits = .init()) throws(MultipartError) {
        guard Self.isValidBoundary(boundary) else { throw MultipartError(.invalidBoundary) }
        parts = try body.withUnsafeBufferPointer { (buffer) throws(MultipartError) -> [Part] in
            let scanner = MultipartScanner(buffer: buffer, boundary: Array(boundary.utf8), limits: limits)
            return try scanner.parts()
        }
    }

    /// The first text field called `name`, decoded as UTF-8 (a malformed sequence becomes U+FFFD),
    /// or nil when the form has none. A file part of that name is not a text field.
    public func value(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }.map { String(decoding: $0.body, as: UTF8.self) }
    }

    /// The first file part called `name`, or nil. A file input with no file chosen gives a part
    /// whose `filename` and `body` are empty.
    public func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.filename != nil }
    }

    /// The boundary of a `multipart/form-data` Content-Type header value, or nil when the value is
    /// another media type, or has no boundary, or a malformed, repeated or invalid one.
    ///
    /// Parameter names are case-insensitive and the boundary may be quoted
    /// (`multipart/form-data; boundary="a b"`); RFC 2046 allows 1 to 70 characters of
    /// `0-9 A-Z a-z ' ( ) + _ , - . / : = ?` and space, not ending with a space.
    public static func boundary(fromContentType contentType: String) -> String? {
        guard let header = HeaderParameters(contentType.utf8), header.valueIs("multipart/form-data"),
            case .found(let bytes) = header.parameter("boundary")
        else { return nil }
        let boundary = String(decoding: bytes, as: UTF8.self)
        return isValidBoundary(boundary) ? boundary : nil
    }

    /// Whether `boundary` is one RFC 2046 allows (`bchars`, 1 to 70, no trailing space).
    static func isValidBoundary(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != .space else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                return true
            default:
                return "'()+_,-./:=? ".utf8.contains(byte)
            }
        }
    }
}
