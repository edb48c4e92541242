import CQPDF
import DocumentModel
import Foundation
@testable import PDFFinishing
import TestSupport
import Testing
@testable import WriterPDF

/// Tagged PDF and PDF/A-2b (issue #16): the structure tree, artifacts, language, title and the
/// archival output intent, read back from the bytes with qpdf.
@Suite("Tagged PDF and PDF/A")
struct TaggedPDFTests {
    private func text(_ value: String) -> [Inline] { [.text(value)] }

    /// A document with one of every block that has a structure of its own.
    private func sample(paragraphs: Int = 1, rows: Int = 2) -> Document {
        var blocks: [Block] = [
            .heading(level: 2, content: text("Statement"), alignment: .left),
            .heading(level: 3, content: text("Details"), alignment: .left),
        ]
        for index in 0..<paragraphs {
            blocks.append(.paragraph(content: text(String(repeating: "Word \(index) goes on. ", count: 40)), alignment: .left))
        }
        blocks += [
            .list(ordered: true, items: [text("First item"), text("Second item")]),
            .table(Table(rows: [TableRow(isHeader: true, cells: [text("Exhibit"), text("Title")])]
                + (0..<rows).map { TableRow(cells: [text("A\($0)"), text("Report \($0)")]) })),
            .quote(content: text("A quoted sentence.")),
            .signature(lines: [text("Ana Testcase")]),
        ]
        return Document(metadata: Metadata(title: "Tagged sample", templateID: "t/sample", templateVersion: "1.0.0", kind: "letter",
            marking: "CONFIDENTIAL", date: "2026-11-29"), blocks: blocks)
    }

    /// The finished PDF's structure: its elements, read as the finisher reads them.
    private func structure(of bytes: [UInt8]) throws -> (document: QPDFDocument, elements: [StructureNode]) {
        let document = try QPDFDocument(bytes: bytes, name: "test")
        let root = try #require(document.value(document.root, "StructTreeRoot"))
        var pageIndex: [Int32: Int] = [:]
        for index in 0..<document.pageCount { pageIndex[document.objectID(document.page(index))] = index }
        return (document, StructureTree.read(document, root: root, pageIndex: pageIndex))
    }

    private func all(_ elements: [StructureNode]) -> [StructureNode] {
        elements.flatMap { node in
            [node] + all(node.kids.compactMap { if case .element(let child) = $0 { return child } else { return nil } })
        }
    }

    private func contentStreams(_ document: QPDFDocument) -> [String] {
        (0..<document.pageCount).map { index in
            document.items(document.value(document.page(index), "Contents"))
                .compactMap(document.decodedData).map { String(decoding: $0, as: UTF8.self) }.joined()
        }
    }

