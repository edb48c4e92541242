import DocumentModel
import Foundation
import TestSupport
import Testing
import WriterPDF

private func letter(_ title: String, paragraphs: Int) -> Document {
    Document(
        metadata: Metadata(title: title, templateID: "t/\(title)", templateVersion: "1.0.0", kind: "letter", date: "2026-11-29"),
        blocks: (1...paragraphs).map { .paragraph(content: [.text("\(title) paragraph \($0). " + String(repeating: "Words of the letter. ", count: 30))], alignment: .left) })
}

/// A file made by a command line tool from a PDF of ours (pdftoppm, qpdf); nil when the tool fails.
private func converted(_ pdf: [UInt8], _ tool: [String], output suffix: String) throws -> [UInt8]? {
    let base = NSTemporaryDirectory() + "engross-exhibit-\(UUID().uuidString)"
    try Data(pdf).write(to: URL(fileURLWithPath: base + ".pdf"))
    defer { for end in [".pdf", suffix] { try? FileManager.default.removeItem(atPath: base + end) } }
    let arguments = tool.map { $0.replacingOccurrences(of: "IN", with: base + ".pdf").replacingOccurrences(of: "OUT", with: base) }
    guard try runTool(arguments).status == 0 else { return nil }
    return FileManager.default.contents(atPath: base + suffix).map { [UInt8]($0) }
}

@Suite("Packet PDF")
struct PacketPDFTests {
    let threePages = try! PDFWriter().render(letter("Report", paragraphs: 20))

    @Test func exhibitPDFsKeepTheirPages() throws {
        let exhibit = try ExhibitFile(bytes: threePages)
        #expect(exhibit.pageCount == Int(try pdfTool("pdfinfo", threePages).split(separator: "\n")
            .first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!)
        #expect(exhibit.pageCount >= 2)
        #expect(exhibit.pageSize(0) == (612, 792))
    }

    @Test func imagesAreOnePageOfTheirPixelSize() throws {
        let png = try #require(try converted(threePages, ["pdftoppm", "-png", "-r", "10", "-singlefile", "IN", "OUT"], output: ".png"))
        let jpeg = try #require(try converted(threePages, ["pdftoppm", "-jpeg", "-r", "10", "-singlefile", "IN", "OUT"], output: ".jpg"))
        for image in [png, jpeg] {
            let exhibit = try ExhibitFile(bytes: image)
            #expect(exhibit.pageCount == 1)
            #expect(exhibit.pageSize(0) == (85, 110))  // 8.5 × 11 inches at 10 pixels an inch
        }
    }

    @Test func unusableFilesAreRefusedWithAReason() throws {
        let encrypted = try #require(try converted(threePages, ["qpdf", "--encrypt", "user", "owner", "256", "--", "IN", "OUT.enc"], output: ".enc"))
        #expect(throws: ExhibitFile.OpenError.encrypted) { try ExhibitFile(bytes: encrypted) }
        #expect(throws: ExhibitFile.OpenError.unsupported) { try ExhibitFile(bytes: Array("Dear officer,".utf8)) }
        #expect(throws: (any Error).self) { try ExhibitFile(bytes: Array("%PDF-1.7\nnot really".utf8)) }
        #expect(throws: (any Error).self) { try ExhibitFile(bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) }
        #expect(throws: (any Error).self) { try ExhibitFile(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]) }
    }

    @Test func packetPagesAreNumberedAndStampedWithoutAGap() throws {
        let exhibit = try ExhibitFile(bytes: threePages)
        let parts: [PacketPart] = [
            .document(letter("Cover", paragraphs: 2), outline: "Cover letter"),
            .exhibit(cover: letter("Exhibit A", paragraphs: 1), file: exhibit, outline: "Exhibit A — Report"),
        ]
        let (pdf, counts, _) = try PDFWriter().renderPacket(parts, title: "Packet", subject: nil, keywords: "packets/p 1.0.0",
            stamping: PacketStamping(batesPrefix: "DOE"), options: .init(date: "2026-11-29"))
        #expect(counts == [1, 1 + exhibit.pageCount])
        let total = counts.reduce(0, +)
        _ = try pdfTool("qpdf", pdf, ["--check"])
        for page in 1...total {
            let text = try pdfTool("pdftotext", pdf, ["-f", "\(page)", "-l", "\(page)"])
            #expect(text.contains(String(format: "DOE-%06d", page)), "page \(page): \(text)")
            #expect(text.contains("Page \(page) of \(total)"), "page \(page)")
        }
        // The exhibit's own text is still text, not a picture of it.
        #expect(try pdfTool("pdftotext", pdf, ["-f", "3", "-l", "3"]).contains("Report paragraph"))
        #expect(pdf == (try PDFWriter().renderPacket(parts, title: "Packet", subject: nil, keywords: "packets/p 1.0.0",
            stamping: PacketStamping(batesPrefix: "DOE"), options: .init(date: "2026-11-29"))).bytes)
    }

    @Test func batesNumbersArePaddedToSixDigits() {
        #expect(PacketStamping(batesPrefix: "DOE").bates(page: 1) == "DOE-000001")
        #expect(PacketStamping(batesPrefix: "X", batesStart: 999_999).bates(page: 3) == "X-1000001")
        #expect(PacketStamping().bates(page: 1) == nil)
    }

    /// The prefix is used as given: one ending in a separator gets no second one.
    @Test func batesPrefixesAreUsedAsGivenWithStartAndDigits() {
        #expect(PacketStamping(batesPrefix: "DOE-").bates(page: 1) == "DOE-000001")
        #expect(PacketStamping(batesPrefix: "DOE_").bates(page: 2) == "DOE_000002")
        #expect(PacketStamping(batesPrefix: "DOE-A").bates(page: 1) == "DOE-A-000001")
        #expect(PacketStamping(batesPrefix: "DOE", batesStart: 213, batesDigits: 4).bates(page: 1) == "DOE-0213")
        #expect(PacketStamping(batesPrefix: "DOE", batesStart: 213, batesDigits: 4).bates(page: 10) == "DOE-0222")
        #expect(PacketStamping(batesPrefix: "DOE", batesStart: 99_999, batesDigits: 4).bates(page: 2) == "DOE-100000")
    }
}

@Suite("Flat copies")
struct FlatCopyTests {
    @Test func aFlatCopyKeepsEveryPageAndItsText() throws {
        let original = try PDFWriter().render(letter("Report", paragraphs: 20))
        let copy = try PDFWriter().flatCopy(of: try ExhibitFile(bytes: original), title: "Report", options: .init(date: "2026-11-29"))
        #expect(try pdfTool("pdfinfo", copy).contains("CreationDate:    Sun Nov 29 00:00:00 2026"))
        #expect(try ExhibitFile(bytes: copy).pageCount == (try ExhibitFile(bytes: original).pageCount))
        #expect(try pdfTool("pdftotext", copy).contains("Report paragraph 20."))
        #expect(copy == (try PDFWriter().flatCopy(of: try ExhibitFile(bytes: original), title: "Report", options: .init(date: "2026-11-29"))))
    }
}
