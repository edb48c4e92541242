/// Escaping for XML text and attribute values (WordprocessingML, XMP metadata).
public enum XMLText {
    /// `text` escaped for XML, with control characters (which XML 1.0 mostly forbids) and
    /// bidirectional overrides dropped, and every line break a line feed (`TextSafety`): a stray
    /// control character from a case file must never make Word refuse the document, nor an
    /// override make a value read as something else.
    public static func escape(_ text: String) -> String {
        let markup = containsByte(text) { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }
        let unsafeCharacters = TextSafety.needsCleaning(text)
        guard markup || unsafeCharacters else { return text }
        let clean = unsafeCharacters ? TextSafety.forDocument(text) : text
        guard markup else { return clean }
        var result = ""
        result.reserveCapacity(clean.utf8.count + 16)
        for scalar in clean.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether any UTF-8 byte of `text` matches: a scan of the string's own bytes, several times
    /// faster than going through `String.UTF8View`.
    public static func containsByte(_ text: String, where match: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(where: match) }
    }
}
