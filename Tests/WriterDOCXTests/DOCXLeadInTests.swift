import DocumentModel
import Foundation
import Testing
import WriterDOCX

/// A paragraph ending with a colon keeps with the list it introduces (`w:keepNext`), in Word and
/// LibreOffice alike; other paragraphs do not.
@Suite("DOCX: a lead-in paragraph stays with its list")
struct DOCXLeadInTests {
    @Test func colonParagraphBeforeAListKeepsWithNext() throws {
        var document = docxSample
        document.blocks = [
            .paragraph(content: [.text("Petitioner asks the Court to order that Respondent:")], alignment: .left),
            .list(ordered: true, items: [[.text("not contact Petitioner;")], [.text("stay away.")]]),
            .paragraph(content: [.text("An ordinary paragraph.")], alignment: .left),
            .list(ordered: false, items: [[.text("a bullet")]]),
        ]
        let xml = try Package(document).xml("word/document.xml")
        let keeps = try xml.nodes(forXPath: "//*[local-name()='p'][*[local-name()='pPr']/*[local-name()='keepNext']]")
            .map { ($0.stringValue ?? "") }
        #expect(keeps == ["Petitioner asks the Court to order that Respondent:"])
    }
}
