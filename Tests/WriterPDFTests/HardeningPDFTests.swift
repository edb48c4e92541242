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

    /// The first bytes of a PNG whose header claims `width` × `height` pixels, followed by no image.
    private func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + bigEndian(width) + bigEndian(height)
            + [8, 2, 0, 0, 0] + Array(repeating: 0x42, count: 64)
    }

    /// A 389 KB PNG of 20,000 × 20,000 pixels took 1.6 GB to decode; the header is read first and
    /// the image refused without decoding (the bytes after the header here are not an image at all).
    @Test func aHugeImageIsRefusedFromItsHeader() {
        #expect(throws: ExhibitFile.OpenError.tooLarge(width: 20_000, height: 20_000)) { try ExhibitFile(bytes: pngHeader(width: 20_000, height: 20_000)) }
        #expect(throws: ExhibitFile.OpenError.tooLarge(width: 7072, height: 7072)) { try ExhibitFile(bytes: pngHeader(width: 7072, height: 7072)) }
        #expect(throws: ExhibitFile.OpenError.tooLarge(width: 20_001, height: 10)) { try ExhibitFile(bytes: pngHeader(width: 20_001, height: 10)) }
        // Within the limits the header passes and the (missing) image data is found damaged.
        #expect(throws: ExhibitFile.OpenError.damaged("the PNG image is damaged")) { try ExhibitFile(bytes: pngHeader(width: 7000, height: 7000)) }
        #expect(ExhibitFile.OpenError.tooLarge(width: 20_000, height: 20_000).description
            == "is an image of 20000 × 20000 pixels, and an exhibit image may have at most 50 million pixels (20000 a side); scale it down, e.g. to 300 dpi")
    }

    /// A PNG is decoded only while its page is drawn (so five large ones are never in memory
    /// together), and still appears on its page.
    @Test func aPNGDecodedAtItsPageIsStillDrawn() throws {
        let source = try PDFWriter().render(document(PageSetup()))
        let base = NSTemporaryDirectory() + "engross-png-\(UUID().uuidString)"
        try Data(source).write(to: URL(fileURLWithPath: base + ".pdf"))
        defer { for end in [".pdf", ".png"] { try? FileManager.default.removeItem(atPath: base + end) } }
        #expect(try runTool(["pdftoppm", "-png", "-r", "30", "-singlefile", base + ".pdf", base]).status == 0)
        let png = try #require(FileManager.default.contents(atPath: base + ".png").map { [UInt8]($0) })
        let exhibit = try ExhibitFile(bytes: png)
        let parts: [PacketPart] = [1, 2].map { _ in .exhibit(cover: document(PageSetup()), file: exhibit, outline: "Exhibit") }
        let (pdf, _, _) = try PDFWriter().renderPacket(parts, title: "P", subject: nil, keywords: "k", stamping: PacketStamping())
        let images = try pdfTool("pdfimages", pdf, ["-list"]).split(separator: "\n").dropFirst(2)
        #expect(images.count == 2)
        #expect(images.allSatisfy { $0.contains(" 255 ") && $0.contains(" 330 ") })
    }
}
