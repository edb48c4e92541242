import DocumentModel
import Foundation
import Testing
import WriterDOCX

/// Word and LibreOffice break lines only at ordinary spaces: the no-break spaces that hold a
/// citation together ("8 C.F.R. § 214.202") must reach the package as they are.
@Suite("DOCX: no-break spaces in citations")
struct DOCXNoBreakSpaceTests {
    @Test func noBreakSpacesReachTheRunsUnchanged() throws {
        let citation = "8\u{00A0}C.F.R.\u{00A0}§\u{00A0}214.202"
        var document = docxSample
        document.blocks = [.paragraph(content: [.text("Under " + citation + ", and "), .reference(target: "a", text: "¶\u{00A0}12")], alignment: .left)]
        let texts = try Package(document).xml("word/document.xml").values("//*[local-name()='t']").joined()
        #expect(texts == "Under " + citation + ", and ¶\u{00A0}12")
    }
}
