import CaseData
import DocumentModel
import Testing
@testable import Templating

@Suite struct CitationTests {
    @Test func exhibitLettersRunPastZ() {
        #expect([0, 1, 25, 26, 27, 51, 52].map(Citations.exhibitLetter) == ["A", "B", "Z", "AA", "AB", "AZ", "BA"])
    }

    @Test func exhibitCitationsSortJoinAndCollapseRunsOfThree() {
        #expect(Citations.exhibits([(2, "C")]) == "Ex.\u{00A0}C")
        #expect(Citations.exhibits([(3, "D"), (2, "C")]) == "Exs.\u{00A0}C and D")
        #expect(Citations.exhibits([(4, "E"), (2, "C"), (3, "D")]) == "Exs.\u{00A0}C–E")
        #expect(Citations.exhibits([(0, "A"), (2, "C"), (5, "F")]) == "Exs.\u{00A0}A, C, and F")
        #expect(Citations.exhibits([(2, "C"), (2, "C")]) == "Ex.\u{00A0}C")
        #expect(Citations.exhibits([]) == nil)
        #expect(Citations.paragraphs([12, 13]) == "¶¶\u{00A0}12–13")
        #expect(Citations.paragraphs([3, 5, 9]) == "¶¶\u{00A0}3, 5, and 9")
    }

    private let fields = """
            <field name="story" type="paragraphs"/>
            <list name="evidence"><field name="id" type="text"/></list>
            <field name="main" type="text"/>
        """
    private let body = """
            <p>See <ref to="abuse" in="declaration"/>; <ref exhibit="evidence"/>; <ref exhibit="main"/>.</p>
        """

    private func evaluate(_ caseJSON: String, _ context: CitationContext?) throws -> (String, [CitationProblem]) {
        let folder = TemplateFolder(["t": templateXML(fields: fields, body: body)])
        let template = try folder.library.load("t")
        let data = try JSONCaseParser.parse(Array(caseJSON.utf8), file: "case.json")
        let (document, problems) = DocumentEvaluator(template: template, today: testToday).evaluate(data, citations: context)
        return (document.blocks.texts.joined(separator: "\n"), problems)
    }

