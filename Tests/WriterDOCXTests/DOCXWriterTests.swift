import DocumentModel
import Foundation
import FoundationXML
import Testing
import WriterDOCX
import ZIPFoundation

/// A document with every kind of block, for structural checks of the package.
let docxSample = Document(
    metadata: Metadata(title: "Declaration of <Applicant>", templateID: "t-visa/declaration", templateVersion: "2.1.0",
        kind: "declaration", authority: "8 C.F.R. § 214.204", marking: "CONFIDENTIAL"),
    page: PageSetup(paper: .letter, margins: Margins(all: 72), fontFamily: "Liberation Serif", fontSize: 12, lineSpacing: .double),
    blocks: [
        .caption(CourtCaption(court: [[.text("IN THE DISTRICT COURT")]], parties: [[.sensitive("Rosa Ejemplo", redaction: "R. E.")], [.text("Petitioner")]],
            caseInfo: [[.text("Case No. 0000")]], title: [[.text("PETITION")]])),
        .heading(level: 1, content: [.text("Declaration")], alignment: .center),
        .numbered(number: 1, content: [.text("My name is "), .sensitive("Rosa Ejemplo", redaction: "R. E."), .text(".")]),
        .numbered(number: 2, content: [.styled(.bold, [.text("Bold")]), .text(" "), .styled(.italic, [.styled(.underline, [.text("both")])]), .lineBreak, .text("tab\there")]),
        .paragraph(content: [.text("See "), .reference(target: "a", text: "¶ 1"), .text(". Control\u{1}char & <markup>.")], alignment: .justify),
        .list(ordered: true, items: [[.text("one")], [.text("two")]]),
        .list(ordered: true, items: [[.text("again one")]]),
        .list(ordered: false, items: [[.text("bullet")]]),
        .table(Table(rows: [TableRow(isHeader: true, cells: [[.text("Date")], [.text("Event")]]), TableRow(cells: [[.text("2025")], [.text("x")]])])),
        .pageBreak,
        .numbered(number: 3, content: [.text("After the break.")]),
        .signature(lines: [[.sensitive("Rosa Ejemplo", redaction: "R. E.")], [.text("Declarant")]]),
    ])

/// The parts of a rendered package, parsed.
struct Package {
    let archive: Archive

    init(_ document: Document) throws {
        archive = try Archive(data: Data(try DOCXWriter().render(document)), accessMode: .read)
    }

    func data(_ path: String) throws -> Data {
        guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile) }
        return try read(entry, from: archive)
    }

    func xml(_ path: String) throws -> XMLDocument { try XMLDocument(data: try data(path)) }
}

/// The bytes of an entry, read with ZIPFoundation; throws when they do not match the entry's CRC-32
/// (ZIPFoundation's `extract` with a consumer computes the checksum but leaves the check to us).
func read(_ entry: Entry, from archive: Archive) throws -> Data {
    var data = Data()
    let checksum = try archive.extract(entry) { data.append($0) }
    guard checksum == entry.checksum else { throw CocoaError(.fileReadCorruptFile) }
    return data
}

extension XMLNode {
    func values(_ xpath: String) throws -> [String] { try nodes(forXPath: xpath).map { $0.stringValue ?? "" } }
}

