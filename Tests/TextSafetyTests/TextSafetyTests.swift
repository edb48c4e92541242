import Testing

@testable import TextSafety

@Suite("Unsafe characters in documents and messages")
struct TextSafetyTests {
    @Test func documentsLoseControlsAndOverridesButKeepEveryScript() {
        #expect(TextSafety.forDocument("Jane\u{1B}[31m Doe") == "Jane[31m Doe")
        #expect(TextSafety.forDocument("exe.\u{202E}txt\u{202C}") == "exe.txt")
        #expect(TextSafety.forDocument("\u{2066}isolated\u{2069}\u{0085}next") == "isolated\nnext")
        #expect(TextSafety.forDocument("one\r\ntwo\rthree\u{0B}four\u{0C}five") == "one\ntwo\nthree\nfour\nfive")
        #expect(TextSafety.forDocument("bell\u{07}\u{7F}\u{9B}\u{FFFE}") == "bell")
        // Letters of every script, no-break spaces and the marks right-to-left text needs survive untouched.
        for kept in ["§\u{00A0}1367 ¶\u{00A0}12", "أميرة متحال\u{200F} (A000000001)", "שלום", "Nguyễn Thị", "क्षि\u{200D}", "tab\tand\nnewline", "“quoted” – •"] {
            #expect(!TextSafety.needsCleaning(kept), "\(kept)")
            #expect(TextSafety.forDocument(kept) == kept)
        }
    }

    @Test func theByteScanFindsEveryUnsafeScalar() {
        // Every scalar of the ranges the scan looks at, alone and at the end of a string (no byte read past it).
        for value in [0x00...0x2FF, 0x2000...0x20FF, 0xFFF0...0xFFFF].joined() {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let text = "ab" + String(Character(scalar))
            #expect(TextSafety.needsCleaning(text) == TextSafety.isUnsafe(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func theScanFindsAnUnsafeCharacterAtEveryPlaceOfALongText() {
        // Eight bytes are checked at once while they are printable ASCII: an unsafe character at any
        // place, or a safe one that is not ASCII, must still be seen for what it is.
        let plain = String(repeating: "Safety plan, ", count: 3)
        for inserted in ["\u{1B}", "\u{7F}", "\u{0}", "\u{1F}", "\u{9B}", "\u{202E}", "\u{2069}", "\u{FFFF}", "\u{2028}"] {
            for offset in 0...plain.utf8.count {
                let index = plain.utf8.index(plain.startIndex, offsetBy: offset)
                let text = String(plain[..<index]) + inserted + String(plain[index...])
                #expect(TextSafety.needsCleaning(text), "\(offset)")
                #expect(TextSafety.forDocument(text) == plain.prefix(offset) + (inserted == "\u{2028}" ? "\n" : "") + plain.dropFirst(offset))
            }
        }
        for kept in ["\t", "\n", "~", " ", "\u{00A0}", "’", "أ", "\u{200F}", "😀"] {
            for offset in 0...plain.utf8.count {
                let index = plain.utf8.index(plain.startIndex, offsetBy: offset)
                #expect(!TextSafety.needsCleaning(String(plain[..<index]) + kept + String(plain[index...])), "\(offset)")
            }
        }
    }

    @Test func messagesEscapeControlsAndCutLongText() {
        #expect(TextSafety.quoted("a\nb:1:1: error: forged") == "\"a\\nb:1:1: error: forged\"")
        #expect(TextSafety.forMessage("\u{1B}[2J\tx\r\n", limit: 100) == "\\u{1B}[2J\\tx\\r\\n")
        #expect(TextSafety.forMessage("\u{202E}fdp.exe", limit: 100) == "\\u{202E}fdp.exe")
        let key = String(repeating: "k", count: 10_000_000)
        #expect(TextSafety.quoted(key) == "\"" + String(repeating: "k", count: 40) + "…\"")
        #expect(TextSafety.forMessage("Amira", limit: 5) == "Amira")
        #expect(TextSafety.forMessage("أميرة متحال", limit: 100) == "أميرة متحال")
        #expect(TextSafety.forMessage("أميرة متحال", limit: 5) == "أميرة…")
        #expect(TextSafety.forMessage(String(repeating: "ab", count: 30) + "\n", limit: 10) == "ababababab…")
        #expect(TextSafety.forMessage("ab\ncd", limit: 10) == "ab\\ncd")
        #expect(TextSafety.forMessage("exactly ten", limit: 11) == "exactly ten")
    }
}
