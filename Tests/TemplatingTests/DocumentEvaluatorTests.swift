import DocumentModel
import Testing

@testable import Templating

@Suite("Evaluating templates into documents")
struct DocumentEvaluatorTests {
    @Test func valuesAreFormattedByFieldType() throws {
        let fields = """
                <field name="d" type="date"/>
                <field name="n" type="integer"/>
                <field name="m" type="money"/>
                <field name="c" type="choice"><option value="t">T visa</option></field>
                <field name="cs" type="choice" multiple="true"><option value="a">abduction</option><option value="b">blackmail</option><option value="c">stalking</option></field>
                <field name="s" type="us-state"/>
                <field name="an" type="a-number"/>
                <field name="name"/>
            """
        let body = """
                <p><value of="d"/> / <value of="d" format="form-date"/> / <value of="d" format="iso-date"/></p>
                <p><value of="n" format="number-words"/> / <value of="n" format="words"/> / <value of="n"/></p>
                <p><value of="m"/> <value of="c"/> <value of="c" format="value"/></p>
                <p><value of="cs"/>; <value of="cs" format="list-or"/></p>
                <p><value of="s"/> <value of="s" format="code"/> <value of="an"/> <value of="name" case="upper"/></p>
                <p>[<value of="missing.thing" empty="none"/>]</p>
            """
        let fieldsWithMissing = fields + "\n    <group name=\"missing\"><field name=\"thing\"/></group>"
        let blocks = try render(fields: fieldsWithMissing, body: body, caseJSON: """
            {"d": "2025-03-04", "n": 2, "m": 1250.5, "c": "t", "cs": ["a", "b", "c"], "s": "TX", "an": "A12345678", "name": "Rosa"}
            """)
        #expect(blocks.texts == [
            "March 4, 2025 / 03/04/2025 / 2025-03-04",
            "two (2) / two / 2",
            "$1,250.50 T visa t",
            "abduction, blackmail, and stalking; abduction, blackmail, or stalking",
            "Texas TX A012-345-678 ROSA",
            "[none]",
        ])
    }

    @Test func pronounsAgreeAndCapitaliseAtSentenceStart() throws {
        let fields = "    <field name=\"p\" type=\"pronouns\"/>"
        let body = """
                <p><value of="p"/> <agree with="p" singular="is" plural="are"/> safe. <value of="p"/> came with
                  <value of="p" format="possessive"/> sister. "Help," <value of="p"/> said. Ask <value of="p" format="object"/>.</p>
            """
        #expect(try render(fields: fields, body: body, caseJSON: #"{"p": "they"}"#).texts ==
            ["They are safe. They came with their sister. \"Help,\" they said. Ask them."])
        #expect(try render(fields: fields, body: body, caseJSON: #"{"p": "she"}"#).texts ==
            ["She is safe. She came with her sister. \"Help,\" she said. Ask her."])
    }

    @Test func numberedParagraphsCountThroughTheDocumentAndAreCited() throws {
        let fields = "    <field name=\"story\" type=\"paragraphs\"/>\n    <field name=\"extra\" type=\"boolean\"/>"
        let body = """
                <numbered id="intro">I am the applicant.</numbered>
                <h2>What happened</h2>
                <paragraphs of="story" numbered="true" id="story"/>
                <if test="extra"><numbered id="extra">An extra paragraph.</numbered></if>
                <numbered>As stated in <ref to="intro"/> and <ref to="story"/>, <ref to="extra"/>.</numbered>
            """
        let blocks = try render(fields: fields, body: body, caseJSON: """
            {"story": "First part\\nwrapped.\\n\\nSecond part.\\n\\n\\nThird part.", "extra": false}
            """)
        #expect(blocks.texts == [
            "1. I am the applicant.", "What happened", "2. First part wrapped.", "3. Second part.", "4. Third part.",
            "5. As stated in ¶\u{00A0}1 and ¶¶\u{00A0}2–4, ¶\u{00A0}[not included].",
        ])
    }

    @Test func addingAParagraphShiftsCitations() throws {
        let fields = "    <field name=\"story\" type=\"paragraphs\"/>"
        let body = "    <paragraphs of=\"story\" numbered=\"true\"/>\n    <numbered id=\"x\">Target.</numbered>\n    <p>See <ref to=\"x\"/>.</p>"
        #expect(try render(fields: fields, body: body, caseJSON: #"{"story": ["a"]}"#).texts.last == "See ¶\u{00A0}2.")
        #expect(try render(fields: fields, body: body, caseJSON: #"{"story": ["a", "b", "c"]}"#).texts.last == "See ¶\u{00A0}4.")
    }

    @Test func loopsWithIndexFirstLastAndJoin() throws {
        let fields = "    <list name=\"kids\"><field name=\"name\"/></list>"
        let body = """
                <ol><for each="k" in="kids"><li><value of="loop.index"/>/<value of="loop.count"/> <value of="k.name"/><if test="loop.first"> (first)</if><if test="loop.last"> (last)</if></li></for></ol>
                <p>Children: <for each="k" in="kids" join="and"><value of="k.name"/></for>.</p>
            """
        let blocks = try render(fields: fields, body: body, caseJSON: #"{"kids": [{"name": "Ana"}, {"name": "Ben"}, {"name": "Cy"}]}"#)
        #expect(blocks.texts == ["1/3 Ana (first) | 2/3 Ben | 3/3 Cy (last)", "Children: Ana, Ben, and Cy."])
    }

    @Test func chooseAndElse() throws {
        let fields = "    <field name=\"v\"/>"
        let body = """
                <choose><when test="v == 'a'"><p>A</p></when><when test="v == 'b'"><p>B</p></when><otherwise><p>other</p></otherwise></choose>
                <p><if test="v == 'a'">yes<else>no</else></if></p>
            """
        #expect(try render(fields: fields, body: body, caseJSON: #"{"v": "b"}"#).texts == ["B", "no"])
        #expect(try render(fields: fields, body: body, caseJSON: #"{"v": "a"}"#).texts == ["A", "yes"])
        #expect(try render(fields: fields, body: body, caseJSON: #"{}"#).texts == ["other", "no"])
    }

    @Test func whitespaceIsTidiedAndEmptyBlocksDropped() throws {
        let fields = "    <field name=\"a\"/>"
        let body = """
                <p>
                   Hello,   <b> <value of="a"/> </b>
                   <if test="false">never</if>   friend.<br/>   Next line.
                </p>
                <p><if test="exists(zzz)">gone</if></p>
                <ul><li><value of="zzz"/></li></ul>
            """
        let fieldsWithZ = fields + "\n    <field name=\"zzz\"/>"
        let blocks = try render(fields: fieldsWithZ, body: body, caseJSON: #"{"a": "Rosa"}"#)
        #expect(blocks == [.paragraph(content: [.text("Hello, "), .styled(.bold, [.text("Rosa"), .text(" ")]), .text("friend."), .lineBreak, .text("Next line.")], alignment: .left)])
    }

    @Test func sensitiveValuesAreMarkedAndRedactable() throws {
        let fields = """
                <field name="name" sensitive="true" redact="initials"/>
                <field name="dob" type="date" sensitive="true"/>
                <field name="an" type="a-number" sensitive="true" redact="last4"/>
                <field name="city"/>
            """
        let body = "    <p><value of=\"name\"/>, <value of=\"dob\"/>, <value of=\"an\"/>, age <value of=\"age(dob)\"/>, <value of=\"city\"/></p>"
        let blocks = try render(fields: fields, body: body, caseJSON: #"{"name": "Rosa Ejemplo", "dob": "1990-01-01", "an": "A000000001", "city": "Springfield"}"#)
        let document = Document(metadata: Metadata(title: "t", templateID: "t", templateVersion: "1", kind: "letter"), blocks: blocks)
        #expect(document.blocks.texts == ["Rosa Ejemplo, January 1, 1990, A000-000-001, age 36, Springfield"])
        #expect(document.redacted().blocks.texts == ["R. E., [REDACTED], ••••••0001, age [REDACTED], Springfield"])
    }
}