    @Test func crossDocumentAndExhibitCitationsResolveInAPacket() throws {
        let context = CitationContext(
            documents: ["declaration": .init(abbreviation: "Decl.", paragraphs: ["abuse": [12, 13, 14, 15]])],
            exhibits: ["report", "photo", "letter"])
        let (text, problems) = try evaluate(#"{"evidence": [{"id": "letter"}, {"id": "report"}], "main": "photo"}"#, context)
        #expect(text == "See Decl.\u{00A0}¶¶\u{00A0}12–15; Exs.\u{00A0}A and C; Ex.\u{00A0}B.")
        #expect(problems.isEmpty)
    }

    @Test func citationsOfNothingAreProblemsInAPacket() throws {
        let context = CitationContext(documents: ["declaration": .init(abbreviation: "Decl.", paragraphs: [:])], exhibits: ["report"])
        let (text, problems) = try evaluate(#"{"evidence": [{"id": "report"}, {"id": "medical"}]}"#, context)
        #expect(text == "See Decl.\u{00A0}¶\u{00A0}[not included]; Ex.\u{00A0}A; .")  // no main exhibit: nothing cited
        #expect(problems.map(\.kind) == [.paragraphs(document: "declaration", id: "abuse"), .exhibit(id: "medical")])
    }

    @Test func renderedAloneCitationsArePlaceholders() throws {
        let (text, problems) = try evaluate(#"{"evidence": [{"id": "report"}]}"#, nil)
        #expect(text == "See [declaration\u{00A0}¶\u{00A0}—]; [Ex.\u{00A0}—]; .")
        #expect(problems.isEmpty)
    }

    @Test func numberedParagraphIDsAreKeptOnTheDocument() throws {
        let blocksFolder = TemplateFolder(["t": templateXML(fields: "    <field name=\"story\" type=\"paragraphs\"/>",
            body: "    <numbered id=\"a\">One.</numbered>\n    <paragraphs of=\"story\" numbered=\"true\" id=\"b\"/>")])
        let template = try blocksFolder.library.load("t")
        let data = try JSONCaseParser.parse(Array(#"{"story": ["x", "y"]}"#.utf8), file: "case.json")
        #expect(DocumentEvaluator(template: template, today: testToday).evaluate(data).paragraphIDs == ["a": [1], "b": [2, 3]])
    }

    @Test func paragraphCitationsNameTheNumbersTheirTextShows() {
        #expect(Citations.paragraphCitation([12])! == ("¶\u{00A0}12", [12]))
        #expect(Citations.paragraphCitation([12, 13, 14, 15])! == ("¶¶\u{00A0}12–15", [12, 15]))
        #expect(Citations.paragraphCitation([3, 5, 9])! == ("¶¶\u{00A0}3, 5, and 9", [3, 5, 9]))
        #expect(Citations.paragraphCitation([]) == nil)
    }

    /// The DOCX writer makes a field of each number a citation of the document's own paragraphs
    /// shows; citations of another document or of exhibits carry none.
    @Test func ownCitationsCarryTheParagraphNumbersTheyShow() throws {
        let folder = TemplateFolder(["t": templateXML(fields: fields, body: """
                <numbered id="a">One.</numbered>
                <paragraphs of="story" numbered="true" id="b"/>
                <p>See <ref to="b"/>, <ref to="a b"/>, <ref to="c"/>, <ref to="abuse" in="declaration"/>; <ref exhibit="main"/>.</p>
                <numbered id="c">Last.</numbered>
            """)])
        let template = try folder.library.load("t")
        let data = try JSONCaseParser.parse(Array(#"{"story": ["x", "y", "z"], "main": "photo"}"#.utf8), file: "case.json")
        let context = CitationContext(documents: ["declaration": .init(abbreviation: "Decl.", paragraphs: ["abuse": [2]])], exhibits: ["photo"])
        let document = DocumentEvaluator(template: template, today: testToday).evaluate(data, citations: context).document
        var references: [Inline] = []
        for block in document.blocks {
            _ = block.mapInlines { inline in
                if case .reference = inline { references.append(inline) }
                return inline
            }
        }
        #expect(references == [
            .reference(target: "b", text: "¶¶\u{00A0}2–4", paragraphs: [2, 4]),
            .reference(target: "a b", text: "¶¶\u{00A0}1–4", paragraphs: [1, 4]),
            .reference(target: "c", text: "¶\u{00A0}5", paragraphs: [5]),
            .reference(target: "declaration#abuse", text: "Decl.\u{00A0}¶\u{00A0}2"),
            .reference(target: "exhibits", text: "Ex.\u{00A0}A"),
        ])
    }

    @Test func aRefCitesParagraphsOrExhibitsNotBoth() {
        let folder = TemplateFolder(["t": templateXML(fields: fields, body: "    <p><ref to=\"a\" exhibit=\"main\"/></p>")])
        #expect(folder.problems("t").map(\.message) == ["<ref> cites either paragraphs (to, in) or exhibits (exhibit), not both"])
    }

    @Test func packetDefinitionsParse() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <packet xmlns="urn:engross:template:1" id="packets/p" version="1.0.0">
              <meta><title>P</title><authority>8 C.F.R. § 214.204</authority></meta>
              <document name="cover" template="x/cover" data="coverLetter"/>
              <exhibit-index/>
              <document name="letter" template="x/letter" data="letters" each="true" when="count(letters) &gt; 0"/>
              <exhibits/>
            </packet>
            """
        let packet = try PacketParser.parse(Array(xml.utf8), file: "p.xml", id: "packets/p")
        #expect(packet.title == "P")
        #expect(packet.documents.map(\.name) == ["cover", "letter"])
        #expect(packet.documents[1].each && packet.documents[1].when != nil)
        #expect(packet.documents[0].data?.description == "coverLetter")
        #expect(packet.templateIDs == ["x/cover", "common/exhibit-index", "x/letter", "common/exhibit-cover"])
        #expect(packet.exhibitList.description == "exhibits")
    }

    @Test func packetDefinitionProblemsNameTheLine() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <packet xmlns="urn:engross:template:1" id="packets/q" version="1.0.0">
              <meta><title>P</title></meta>
              <document name="a" template="x/a"/>
              <document name="a" template="x/b"/>
              <section/>
            </packet>
            """
        #expect(throws: TemplateErrors.self) { try PacketParser.parse(Array(xml.utf8), file: "p.xml", id: "packets/p") }
        do {
            _ = try PacketParser.parse(Array(xml.utf8), file: "p.xml", id: "packets/p")
        } catch {
            #expect(error.errors.map { "\($0.location.line): \($0.message)" } == [
                "2: id=\"packets/q\" does not match the file's place in the templates folder; it should be id=\"packets/p\"",
                "5: two documents are named 'a'; give each its own name",
                "6: a packet holds <meta>, <document>, <exhibit-index> and <exhibits>, not <section>",
            ])
        }
    }
}
