/// HTML being written piece by piece: markup appended as it is, text escaped for element content
/// and for attribute values in double quotes.
///
/// ```swift
/// var html = HTMLText()
/// html.markup("<label for=\"f-name\">")
/// html.text("Client's name")   // Client&#39;s name
/// html.markup("</label>")
/// ```
///
/// The HTML is kept as UTF-8 bytes: appending to an array is a copy, where appending to a
/// `String` also checks its storage, capacity and flags every time, and a form page is written
/// in hundreds of pieces (BENCHMARKS.md).
struct HTMLText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The HTML as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup written by the app itself, appended unchanged.
    mutating func markup(_ piece: String) {
        var piece = piece
        piece.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A number, which needs no escaping.
    mutating func number(_ value: Int) { markup(String(value)) }

    /// Text escaped for element content and quoted attribute values: `&`, `<`, `>`, `"` and `'`,
    /// each byte by itself (a quote followed by a combining mark is still a quote to the
    /// browser's parser). Runs without them are appended whole.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { source in
            var start = 0
            for index in source.indices {
                let replacement: StaticString
                switch source[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...]))
        }
    }

    /// `value`, escaped.
    static func escaped(_ value: String) -> String {
        var html = HTMLText(capacity: value.utf8.count + 16)
        html.text(value)
        return html.string
    }
}
