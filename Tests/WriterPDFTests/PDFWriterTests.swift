import DocumentModel
import Foundation
import TestSupport
import Testing
import WriterPDF

private let names = ["Nguyễn Thị Ví Dụ", "王示例", "ليلى مثال", "ณัฐยา ตัวอย่าง"]

private let sample = Document(
    metadata: Metadata(title: "Sample letter", templateID: "letters/sample", templateVersion: "1.2.0", kind: "letter",
        authority: "8 C.F.R. § 214.204", marking: "CONFIDENTIAL", date: "2026-11-29"),
    blocks: [
        .heading(level: 1, content: [.text("Declaration")], alignment: .center),
        .paragraph(content: names.map { Inline.sensitive($0, redaction: "[REDACTED]") }.flatMap { [$0, .text(", ")] } + [.text("and others.")],
            alignment: .left),
        .heading(level: 2, content: [.text("Background")], alignment: .left),
        .numbered(number: 1, content: [.styled(.bold, [.text("Bold")]), .text(" and "), .styled(.italic, [.text("italic")]), .text(".")]),
        .list(ordered: false, items: [[.text("first item")], [.text("second item")]]),
        .table(Table(rows: [TableRow(isHeader: true, cells: [[.text("Date")], [.text("Event")]]), TableRow(cells: [[.text("2025")], [.text("x")]])])),
        .paragraph(content: [.text("Sincerely,")], alignment: .left),
        .signature(lines: [[.sensitive("Rosa Ejemplo", redaction: "R. E.")], [.text("Declarant")]]),
    ])

@Suite("PDF output")
struct PDFWriterTests {
    @Test func sameDocumentSameBytes() throws {
        let first = try PDFWriter().render(sample, options: .init(date: "2026-11-29"))
        #expect(first == (try PDFWriter().render(sample, options: .init(date: "2026-11-29"))))
        #expect(first.starts(with: Array("%PDF-".utf8)))
    }

    /// An index of exhibits that runs over pages repeats its header row on each of them.
    @Test func aTableRunningOverPagesRepeatsItsHeaderRow() throws {
        let rows = (1...60).map { TableRow(cells: [[.text("Exhibit \($0)")], [.text("Record number \($0)")]]) }
        var document = sample
        document.blocks = [.table(Table(rows: [TableRow(isHeader: true, cells: [[.text("Letter")], [.text("Description of exhibit")]])] + rows))]
        let pdf = try PDFWriter().render(document, options: .init(date: "2026-11-29"))
        let pages = Int(try pdfTool("pdfinfo", pdf).split(separator: "\n").first { $0.hasPrefix("Pages:") }!
            .split(separator: " ").last!)!
        #expect(pages >= 2)
        for page in 1...pages {
            let text = try pdfTool("pdftotext", pdf, ["-f", "\(page)", "-l", "\(page)"])
            #expect(text.contains("Description of exhibit"), "page \(page)")
        }
        #expect(try pdfTool("pdftotext", pdf).contains("Record number 60"))
    }

    @Test func namesInEveryScriptSurviveTextExtraction() throws {
        let text = try pdfTool("pdftotext", try PDFWriter().render(sample), ["-enc", "UTF-8"])
        let squeezed = text.filter { !$0.isWhitespace && !("\u{200E}"..."\u{202E}").contains($0) }
        for name in names {
            // pdftotext may put a space inside an unspaced or right-to-left word; the letters must all be there.
            let letters = name.filter { !$0.isWhitespace }
            let reversedWords = name.split(separator: " ").reversed().joined().filter { !$0.isWhitespace }
            #expect(squeezed.contains(letters) || squeezed.contains(reversedWords), "\(name) in \(text)")
        }
        #expect(text.contains("Nguyễn Thị Ví Dụ"))
        #expect(text.contains("王示例"))
        #expect(text.contains("Page 1 of 1"))
        #expect(text.contains("CONFIDENTIAL"))
    }

    @Test func everyFontIsEmbeddedAndSubset() throws {
        let fonts = try pdfTool("pdffonts", try PDFWriter().render(sample)).split(separator: "\n").dropFirst(2)
        #expect(fonts.count >= 3)  // Latin regular and bold, CJK, Arabic, Thai fall back to other fonts
        for font in fonts {
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes" && columns[columns.count - 4] == "yes", "\(font)")
        }
    }

    @Test func metadataComesFromTheTemplateOnly() throws {
        let info = try pdfTool("pdfinfo", try PDFWriter().render(sample, options: .init(date: "2026-11-29")))
        #expect(info.contains("Title:           Sample letter"))
        #expect(info.contains("Creator:         Engross"))
        #expect(info.contains("Keywords:        letters/sample 1.2.0"))
        #expect(info.contains("CreationDate:    Sun Nov 29 00:00:00 2026"))
        for name in names + ["Rosa"] { #expect(!info.contains(name)) }
    }

    @Test func redactedPDFHoldsNoSensitiveText() throws {
        let text = try pdfTool("pdftotext", try PDFWriter().render(sample.redacted()), ["-enc", "UTF-8"])
        #expect(!text.contains("Rosa"))
        #expect(!text.contains("王示例"))
        #expect(text.contains("R. E."))
    }

    @Test func outlineNestsTheHeadings() throws {
        let outline = try pdfTool("qpdf", try PDFWriter().render(sample), ["--json", "--json-key=outlines"])
        let json = try JSONSerialization.jsonObject(with: Data(outline.utf8)) as? [String: Any]
        let top = json?["outlines"] as? [[String: Any]]
        #expect(top?.map { $0["title"] as? String } == ["Declaration"])
        #expect((top?.first?["kids"] as? [[String: Any]])?.map { $0["title"] as? String } == ["Background"])
    }

    @Test func combinedFileNumbersEachDocumentAndListsItInTheOutline() throws {
        let pdf = try PDFWriter().render([sample, sample], title: "Two letters")
        let text = try pdfTool("pdftotext", pdf, ["-enc", "UTF-8"])
        #expect(text.components(separatedBy: "Page 1 of 1").count - 1 == 2)
        let outline = try pdfTool("qpdf", pdf, ["--json", "--json-key=outlines"])
        let top = (try JSONSerialization.jsonObject(with: Data(outline.utf8)) as? [String: Any])?["outlines"] as? [[String: Any]]
        #expect(top?.map { $0["title"] as? String } == ["1. Sample letter", "2. Sample letter"])
        #expect((top?.first?["kids"] as? [[String: Any]])?.first?["title"] as? String == "Declaration")
        #expect(try pdfTool("pdfinfo", pdf).contains("Title:           Two letters"))
    }
}