@Suite("DOCX packages")
struct DOCXWriterTests {
    @Test func packageHasEveryPartInAFixedOrder() throws {
        let package = try Package(docxSample)
        #expect(package.archive.map(\.path) == [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml",
            "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml",
            "word/settings.xml", "word/header1.xml", "word/footer1.xml",
        ])
        for entry in package.archive {
            _ = try XMLDocument(data: try package.data(entry.path))  // every part is well-formed XML
        }
    }

    @Test func aLongBodyIsDeflatedAndSmallPartsAreStored() throws {
        let long = Document(metadata: docxSample.metadata,
            blocks: (1...400).map { .numbered(number: $0, content: [.text("Paragraph \($0) of a long declaration.")]) })
        let archive = try Archive(data: Data(try DOCXWriter().render(long)), accessMode: .read)
        let body = try #require(archive["word/document.xml"])
        #expect(body.uncompressedSize > 32_768 && body.isCompressed)
        #expect(archive.filter { $0.path != "word/document.xml" }.allSatisfy { !$0.isCompressed })
        let texts = try XMLDocument(data: try read(body, from: archive)).values("//*[local-name()='t']")
        #expect(texts.count == 400 && texts.last == "Paragraph 400 of a long declaration.")
        let stored = try Archive(data: Data(try DOCXWriter().render(long, options: .init(compress: false))), accessMode: .read)
        #expect(stored.allSatisfy { !$0.isCompressed })
    }

    @Test func sameDocumentSameBytes() throws {
        #expect(try DOCXWriter().render(docxSample) == DOCXWriter().render(docxSample))
    }

    @Test func paragraphsUseNamedStylesAndRealNumbering() throws {
        let document = try Package(docxSample).xml("word/document.xml")
        let styles = try document.values("//*[local-name()='p']/*[local-name()='pPr']/*[local-name()='pStyle']/@*[local-name()='val']")
        #expect(styles.contains("Heading1"))
        #expect(styles.filter { $0 == "NumberedParagraph" }.count == 3)
        #expect(styles.contains("ListNumber") && styles.contains("ListBullet") && styles.contains("Signature"))
        // The numbered paragraphs share one numbering instance, so Word counts them 1, 2, 3.
        let numIDs = try document.values("//*[local-name()='p'][*[local-name()='pPr']/*[local-name()='pStyle'][@*[local-name()='val']='NumberedParagraph']]//*[local-name()='numId']/@*[local-name()='val']")
        #expect(numIDs == ["1", "1", "1"])
        // Each ordered list gets its own instance, restarting at 1.
        let listIDs = try document.values("//*[local-name()='p'][*[local-name()='pPr']/*[local-name()='pStyle'][@*[local-name()='val']='ListNumber']]//*[local-name()='numId']/@*[local-name()='val']")
        #expect(listIDs == ["3", "3", "4"])
        // No direct formatting beyond bold, italic and underline runs.
        #expect(try document.nodes(forXPath: "//*[local-name()='rFonts' or local-name()='sz' or local-name()='color']").isEmpty)
    }

    @Test func numberingDefinesTheInstancesTheBodyUses() throws {
        let numbering = try Package(docxSample).xml("word/numbering.xml")
        #expect(try numbering.values("//*[local-name()='num']/@*[local-name()='numId']") == ["1", "2", "3", "4"])
        #expect(try numbering.values("//*[local-name()='abstractNum'][@*[local-name()='abstractNumId']='0']//*[local-name()='lvlText']/@*[local-name()='val']") == ["%1."])
        #expect(try numbering.values("//*[local-name()='num'][@*[local-name()='numId']='4']//*[local-name()='startOverride']/@*[local-name()='val']") == ["1"])
    }

    @Test func stylesALawyerCanRestyle() throws {
        let styles = try Package(docxSample).xml("word/styles.xml")
        let names = Set(try styles.values("//*[local-name()='style']/*[local-name()='name']/@*[local-name()='val']"))
        for name in ["Title", "heading 1", "heading 2", "heading 3", "Body Text", "List Number", "List Bullet", "Quote", "Signature", "caption"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(try styles.values("//*[local-name()='rPrDefault']//*[local-name()='rFonts']/@*[local-name()='ascii']") == ["Liberation Serif"])
        #expect(try styles.values("//*[local-name()='rPrDefault']//*[local-name()='sz']/@*[local-name()='val']") == ["24"])
        #expect(try styles.values("//*[local-name()='style'][@*[local-name()='styleId']='BodyText']//*[local-name()='spacing']/@*[local-name()='line']") == ["480"])
        #expect(try styles.nodes(forXPath: "//*[local-name()='style'][@*[local-name()='styleId']='Heading1']//*[local-name()='keepNext']").count == 1)
    }

    @Test func pageSetupHeaderAndFooter() throws {
        let package = try Package(docxSample)
        let document = try package.xml("word/document.xml")
        #expect(try document.values("//*[local-name()='pgSz']/@*[local-name()='w']") == ["12240"])
        #expect(try document.values("//*[local-name()='pgMar']/@*[local-name()='left']") == ["1440"])
        let footer = try package.xml("word/footer1.xml")
        #expect(try footer.values("//*[local-name()='instrText']").map { $0.trimmingCharacters(in: .whitespaces) } == ["PAGE", "NUMPAGES"])
        #expect(try package.xml("word/header1.xml").rootElement()?.stringValue == "CONFIDENTIAL")
        #expect(try document.nodes(forXPath: "//*[local-name()='br'][@*[local-name()='type']='page']").count == 1)
    }

    @Test func textIsEscapedAndControlCharactersDropped() throws {
        let document = try Package(docxSample).xml("word/document.xml")
        let texts = try document.values("//*[local-name()='t']").joined()
        #expect(texts.contains("Controlchar & <markup>."))
        #expect(texts.contains("¶ 1"))
        #expect(try document.nodes(forXPath: "//*[local-name()='tab']").count == 1)
    }

    @Test func signatureKeepsTogetherAndTableRowsDoNotSplit() throws {
        let document = try Package(docxSample).xml("word/document.xml")
        // The signature block sits in a table row that may not split, as one paragraph with a
        // rule above it and its lines separated by line breaks.
        let signature = try document.nodes(forXPath: "//*[local-name()='tr'][*[local-name()='trPr']/*[local-name()='cantSplit']]//*[local-name()='p'][*[local-name()='pPr']/*[local-name()='pStyle'][@*[local-name()='val']='Signature']]")
        #expect(signature.count == 1)
        #expect(try signature.first?.nodes(forXPath: ".//*[local-name()='br']").count == 1)
        #expect(try signature.first?.nodes(forXPath: "./*[local-name()='pPr']/*[local-name()='pBdr']/*[local-name()='top']").count == 1)
        // Data table rows, the caption row and the signature row never split.
        #expect(try document.nodes(forXPath: "//*[local-name()='tr']/*[local-name()='trPr']/*[local-name()='cantSplit']").count == 4)
        #expect(try document.nodes(forXPath: "//*[local-name()='tblHeader']").count == 1)
    }

    @Test func closingAndTheParagraphBeforeItStayWithTheSignature() throws {
        let letter = Document(metadata: docxSample.metadata, blocks: [
            .paragraph(content: [.text("Body.")], alignment: .left),
            .paragraph(content: [.text("Sincerely,")], alignment: .left),
            .signature(lines: [[.text("Sam Sample")]]),
        ])
        let document = try Package(letter).xml("word/document.xml")
        let row = try document.nodes(forXPath: "//*[local-name()='tr'][*[local-name()='trPr']/*[local-name()='cantSplit']]")
        #expect(row.count == 1)
        #expect(try row.first?.values(".//*[local-name()='t']") == ["Body.", "Sincerely,", "Sam Sample"])
    }

    @Test func propertiesHoldNoCaseValue() throws {
        let package = try Package(docxSample)
        for part in ["docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"] {
            let text = String(decoding: try package.data(part), as: UTF8.self)
            #expect(!text.contains("Rosa"), "\(part)")
        }
        let core = try package.xml("docProps/core.xml")
        #expect(try core.values("//*[local-name()='title']") == ["Declaration of <Applicant>"])
        #expect(try core.values("//*[local-name()='keywords']") == ["t-visa/declaration 2.1.0"])
        let custom = try package.xml("docProps/custom.xml")
        #expect(try custom.values("//*[local-name()='property']") == ["t-visa/declaration", "2.1.0"])
    }

    @Test func redactedDocumentHasNoSensitiveText() throws {
        let package = try Package(docxSample.redacted())
        let text = String(decoding: try package.data("word/document.xml"), as: UTF8.self)
        #expect(!text.contains("Rosa"))
        #expect(text.contains("R. E."))
    }
}

