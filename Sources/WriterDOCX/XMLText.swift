/// Escaping for WordprocessingML text and attribute values.
enum XMLText {
    /// `text` escaped for XML, with characters XML 1.0 forbids (most control characters) dropped:
    /// a stray control character from a case file must never make Word refuse the document.
    static func escape(_ text: String) -> String {
        let needsWork = containsByte(text) { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF }
        guard needsWork else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20: continue
            case "\u{FFFE}", "\u{FFFF}": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether any UTF-8 byte of `text` matches: a scan of the string's own bytes, several times
    /// faster than going through `String.UTF8View`.
    static func containsByte(_ text: String, where match: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: match) }
    }
}
