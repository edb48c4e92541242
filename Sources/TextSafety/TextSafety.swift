/// Which characters are unsafe to pass on from a case file, and text made safe for a document or
/// for a message.
///
/// Unsafe are the control characters (C0 but tab and line feed, DEL, C1), the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make text read
/// differently from what it holds ("txt.exe" shown as "exe.txt"), the line and paragraph
/// separators, and the noncharacters U+FFFE and U+FFFF. Everything else stays: letters of every
/// script (Arabic and Hebrew included), no-break spaces, and the marks right-to-left text needs
/// (U+200E, U+200F, U+061C, zero-width joiners).
public enum TextSafety {
    /// Whether `text` holds any unsafe character (line feeds and tabs are safe): a scan of its
    /// bytes, with no copy when the answer is no.
    @inlinable
    public static func needsCleaning(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstUnsafeByte(in: $0) != nil }
    }

    /// The offset of the first byte that starts an unsafe character, or nil. With
    /// `escapingLineBreaks`, tabs and line feeds count as unsafe too (for messages).
    @usableFromInline
    static func firstUnsafeByte(in bytes: UnsafeBufferPointer<UInt8>, escapingLineBreaks: Bool = false) -> Int? {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        while index < count {
            // Eight bytes at a time while they are printable ASCII (most text): no high bit, no
            // byte below 0x20, none equal to 0x7F (the "has less than" and "has zero" tricks).
            if index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let below20 = (word &- 0x2020_2020_2020_2020) & ~word & high
                let del = word ^ 0x7F7F_7F7F_7F7F_7F7F
                let isDel = (del &- 0x0101_0101_0101_0101) & ~del & high
                if (word & high) | below20 | isDel == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte < 0x20 && (escapingLineBreaks || (byte != 0x09 && byte != 0x0A)) || byte == 0x7F { return index }
            } else if byte == 0xC2 {
                // U+0080–U+009F: C2 80 – C2 9F.
                if index + 1 < count, bytes[index + 1] < 0xA0 { return index }
            } else if byte == 0xE2 {
                // U+2028–U+202E: E2 80 A8 – E2 80 AE; U+2066–U+2069: E2 81 A6 – E2 81 A9.
                if index + 2 < count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    if (second == 0x80 && (0xA8...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) {
                        return index
                    }
                }
            } else if byte == 0xEF {
                // U+FFFE, U+FFFF: EF BF BE, EF BF BF.
                if index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return index }
            }
            index += 1
        }
        return nil
    }

    /// Whether `scalar` is unsafe (see the type's summary); tab and line feed are not.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028...0x202E, 0x2066...0x2069: return true
        case 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// Whether `scalar` ends a line where it stands: vertical tab and form feed (Word's line and
    /// page breaks in pasted text), carriage return, next line, and the line and paragraph
    /// separators.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` for a document: every line break written as a line feed (a carriage return and
    /// line feed as one), every other unsafe character dropped. Returns `text` itself when it
    /// holds nothing unsafe.
    public static func forDocument(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        var result = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in text.unicodeScalars {
            defer { afterReturn = scalar == "\r" }
            if scalar == "\n", afterReturn { continue }
            if isLineBreak(scalar) {
                result.append("\n")
            } else if !isUnsafe(scalar) {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// How many characters of a value a message quotes.
    public static let excerptLimit = 40

    /// `text` for a message on a terminal or in a report: every unsafe character, line feeds and
    /// tabs included, written as an escape (`\n`, `\t`, `\r`, `\u{1B}`), so that no value can
    /// forge a message line or colour a terminal; cut after `limit` characters with "…".
    public static func forMessage(_ text: some StringProtocol, limit: Int) -> String {
        // Most text is short and clean, and a validator quotes every value it checks (in case it
        // must report it): no copy, and no walk through its characters, then.
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            if bytes.count <= limit {
                return firstUnsafeByte(in: bytes, escapingLineBreaks: true) == nil ? String(text) : nil
            }
            // Longer, and printable ASCII up to the cut: its first `limit` characters are bytes.
            let head = UnsafeBufferPointer(rebasing: bytes[..<limit])
            guard head.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            return String(decoding: head, as: UTF8.self) + "…"
        }
        if let fast, let fast { return fast }
        var result = ""
        var count = 0
        for character in text {
            if count == limit {
                result += "…"
                break
            }
            count += 1
            guard character.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || isUnsafe($0) }) else {
                result.append(character)
                continue
            }
            for scalar in character.unicodeScalars {
                switch scalar {
                case "\n": result += "\\n"
                case "\t": result += "\\t"
                case "\r": result += "\\r"
                case _ where isUnsafe(scalar):
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default: result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// `"text"` for a message: escaped and cut to `limit` characters (see `forMessage`).
    public static func quoted(_ text: some StringProtocol, limit: Int = excerptLimit) -> String {
        "\"" + forMessage(text, limit: limit) + "\""
    }
}
