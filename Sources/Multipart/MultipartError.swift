import TextSafety

/// An upload that `MultipartForm` refused, with a message the person uploading can read.
///
/// The message never holds a byte of a part's body or a header value (a file name may hold a
/// survivor's name); it may name a field, since field names are the form's own (and are escaped
/// and cut short, since a hostile request may send any). Parts are numbered from 1.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The boundary given to the parser is empty, longer than 70 characters, or holds a
        /// character RFC 2046 does not allow.
        case invalidBoundary
        /// No line of the body is the first boundary: not a multipart form, or another boundary.
        case noFirstBoundary
        /// The body ends before the closing boundary (`--boundary--`): a cancelled or cut upload.
        case truncated
        /// More parts than `Limits.maximumParts`.
        case tooManyParts(limit: Int)
        /// A part's headers are longer than `Limits.maximumHeaderBytes`.
        case headersTooLong(part: Int, limit: Int)
        /// A header line without a colon or with a space before it, a folded line, a lone CR or LF,
        /// or a Content-Disposition or Content-Type given twice or with a parameter that does not
        /// parse.
        case malformedHeaders(part: Int)
        /// A part without a Content-Disposition header.
        case missingContentDisposition(part: Int)
        /// A Content-Disposition other than `form-data`.
        case notFormData(part: Int)
        /// A Content-Disposition without a `name`, or with an empty one.
        case missingName(part: Int)
        /// A file larger than `Limits.maximumFileBytes`.
        case fileTooLarge(field: String, limit: Int)
        /// A text field longer than `Limits.maximumFieldBytes`.
        case fieldTooLarge(field: String, limit: Int)
    }

    public var reason: Reason

    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The message: one sentence with what to do, printable (control characters escaped).
    public var description: String {
        switch reason {
        case .invalidBoundary:
            return "the upload's boundary is not valid: send the form again from its page"
        case .noFirstBoundary:
            return "the upload is not a form this page sent (no part starts with its boundary): send the form again from its page"
        case .truncated:
            return "the upload ended before its last part: try again"
        case .tooManyParts(let limit):
            return "the upload has too many parts (more than \(limit)): send fewer files at once"
        case .headersTooLong(let part, let limit):
            return "part \(part) of the upload has headers longer than \(Self.size(limit)) (a very long file name?): rename the file and try again"
        case .malformedHeaders(let part):
            return "part \(part) of the upload has a malformed header: send the form again from its page"
        case .missingContentDisposition(let part):
            return "part \(part) of the upload has no Content-Disposition header: send the form again from its page"
        case .notFormData(let part):
            return "part \(part) of the upload is not form data: send the form again from its page"
        case .missingName(let part):
            return "part \(part) of the upload has no field name: send the form again from its page"
        case .fileTooLarge(let field, let limit):
            return "the file in the field \(TextSafety.quoted(field)) is larger than \(Self.size(limit)), the most Engross accepts: send a smaller file"
        case .fieldTooLarge(let field, let limit):
            return "the field \(TextSafety.quoted(field)) is longer than \(Self.size(limit)), the most Engross accepts: shorten it"
        }
    }

    /// A limit in bytes as a person reads it: "100 MiB", "8 KiB", "1000 bytes".
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
