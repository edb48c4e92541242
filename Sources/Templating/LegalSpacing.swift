/// Legal typography: the spaces inside a citation that a line must not break at.
///
/// "8 C.F.R. § 214.202" must never end a line with "8 C.F.R. §" and start the next with
/// "214.202". Writers break lines only at ordinary spaces, so the spaces that hold a citation
/// together become no-break spaces (U+00A0) in the document model, and every writer (TXT, MD,
/// HTML, DOCX, PDF) keeps them: the spaces before and after "§", "§§", "¶" and "¶¶" (a sign
/// never starts a line, and never ends one: "INA § 212", "Decl. ¶ 12"); the space after
/// "U.S.C." and "C.F.R." (before the section); and the space between a title number and
/// "U.S.C." or "C.F.R." ("8 U.S.C.").
///
/// Template text is bound once, when the template is parsed; values from a case file (a
/// statute a crime was charged under, "Cal. Penal Code § 236") when they are placed; citations
/// that Engross writes ("¶ 12", "Decl. ¶¶ 5–7", "Ex. C") are written bound.
public enum LegalSpacing {
    /// U+00A0 NO-BREAK SPACE.
    public static let noBreakSpace = "\u{00A0}"

    /// `text` with the spaces of its citations made no-break spaces; `text` itself (no copy) when
    /// it holds no citation.
    public static func bind(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard mayHoldCitation(bytes) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var changed = false
        for index in bytes.indices {
            if bytes[index] == 0x20, binds(bytes, spaceAt: index) {
                output += [0xC2, 0xA0]
                changed = true
            } else {
                output.append(bytes[index])
            }
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// Whether the bytes hold a "§" or "¶" (UTF-8 C2 A7, C2 B6) or a ".C." or ".R." (of "U.S.C."
    /// or "C.F.R."): one pass that lets most text through untouched.
    private static func mayHoldCitation(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 3 else { return false }
        for index in 0..<(bytes.count - 2) {
            let (a, b, c) = (bytes[index], bytes[index + 1], bytes[index + 2])
            if a == 0xC2, b == 0xA7 || b == 0xB6 { return true }
            if a == 0x2E, b == 0x43 || b == 0x52, c == 0x2E { return true }
        }
        return bytes[bytes.count - 2] == 0xC2 && (bytes[bytes.count - 1] == 0xA7 || bytes[bytes.count - 1] == 0xB6)
    }

    /// Whether two bytes are "§" or "¶" in UTF-8.
    private static func isSign(_ first: UInt8, _ second: UInt8) -> Bool {
        first == 0xC2 && (second == 0xA7 || second == 0xB6)
    }

    private static let codes: [[UInt8]] = [Array("U.S.C.".utf8), Array("C.F.R.".utf8)]

    /// Whether the space at `index` holds a citation together.
    private static func binds(_ bytes: [UInt8], spaceAt index: Int) -> Bool {
        // After "§" or "¶" (and so after "§§" and "¶¶"), and before them: a sign never starts a
        // line ("INA § 212", "Decl. ¶ 12").
        if index >= 2, isSign(bytes[index - 2], bytes[index - 1]) { return true }
        if index + 2 < bytes.count, isSign(bytes[index + 1], bytes[index + 2]) { return true }
        for code in codes {
            // After the code: "C.F.R. § 214.202", "8 U.S.C. 1367".
            if index >= code.count, bytes[(index - code.count)..<index].elementsEqual(code) { return true }
            // Between a title number and the code: "8 C.F.R.".
            if index >= 1, (0x30...0x39).contains(bytes[index - 1]), index + code.count < bytes.count,
                bytes[(index + 1)...(index + code.count)].elementsEqual(code)
            {
                return true
            }
        }
        return false
    }
}
