import CaseData
import Foundation
import Templating
import Testing

/// `<ref to="a b">` cites the paragraphs of several ids as one run: "¶¶ 5–7", not "¶ 5 and ¶¶ 6–7".
@Suite("Citations of several paragraph ids")
struct MultiIDCitationTests {
    let fields = "    <field name=\"story\" type=\"paragraphs\"/>"
    let body = """
            <numbered id="intro">Intro.</numbered>
            <paragraphs of="story" numbered="true" id="story"/>
            <numbered id="after">After.</numbered>
            <p>See <ref to="intro story"/>; <ref to="after intro"/>; <ref to="story story"/>.</p>
        """

    @Test func severalIdsReadAsOneRunOfNumbers() throws {
        let blocks = try render(fields: fields, body: body, caseJSON: #"{"story": ["a", "b"]}"#)
        #expect(blocks.texts.last == "See ¶¶\u{00A0}1–3; ¶¶\u{00A0}1 and 4; ¶¶\u{00A0}2–3.")
    }

    @Test func idsWithNoParagraphForThisCaseAreLeftOutOfTheRun() throws {
        let blocks = try render(fields: fields, body: body, caseJSON: #"{}"#)
        #expect(blocks.texts.last == "See ¶\u{00A0}1; ¶¶\u{00A0}1–2; ¶\u{00A0}[not included].")
    }

    @Test func everyIdMustNameANumberedParagraph() {
        let folder = TemplateFolder(["t": templateXML(fields: fields, body: "    <numbered id=\"intro\">x</numbered>\n    <p><ref to=\"intro stroy\"/></p>")])
        let problems = folder.problems("t").map(\.message)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("<ref to=\"intro stroy\"> names no numbered paragraph \"stroy\"") == true)
    }

    @Test func idsAreSplitAtSpaces() {
        #expect(Citations.ids(in: "recruitment trafficking") == ["recruitment", "trafficking"])
        #expect(Citations.ids(in: "  summary  ") == ["summary"])
        #expect(Citations.numbers(of: ["b", "a"], in: ["a": [5, 6], "b": [2, 5]]) == [2, 5, 6])
    }
}
