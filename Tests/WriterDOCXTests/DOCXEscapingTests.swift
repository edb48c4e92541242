import DocumentModel
import Foundation
import Testing
import WriterDOCX

@Suite("DOCX: control characters, overrides and line breaks in values")
struct DOCXEscapingTests {
    @Test func overridesAndControlsAreDroppedAndLineBreaksKept() throws {
        let document = Document(
            metadata: Metadata(title: "T", templateID: "t/t", templateVersion: "1", kind: "letter"),
            blocks: [.paragraph(content: [
                .sensitive("exe.\u{202E}txt\u{202C} \u{2066}x\u{2069}\u{9B}", redaction: "x"), .text(" & one\rtwo\u{0B}three\r\nfour §\u{00A0}1 أميرة"),
            ], alignment: .left)])
        let xml = String(decoding: try Package(document).data("word/document.xml"), as: UTF8.self)
        for scalar: Unicode.Scalar in ["\u{202E}", "\u{202C}", "\u{2066}", "\u{2069}", "\u{9B}", "\r", "\u{0B}"] {
            #expect(!xml.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        #expect(xml.contains(">exe.txt x</w:t>"))
        #expect(xml.contains("> &amp; one</w:t><w:br/><w:t xml:space=\"preserve\">two</w:t><w:br/><w:t xml:space=\"preserve\">three</w:t><w:br/><w:t xml:space=\"preserve\">four §\u{00A0}1 أميرة</w:t>"))
    }
}
