/// UTF-8 bytes of XML being built. Appending a string's bytes to an array is several times
/// cheaper than appending to a `String`, and a body is built from about a thousand pieces.
struct XMLBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the UTF-8 bytes of `text`.
    static func += (buffer: inout XMLBuffer, text: String) {
        var text = text
        text.withUTF8 { buffer.bytes.append(contentsOf: $0) }
    }
}
