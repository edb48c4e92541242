@testable import EngrossServer
import Foundation
import Testing

/// How the form's text is cleaned before it is saved: as Foundation's trimming did it.
@Suite struct FormDecoderTextTests {
    @Test func trimmingRemovesWhatFoundationRemoves() {
        // Every White_Space character, at either end, and inside (kept).
        let spaces = "\u{9}\u{A}\u{B}\u{C}\u{D}\u{20}\u{85}\u{A0}\u{1680}\u{2000}\u{2005}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}"
        let samples = ["", " ", spaces, "Ana", " Ana ", spaces + "Ana \u{A0} Example" + spaces, "\u{200B}zero width\u{200B}",
            "\r\nline\r\n", " é\u{301} ", "\u{FEFF}bom", "東京 ", "\u{20}\u{301}mark"]
        for sample in samples {
            #expect(FormDecoder.trimming(sample) == sample.trimmingCharacters(in: .whitespacesAndNewlines), "\(sample.unicodeScalars.map(\.value))")
        }
    }

    @Test func everyCharacterIsTrimmedAsFoundationTrimsIt() {
        for value in 0...0xFFFF {  // every White_Space character is in the Basic Multilingual Plane
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            if FormDecoder.trimming(text) != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                Issue.record("U+\(String(value, radix: 16)) is trimmed differently")
            }
        }
    }

    @Test func textAreaLineBreaksBecomeNewlines() {
        #expect(FormDecoder.unixLineBreaks("First.\r\n\r\nSecond.\r\n") == "First.\n\nSecond.\n")
        #expect(FormDecoder.unixLineBreaks("a\rb\n\r") == "a\rb\n\r")
        #expect(FormDecoder.unixLineBreaks("no breaks") == "no breaks")
        #expect(FormDecoder.unixLineBreaks("Zoë\r\n東京") == "Zoë\n東京")
    }
}
