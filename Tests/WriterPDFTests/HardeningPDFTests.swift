import DocumentModel
import Foundation
import TestSupport
import Testing
@testable import WriterPDF

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

    /// A paragraph of about 480,000 characters was cut to one line (Pango's 32-bit width of the
    /// whole paragraph overflowed); it is now set whole, every word on the pages.
    @Test func aVeryLongParagraphIsSetWhole() throws {
        let words = (0..<80_000).map { "w\($0)" }
        let document = Document(metadata: Metadata(title: "T", templateID: "t", templateVersion: "1", kind: "letter"),
            blocks: [.paragraph(content: [.text(words.joined(separator: " ") + " END")], alignment: .justify)])
        let text = try pdfTool("pdftotext", try PDFWriter().render(document))
        let found = text.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("w") }
        #expect(found.count == words.count)
        #expect(found.last == "w79999")
        #expect(text.contains("END"))
    }

    /// Laid out in pieces, a paragraph breaks into the very lines one layout gives it: with a
    /// label and hanging indent, justified, with bold and italic runs across the pieces' edges.
    @Test func piecesBreakLikeOneLayout() {
        let canvas = PDFCanvas(width: 612, height: 792)
        var content: [Inline] = []
        for index in 0..<1500 {
            let word = index % 7 == 0 ? "Nguyễn" : "word\(index)"
            content.append(index % 11 == 0 ? .styled(.bold, [.text(word + " ")]) : index % 13 == 0 ? .styled(.italic, [.text(word + " ")]) : .text(word + " "))
        }
        let style = TextBlock.Style(font: "Liberation Serif", size: 12, alignment: .justify, label: "12.", hangingIndent: 36)
        let whole = TextBlock(content, width: 468, style: style, context: canvas.textContext, segmentBytes: .max)
        for segment in [500, 2048, 4096] {
            let pieces = TextBlock(content, width: 468, style: style, context: canvas.textContext, segmentBytes: segment)
            #expect(pieces.lineStarts == whole.lineStarts, "pieces of \(segment) bytes")
            #expect(pieces.lines.map(\.top) == whole.lines.map(\.top))
            #expect(pieces.lines.map(\.x) == whole.lines.map(\.x))
        }
        #expect(whole.lines.count > 100)
        _ = canvas.finish()
    }

    /// A 50 MB narrative took a minute and 5.4 GB to set; past the limit the PDF is refused
    /// before any layout, with the reason.
    @Test func tooMuchTextIsRefusedBeforeLayout() {
        let paragraph = Block.paragraph(content: [.text(String(repeating: "word ", count: 200_000))], alignment: .left)
        let document = Document(metadata: Metadata(title: "T", templateID: "t", templateVersion: "1", kind: "letter"),
            blocks: Array(repeating: paragraph, count: 5))
        #expect(document.textByteCount == 5_000_000)
        do {
            _ = try PDFWriter().render(document)
            Issue.record("5 MB of text was set")
        } catch {
            #expect(error.description.contains("the text is 5.0 MB, and a PDF is set from at most 4 MB"))
        }
    }
}
