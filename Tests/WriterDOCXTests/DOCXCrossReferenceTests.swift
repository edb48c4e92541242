import DocumentModel
import Foundation
import FoundationXML
import Testing
@testable import WriterDOCX
import ZIPFoundation

/// Citations of a document's own numbered paragraphs are REF fields to bookmarks on those
/// paragraphs, so that Word and LibreOffice renumber them when an attorney adds a paragraph; the
/// cached result of each field is the number Engross computed.
@Suite("DOCX: live citations")
struct DOCXCrossReferenceTests {
    /// Paragraphs 1–5; 2–4 and 1 and 5 cited (3 stands in a range, uncited); a citation of another
    /// document and one of exhibits.
    static let document = Document(
        metadata: docxSample.metadata,
        blocks: (1...5).map { .numbered(number: $0, content: [.text("Paragraph \($0).")]) } + [
            .paragraph(content: [.text("See "), .reference(target: "a", text: "¶¶\u{00A0}2–4", paragraphs: [2, 4]), .text(".")], alignment: .left),
            .paragraph(content: [.styled(.bold, [.reference(target: "a b", text: "¶¶\u{00A0}1 and 5", paragraphs: [1, 5])])], alignment: .left),
            .paragraph(content: [.reference(target: "declaration#a", text: "Decl.\u{00A0}¶\u{00A0}5"), .text("; "),
                .reference(target: "exhibits", text: "Ex.\u{00A0}B")], alignment: .left),
        ])

    static func body(_ document: Document) throws -> XMLDocument {
        try Package(document).xml("word/document.xml")
    }

    @Test func citedParagraphsCarryBookmarks() throws {
        let body = try Self.body(Self.document)
        let numbered = try body.nodes(forXPath: "//*[local-name()='p'][.//*[local-name()='numPr']]")
        let names = try numbered.map { try $0.values("*[local-name()='bookmarkStart']/@*[local-name()='name']") }
        #expect(names == [["_RefP1"], ["_RefP2"], [], ["_RefP4"], ["_RefP5"]])
        // Each bookmark closes in its paragraph, under its own id.
        for paragraph in numbered {
            #expect(try paragraph.values("*[local-name()='bookmarkStart']/@*[local-name()='id']")
                == paragraph.values("*[local-name()='bookmarkEnd']/@*[local-name()='id']"))
        }
        #expect(try body.values("//*[local-name()='bookmarkStart']/@*[local-name()='id']") == ["1", "2", "3", "4"])
    }

    @Test func eachNumberOfACitationIsARefFieldWithEngrossNumberCached() throws {
        let body = try Self.body(Self.document)
        #expect(try body.values("//*[local-name()='instrText']") == [
            " REF _RefP2 \\r \\h ", " REF _RefP4 \\r \\h ",
            " REF _RefP1 \\r \\h ", " REF _RefP5 \\r \\h ",
        ])
        // Before any update the citations read as Engross wrote them: the cached results are the
        // numbers, between the separate and end marks.
        let paragraphs = try body.nodes(forXPath: "//*[local-name()='p'][not(.//*[local-name()='numPr'])]")
        let texts = try paragraphs.map { try $0.values(".//*[local-name()='t']").joined() }
        #expect(texts == ["See ¶¶\u{00A0}2–4.", "¶¶\u{00A0}1 and 5", "Decl.\u{00A0}¶\u{00A0}5; Ex.\u{00A0}B"])
        let marks = try paragraphs[0].values(".//*[local-name()='fldChar']/@*[local-name()='fldCharType']")
        #expect(marks == ["begin", "separate", "end", "begin", "separate", "end"])
        let runs = try paragraphs[0].nodes(forXPath: "*[local-name()='r']")
        let separate = try #require(try runs.firstIndex { try !$0.nodes(forXPath: "*[local-name()='fldChar'][@*[local-name()='fldCharType']='separate']").isEmpty })
        #expect(runs[separate + 1].stringValue == "2")
        // A bold citation keeps its bold in the field's runs.
        #expect(try paragraphs[1].nodes(forXPath: "*[local-name()='r'][not(*[local-name()='rPr']/*[local-name()='b'])]").isEmpty)
        // Citations of another document or of exhibits stay text.
        #expect(try paragraphs[2].nodes(forXPath: ".//*[local-name()='fldChar']").isEmpty)
    }

    @Test func redactedDocumentsKeepTheirLiveCitations() throws {
        var document = Self.document
        document.blocks[0] = .numbered(number: 1, content: [.text("My name is "), .sensitive("Ana Testcase", redaction: "A. T."), .text(".")])
        let redacted = try Self.body(document.redacted())
        #expect(try redacted.values("//*[local-name()='instrText']") == Self.body(Self.document).values("//*[local-name()='instrText']"))
        #expect(try redacted.values("//*[local-name()='p'][1]//*[local-name()='t']").joined() == "My name is A. T.")
    }

    @Test func aDocumentWithoutCitationsHasNoBookmarksOrFields() throws {
        var document = Self.document
        document.blocks.removeLast(3)
        let body = try Self.body(document)
        #expect(try body.nodes(forXPath: "//*[local-name()='bookmarkStart' or local-name()='fldChar']").isEmpty)
    }

    @Test func aCitedNumberNoParagraphHasStaysText() throws {
        let document = Document(metadata: docxSample.metadata, blocks: [
            .numbered(number: 1, content: [.text("One.")]),
            .paragraph(content: [.reference(target: "a", text: "¶¶\u{00A0}1 and 7", paragraphs: [1, 7])], alignment: .left),
        ])
        let body = try Self.body(document)
        #expect(try body.values("//*[local-name()='instrText']") == [" REF _RefP1 \\r \\h "])
        #expect(try body.values("//*[local-name()='p'][2]//*[local-name()='t']").joined() == "¶¶\u{00A0}1 and 7")
    }

    @Test func eachDocumentOfACombinedFileHasItsOwnBookmarks() throws {
        let archive = try DOCXWriter().render([Self.document, Self.document], metadata: Self.document.metadata)
        let parts = try Archive(data: Data(archive), accessMode: .read)
        let body = try XMLDocument(data: try read(try #require(parts["word/document.xml"]), from: parts))
        let names = try body.values("//*[local-name()='bookmarkStart']/@*[local-name()='name']")
        #expect(names == ["_RefP1", "_RefP2", "_RefP4", "_RefP5", "_RefD2P1", "_RefD2P2", "_RefD2P4", "_RefD2P5"])
        #expect(Set(try body.values("//*[local-name()='bookmarkStart']/@*[local-name()='id']")).count == 8)
        #expect(try body.values("//*[local-name()='instrText']").suffix(4) == [
            " REF _RefD2P2 \\r \\h ", " REF _RefD2P4 \\r \\h ", " REF _RefD2P1 \\r \\h ", " REF _RefD2P5 \\r \\h ",
        ])
    }

    @Test func piecesFollowTheNumbersInTheOrderTheTextShowsThem() {
        let references = CrossReferences(blocks: Self.document.blocks, documentIndex: 0)
        #expect(references.pieces(of: "¶¶\u{00A0}2–4", paragraphs: [2, 4]) == [.text("¶¶\u{00A0}"), .number(2), .text("–"), .number(4)])
        // Digits that are not the next number cited stay text.
        #expect(references.pieces(of: "¶ 12", paragraphs: [1]) == [.text("¶ 12")])
        #expect(references.pieces(of: "¶ [not included]", paragraphs: []) == [.text("¶ [not included]")])
    }
}