    @Test func everyBlockHasItsElementInReadingOrder() throws {
        let (document, elements) = try structure(of: try PDFWriter().render(sample()))
        let types = all(elements).map(\.type)
        #expect(types == ["Document", "H1", "H2", "P", "L", "LI", "LBody", "LI", "LBody", "Table", "TR", "TH", "TH", "TR", "TD", "TD",
            "TR", "TD", "TD", "BlockQuote", "Div", "P"])
        // The language, the title in the title bar, and the marked flag.
        #expect(document.text(document.value(document.root, "Lang")) == "en-US")
        let preferences = try #require(document.value(document.root, "ViewerPreferences"))
        #expect(qpdf_bool(document, document.value(preferences, "DisplayDocTitle")) == true)
        let markInfo = try #require(document.value(document.root, "MarkInfo"))
        #expect(qpdf_bool(document, document.value(markInfo, "Marked")) == true)
        // Header cells say what they head.
        let header = try #require(all(elements).first { $0.type == "TH" })
        #expect(header.kids.isEmpty == false)
    }

    @Test func runningHeadsFootersAndRulesAreArtifactsAndNothingIsLeftUntagged() throws {
        let (document, _) = try structure(of: try PDFWriter().render(sample()))
        for content in contentStreams(document) {
            #expect(content.contains("/Artifact BMC"))
            #expect(!content.contains("/\(PDFCanvas.artifactType) "))
        }
    }

    /// A paragraph that a page break splits is one element with content on both pages.
    @Test func aParagraphSplitByAPageBreakIsOneElement() throws {
        let long = Document(metadata: Metadata(title: "Long", templateID: "t", templateVersion: "1", kind: "letter", date: "2026-11-29"),
            blocks: [.paragraph(content: text(String(repeating: "A sentence that fills the page. ", count: 400)), alignment: .left)])
        let bytes = try PDFWriter().render(long)
        let (document, elements) = try structure(of: bytes)
        #expect(document.pageCount > 1)
        let paragraphs = all(elements).filter { $0.type == "P" }
        #expect(paragraphs.count == 1)
        let pages = Set(paragraphs[0].kids.compactMap { if case .content(let page, _) = $0 { return page } else { return nil } })
        #expect(pages.count == document.pageCount)
    }

    /// A table's header row repeated on a new page is drawn as an artifact, so a screen reader
    /// reads the header once.
    @Test func aRepeatedTableHeaderIsReadOnce() throws {
        let bytes = try PDFWriter().render(sample(rows: 80))
        let (document, elements) = try structure(of: bytes)
        #expect(document.pageCount > 1)
        #expect(all(elements).filter { $0.type == "TH" }.count == 2)
        #expect(all(elements).filter { $0.type == "Table" }.count == 1)
        #expect(all(elements).filter { $0.type == "TR" }.count == 81)
    }

    @Test func metadataAgreesAndPlainPDFsHaveNoOutputIntent() throws {
        let bytes = try PDFWriter().render(sample(), options: PDFWriter.Options(date: "2026-11-29"))
        let document = try QPDFDocument(bytes: bytes, name: "test")
        #expect(document.value(document.root, "OutputIntents") == nil)
        let metadata = try #require(document.value(document.root, "Metadata"))
        let xmp = String(decoding: try #require(document.decodedData(of: metadata)), as: UTF8.self)
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">Tagged sample</rdf:li>"))
        #expect(xmp.contains("<xmp:CreateDate>2026-11-29T00:00:00Z</xmp:CreateDate>"))
        #expect(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"))
        #expect(!xmp.contains("pdfaid:part"))
        let info = try #require(document.value(qpdf_get_trailer(document.data), "Info"))
        #expect(document.text(document.value(info, "Title")) == "Tagged sample")
        #expect(document.text(document.value(info, "CreationDate")) == "D:20261129000000Z")
    }

    @Test func archivalPDFsHaveAnSRGBOutputIntentAndTheirIdentification() throws {
        let bytes = try PDFWriter().render(sample(), options: PDFWriter.Options(date: "2026-11-29", archival: true))
        let document = try QPDFDocument(bytes: bytes, name: "test")
        let intent = try #require(document.items(document.value(document.root, "OutputIntents")).first)
        #expect(document.name(document.value(intent, "S")) == "GTS_PDFA1")
        let profile = try #require(document.value(intent, "DestOutputProfile"))
        #expect(document.integer(document.value(profile, "N")) == 3)
        #expect(document.decodedData(of: profile) == SRGBProfile.bytes)
        let xmp = String(decoding: try #require(document.value(document.root, "Metadata").flatMap(document.decodedData)), as: UTF8.self)
        #expect(xmp.contains("<pdfaid:part>2</pdfaid:part>"))
        #expect(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(xmp.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"))
        #expect(PDFFinisher.archivalProblems(bytes).isEmpty)
        // The same input gives the same bytes.
        #expect(try PDFWriter().render(sample(), options: PDFWriter.Options(date: "2026-11-29", archival: true)) == bytes)
    }

    @Test func theSRGBProfileIsAWellFormedICCProfile() {
        let profile = SRGBProfile.bytes
        func uint32(_ offset: Int) -> Int { profile[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(uint32(0) == profile.count)
        #expect(Array(profile[8..<12]) == [0x02, 0x10, 0, 0])
        #expect(String(decoding: profile[12..<24], as: UTF8.self) == "mntrRGB XYZ ")
        #expect(String(decoding: profile[36..<40], as: UTF8.self) == "acsp")
        let tagCount = uint32(128)
        #expect(tagCount == 9)
        for tag in 0..<tagCount {
            let offset = uint32(132 + tag * 12 + 4), size = uint32(132 + tag * 12 + 8)
            #expect(offset % 4 == 0 && offset + size <= profile.count)
        }
    }

    @Test func aPDFWithAFontThatIsNotEmbeddedIsNotArchival() throws {
        let page = "BT /F1 12 Tf 72 720 Td (Hello) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(page.utf8.count) >>\nstream\n\(page)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        let problems = PDFFinisher.archivalProblems(Array(pdf.utf8))
        #expect(problems == [ArchivalProblem(page: 0, problem: "the font Helvetica is not embedded")])
    }
}

/// A PDF boolean's value, or nil.
private func qpdf_bool(_ document: QPDFDocument, _ object: qpdf_oh?) -> Bool? {
    guard let object, qpdf_oh_is_bool(document.data, object) != 0 else { return nil }
    return qpdf_oh_get_bool_value(document.data, object) != 0
}
