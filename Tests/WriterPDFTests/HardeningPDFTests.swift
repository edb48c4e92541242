import DocumentModel
import Foundation
import TestSupport
import Testing
import WriterPDF

/// Regression tests for the issue "[2/6] Hardening" in the PDF writer.
@Suite("Hardening: PDF output")
struct HardeningPDFTests {
    private func document(_ page: PageSetup) -> Document {
        Document(metadata: Metadata(title: "T", templateID: "t", templateVersion: "1", kind: "letter", marking: "CONFIDENTIAL",
            date: "2026-11-29"), page: page, blocks: [.paragraph(content: [.text("Hello.")], alignment: .left)])
    }

    /// Templates are checked for sensible margins; a page made in code must still not crash the writer.
    @Test func absurdMarginsMadeInCodeDoNotCrash() throws {
        for margins in [Margins(all: 15000 * 72), Margins(all: 1e300), Margins(all: -1e12)] {
            let bytes = try PDFWriter().render(document(PageSetup(margins: margins)))
            #expect(bytes.starts(with: Array("%PDF-".utf8)))
        }
    }

    /// The footer stays on the page at the largest font size: the running text is at most 12pt.
    @Test func theFooterFitsAtTheLargestFontSize() throws {
        let page = PageSetup(margins: Margins(top: 36, right: 198, bottom: 36, left: 198), fontSize: 72, lineSpacing: .double)
        #expect(page.runningFontSize == 12)
        let text = try pdfTool("pdftotext", try PDFWriter().render(document(page)), ["-layout"])
        #expect(text.contains("Page 1 of 1"))
        #expect(text.contains("CONFIDENTIAL"))
    }
}
