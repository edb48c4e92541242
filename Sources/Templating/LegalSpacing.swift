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
        // Values are bound as they are placed, thousands of times in a batch: most hold no
        // citation, and are scanned in place without copying their bytes.
        guard mayHoldCitation(text.utf8) else { return text }
        let bytes = Array(text.utf8)
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

    /// Whether the text holds a "§" or "¶" (UTF-8 C2 A7, C2 B6) or a ".C." or ".R." (of "U.S.C."
    /// or "C.F.R."): one pass over the bytes, with no copy, that lets most text through untouched.
    private static func mayHoldCitation(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in utf8 {
            if isSign(previous, byte) { return true }
            if beforePrevious == 0x2E, previous == 0x43 || previous == 0x52, byte == 0x2E { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
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
