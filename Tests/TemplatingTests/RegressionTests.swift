import CaseData
import DocumentModel
import Testing

@testable import Templating

/// Behaviour that a review of the first version found wrong, kept right.
@Suite("Regressions")
struct RegressionTests {
    @Test func addMonthsNeverCrashes() throws {
        let date = CivilDate(iso: "2025-01-31")!
        #expect(date.adding(months: -30_001).description == "0001-01-01")
        #expect(date.adding(months: 200_000).description == "9999-12-31")
        #expect(date.adding(months: -24_288).description == "0001-01-31")
        let fields = "    <field name=\"d\" type=\"date\"/>\n    <field name=\"n\" type=\"integer\"/>"
        let blocks = try render(fields: fields, body: "    <p>[<value of=\"addMonths(d, n)\"/>]</p>", caseJSON: #"{"d": "2025-01-31", "n": -30001}"#)
        #expect(blocks.texts == ["[January 1, 1]"])
    }

    @Test func childTemplatesKeepTheParentsMarking() throws {
        let parent = templateXML(id: "parent", body: "    <block name=\"main\"><p>parent</p></block>")
            .replacingOccurrences(of: "<meta><title>Test</title></meta>", with: "<meta><title>P</title><authority>Law</authority><marking>CONFIDENTIAL</marking></meta>")
        let child = """
            <template xmlns="urn:engross:template:1" id="child" version="1" extends="parent">
              <meta><title>Child</title></meta>
              <block name="main"><p>child</p></block>
            </template>
            """
        let template = try TemplateFolder(["parent": parent, "child": child]).library.load("child")
        #expect(template.meta.title == "Child")
        #expect(template.meta.marking == "CONFIDENTIAL")
        #expect(template.meta.authority == "Law")
        let document = DocumentEvaluator(template: template, today: testToday).evaluate(.object([]))
        #expect(document.blocks.texts == ["child"])
        #expect(document.metadata.marking == "CONFIDENTIAL")
    }

    @Test func blockThatOverridesNothingIsAnError() {
        let parent = templateXML(id: "parent", body: "    <block name=\"main\"><p>parent</p></block>")
        let child = """
            <template xmlns="urn:engross:template:1" id="child" version="1" extends="parent">
              <meta><title>Child</title></meta>
              <block name="mian"><p>child</p></block>
            </template>
            """
        let problems = TemplateFolder(["parent": parent, "child": child]).problems("child")
        #expect(problems.first?.message.contains("overrides nothing") == true)
    }

    @Test func pronounsInsideStyledRunsAndJoinsAreNotCapitalisedMidSentence() throws {
        let fields = "    <field name=\"p\" type=\"pronouns\"/>\n    <list name=\"kids\"><field name=\"p\" type=\"pronouns\"/></list>"
        let body = "    <p>They said <b><value of=\"p\" format=\"object\"/></b>. <i><value of=\"p\"/></i> left. Kids: <for each=\"k\" in=\"kids\" join=\"and\"><value of=\"k.p\" format=\"object\"/></for>.</p>"
        let blocks = try render(fields: fields, body: body, caseJSON: #"{"p": "they", "kids": [{"p": "she"}, {"p": "he"}]}"#)
        #expect(blocks.texts == ["They said them. They left. Kids: her and him."])
    }

    @Test func defaultsApplyInsideMissingGroups() throws {
        let fields = "    <group name=\"prefs\"><field name=\"language\" required=\"true\" default=\"English\"/></group>"
        #expect(try validate(fields: fields, caseJSON: "{}").isEmpty)
        #expect(try render(fields: fields, body: "    <p><value of=\"prefs.language\"/></p>", caseJSON: "{}").texts == ["English"])
    }

    @Test func defaultOnAMultipleChoiceIsATemplateError() {
        let folder = TemplateFolder(["t": templateXML(
            fields: "    <field name=\"c\" type=\"choice\" multiple=\"true\" default=\"a\"><option value=\"a\">A</option></field>", body: "<p>x</p>")])
        #expect(folder.problems("t").first?.message.contains("multiple") == true)
    }

    @Test func patternOnlyOnTextLikeFields() {
        let folder = TemplateFolder(["t": templateXML(fields: "    <field name=\"n\" type=\"integer\" pattern=\"[0-9]+\"/>", body: "<p>x</p>")])
        #expect(folder.problems("t").first?.message.contains("text-like") == true)
    }

    @Test func aRequiredGroupWithoutRequiredFieldsIsReportedItself() throws {
        let fields = "    <group name=\"a\" required=\"true\" label=\"Attorney\"><field name=\"name\"/></group>"
        let problems = try validate(fields: fields, caseJSON: "{}")
        #expect(problems.map(\.path) == ["a"])
        #expect(problems.first?.label == "Attorney")
    }

    @Test func rulesDoNotRepeatAMalformedValue() throws {
        let fields = """
                <field name="start" type="date"/>
                <field name="end" type="date"/>
                <rule test="start &lt;= end" field="end" message="Ends before it starts."/>
            """
        let problems = try validate(fields: fields, caseJSON: #"{"start": "2025-01-02", "end": "2025-02-31"}"#)
        #expect(problems.map(\.code) == [.invalidDate])
    }

    @Test func loopIsUnknownOutsideAFor() {
        let folder = TemplateFolder(["t": templateXML(fields: "    <field name=\"a\" required-if=\"loop.first\"/>", body: "<p>x</p>")])
        #expect(folder.problems("t").first?.reason == .undeclaredField)
    }

    @Test func declaredItemFieldsShadowTopLevelFieldsInRules() throws {
        let fields = """
                <field name="note"/>
                <list name="items"><field name="note"/><field name="why" required-if="exists(note)"/></list>
            """
        #expect(try validate(fields: fields, caseJSON: #"{"note": "top", "items": [{}]}"#).isEmpty)
    }

    @Test func elementsOfOtherNamespacesAreRefused() {
        let folder = TemplateFolder(["t": templateXML(body: "    <p xmlns:x=\"urn:other\">a <x:note>b</x:note></p>")])
        #expect(folder.problems("t").first?.message.contains("urn:other") == true)
    }

    @Test func blankLinesWithSpacesSeparateParagraphs() throws {
        let blocks = try render(fields: "    <field name=\"s\" type=\"paragraphs\"/>", body: "    <paragraphs of=\"s\"/>",
            caseJSON: #"{"s": "One.\n   \nTwo\nwrapped."}"#)
        #expect(blocks.texts == ["One.", "Two wrapped."])
    }

    @Test func numberWordsGroupDigits() {
        #expect(Formatters.numberWords(1250) == "one thousand two hundred fifty (1,250)")
    }

    @Test func secondOtherwiseIsAnError() {
        let folder = TemplateFolder(["t": templateXML(body: "    <choose><when test=\"true\"><p>a</p></when><otherwise><p>b</p></otherwise><otherwise><p>c</p></otherwise></choose>")])
        #expect(folder.problems("t").first?.message.contains("only one <otherwise>") == true)
    }

    /// Patterns that take a backtracking engine exponential time are matched in linear time
    /// (`FieldPattern`); see HardeningTests for the matcher itself.
    @Test func catastrophicPatternsAreHarmless() throws {
        let value = String(repeating: "a", count: 5000) + "!"
        for shape in ["(a+)+$", "(\\w*,)*x", "((ab)*c)+", "(x|y+){2,}"] {
            #expect(try !FieldPattern(shape).matches(value), "\(shape)")
        }
        let folder = TemplateFolder(["t": templateXML(fields: "    <field name=\"z\" pattern=\"(a+)+$\"/>", body: "<p>x</p>")])
        #expect(folder.problems("t").isEmpty)
    }

    @Test func deeplyNestedExpressionsAreRefused() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(deep) }
        let nots = String(repeating: "not ", count: 10_000) + "true"
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(nots) }
    }

    @Test func conditionalGroupsAreNotConjuredByDefaults() throws {
        let fields = """
                <field name="interpreted" type="boolean" default="false"/>
                <group name="interpreter" required-if="interpreted">
                  <field name="name" required="true"/>
                  <field name="language" default="Spanish"/>
                </group>
            """
        #expect(try validate(fields: fields, caseJSON: "{}").isEmpty)
        #expect(try validate(fields: fields, caseJSON: #"{"interpreted": true}"#).map(\.path) == ["interpreter.name"])
    }

    @Test func anEmptyRequiredGroupIsReported() throws {
        let fields = "    <group name=\"a\" required=\"true\"><field name=\"name\"/></group>"
        #expect(try validate(fields: fields, caseJSON: #"{"a": {}}"#).map(\.code) == [.required])
    }

    @Test func rulesAreSkippedOnlyForTheValuesTheyRead() throws {
        let fields = """
                <group name="client">
                  <field name="fullName" required="true"/>
                  <field name="born" type="date"/>
                </group>
                <field name="signed" type="date"/>
                <rule test="client.born &lt; signed" field="signed" message="Signed before birth."/>
                <rule test="signed &lt;= today()" field="signed" message="Signed in the future."/>
            """
        let problems = try validate(fields: fields, caseJSON: #"{"client": {"born": "2030-01-01"}, "signed": "2029-01-01"}"#)
        #expect(problems.map(\.message).sorted() == ["Signed before birth.", "Signed in the future.", "is required but missing"])
    }

    @Test func attributesOfOtherNamespacesAreRefused() {
        let folder = TemplateFolder(["t": templateXML(body: "    <p xmlns:x=\"urn:other\" x:note=\"hi\">a</p>")])
        #expect(folder.problems("t").first?.message.contains("urn:other") == true)
    }

    @Test func nestedGroupRulesSeeTheirOwnFieldsThenTheTopLevel() throws {
        let fields = """
                <field name="kind"/>
                <group name="outer">
                  <field name="kind"/>
                  <group name="inner">
                    <field name="detail" required-if="kind == 'x'"/>
                  </group>
                </group>
            """
        // "kind" in inner's required-if is the top-level field, as lint binds it.
        #expect(try validate(fields: fields, caseJSON: #"{"kind": "y", "outer": {"kind": "x", "inner": {}}}"#).isEmpty)
        #expect(try validate(fields: fields, caseJSON: #"{"kind": "x", "outer": {"kind": "y", "inner": {}}}"#).map(\.path) == ["outer.inner.detail"])
    }

    @Test func aMissingListWithAMinimumIsReported() throws {
        let fields = "    <list name=\"services\" min=\"1\"><field name=\"d\"/></list>"
        let problems = try validate(fields: fields, caseJSON: "{}")
        #expect(problems.map(\.code) == [.tooFewItems])
        #expect(problems.first?.message == "has no items but needs at least 1")
    }

    @Test func aListOfBlankTextIsEmpty() throws {
        let fields = """
                <field name="obs" type="paragraphs" required="true"/>
                <field name="consent" type="boolean" default="false"/>
                <field name="notes" type="paragraphs"/>
                <rule test="empty(notes) or consent" message="Consent needed."/>
            """
        #expect(try validate(fields: fields, caseJSON: #"{"obs": [""], "notes": ["", " "]}"#).map(\.code) == [.required])
    }

    @Test func sensitiveChoicesGetNoSuggestion() throws {
        let fields = "    <field name=\"country\" type=\"choice\" sensitive=\"true\"><option value=\"guatemala\">Guatemala</option></field>"
        let problem = try #require(try validate(fields: fields, caseJSON: #"{"country": "guatemal"}"#).first)
        #expect(!(problem.formatted + problem.json.jsonText()).contains("did you mean"))
    }

    @Test func numbersInTextFieldsAreShownAsWritten() throws {
        let blocks = try render(fields: "    <field name=\"zip\"/>", body: "    <p><value of=\"zip\"/></p>", caseJSON: #"{"zip": 12345}"#)
        #expect(blocks.texts == ["12345"])
    }

    @Test func phoneNumbers() throws {
        let fields = "    <field name=\"a\" type=\"phone\"/><field name=\"b\" type=\"phone\"/>"
        let blocks = try render(fields: fields, body: "    <p><value of=\"a\"/>; <value of=\"b\"/></p>",
            caseJSON: #"{"a": "+1 555 010 0123", "b": "+52 55 0000 0000"}"#)
        #expect(blocks.texts == ["(555)\u{00A0}010-0123; +52 55 0000 0000"])
    }

    @Test func redactedInitialsDoNotDoubleTheFullStop() throws {
        let blocks = try render(fields: "    <field name=\"n\" sensitive=\"true\" redact=\"initials\"/>",
            body: "    <p>I support <value of=\"n\"/>. Thank you.</p>", caseJSON: #"{"n": "Rosa Ejemplo"}"#)
        let document = Document(metadata: Metadata(title: "t", templateID: "t", templateVersion: "1", kind: "x"), blocks: blocks)
        #expect(document.redacted().blocks.texts == ["I support R. E. Thank you."])
    }

    @Test func schemaSaysWhatMustBePresent() throws {
        let folder = TemplateFolder(["t": templateXML(fields: """
                <field name="visa" type="choice" required="true"><option value="t">T</option><option value="u">U</option></field>
                <field name="agency" required-if="visa == 'u'"/>
                <group name="client"><field name="name" required="true"/></group>
                <list name="services" min="1"><field name="d"/></list>
                <group name="optional"><field name="x"/></group>
            """, body: "<p>x</p>")])
        let schema = CaseSchema.jsonSchema(for: try folder.library.load("t"))
        #expect(schema.objectValue?["required"]?.listValue?.compactMap(\.stringValue) == ["visa", "client", "services"])
        let condition = try #require(schema.objectValue?["allOf"]?.listValue?.first)
        #expect(condition.jsonText(pretty: false) == #"{"if":{"properties":{"visa":{"const":"u"}},"required":["visa"]},"then":{"required":["agency"]}}"#)
    }
}

@Suite("Truthiness agrees with empty()")
struct TruthinessTests {
    @Test func blankListsAreFalseInConditions() throws {
        let fields = "    <field name=\"notes\" type=\"paragraphs\"/>"
        let body = "    <p><if test=\"notes\">has notes<else>no notes</else></if></p>"
        #expect(try render(fields: fields, body: body, caseJSON: #"{"notes": [""]}"#).texts == ["no notes"])
        #expect(try render(fields: fields, body: body, caseJSON: #"{"notes": ["x"]}"#).texts == ["has notes"])
        #expect(RuntimeValue.bool(false).isTruthy == false && RuntimeValue.number(0).isTruthy == false)
        #expect(RuntimeValue.date(testToday).isTruthy)
    }
}
