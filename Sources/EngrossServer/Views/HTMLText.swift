/// HTML being written piece by piece: markup appended as it is, text escaped for element content
/// and for attribute values in double quotes.
///
/// ```swift
/// var html = HTMLText()
/// html.markup("<label for=\"f-name\">")
/// html.text("Client's name")   // Client&#39;s name
/// html.markup("</label>")
/// ```
struct HTMLText {
    private(set) var string = ""

    init(capacity: Int = 0) { string.reserveCapacity(capacity) }

    /// Markup written by the app itself, appended unchanged.
    mutating func markup(_ piece: String) { string += piece }

    /// A number, which needs no escaping.
    mutating func number(_ value: Int) { string += String(value) }

    /// Text escaped for element content and quoted attribute values: `&`, `<`, `>`, `"` and `'`,
    /// each byte by itself (a quote followed by a combining mark is still a quote to the
    /// browser's parser). Runs without them are appended whole.
    mutating func text(_ value: String) {
        let bytes = value.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let replacement: String
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default:
                index = bytes.index(after: index)
                continue
            }
            // An ASCII byte always starts a scalar, so both ends of the run are valid indices.
            string += value[start..<index]
            string += replacement
            index = bytes.index(after: index)
            start = index
        }
        string += value[start..<bytes.endIndex]
    }

    /// `value`, escaped.
    static func escaped(_ value: String) -> String {
        var html = HTMLText(capacity: value.utf8.count)
        html.text(value)
        return html.string
    }
}