@Suite("Combined DOCX")
struct CombinedDOCXTests {
    @Test func eachDocumentIsASectionNumberedFromOne() throws {
        let documents = [docxSample, docxSample]
        let archive = try Archive(data: Data(try DOCXWriter().render(documents, metadata: docxSample.metadata)), accessMode: .read)
        func xml(_ path: String) throws -> XMLDocument { try XMLDocument(data: try read(archive[path]!, from: archive)) }
        let document = try xml("word/document.xml")
        // One section break between the two, and each section restarts page numbers.
        #expect(try document.nodes(forXPath: "//*[local-name()='sectPr']").count == 2)
        #expect(try document.values("//*[local-name()='pgNumType']/@*[local-name()='start']") == ["1", "1"])
        // The second document's numbered paragraphs have their own instance, restarting at 1.
        let numIDs = try document.values("//*[local-name()='p'][*[local-name()='pPr']/*[local-name()='pStyle'][@*[local-name()='val']='NumberedParagraph']]//*[local-name()='numId']/@*[local-name()='val']")
        #expect(numIDs == ["1", "1", "1", "1001", "1001", "1001"])
        let numbering = try xml("word/numbering.xml")
        #expect(try numbering.values("//*[local-name()='num'][@*[local-name()='numId']='1001']//*[local-name()='startOverride']/@*[local-name()='val']") == ["1"])
        #expect(try xml("word/footer1.xml").values("//*[local-name()='instrText']").map { $0.trimmingCharacters(in: .whitespaces) } == ["PAGE"])
    }
}
