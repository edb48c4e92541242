import CaseData
import Testing

@testable import Templating

@Suite("Validating case files")
struct CaseValidatorTests {
    private func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map { "\($0.path) \($0.code.rawValue)" } }

    @Test func requiredFieldsAreNamedWithPathAndLabel() throws {
        let fields = """
                <field name="letterDate" type="date" required="true" label="Date of the letter"/>
                <group name="client" label="Client">
                  <field name="fullName" required="true" sensitive="true" label="Client's full legal name"/>
                </group>
            """
        let problems = try validate(fields: fields, caseJSON: "{\n  \"client\": {}\n}")
        #expect(codes(problems) == ["letterDate required", "client.fullName required"])
        let name = try #require(problems.first { $0.path == "client.fullName" })
        #expect(name.label == "Client's full legal name")
        #expect(name.position == SourcePosition(line: 2, column: 13))
        #expect(name.formatted.hasPrefix("case.json:2:13: error: client.fullName (Client's full legal name): is required but missing [required]"))
    }

    @Test func blankTextCountsAsMissing() throws {
        let problems = try validate(fields: "    <field name=\"a\" required=\"true\"/>", caseJSON: #"{"a": "  "}"#)
        #expect(problems.first?.message == "is required but empty")
    }

    @Test func everyFieldType() throws {
        let fields = """
                <field name="d" type="date"/>
                <field name="b" type="boolean"/>
                <field name="i" type="integer" min="1" max="10"/>
                <field name="m" type="money" min="0"/>
                <field name="c" type="choice"><option value="t">T</option><option value="u">U</option></field>
                <field name="cs" type="choice" multiple="true"><option value="x">X</option></field>
                <field name="e" type="email"/>
                <field name="p" type="phone"/>
                <field name="s" type="us-state"/>
                <field name="pr" type="pronouns"/>
                <field name="an" type="a-number"/>
                <field name="r" type="receipt-number"/>
                <field name="t" type="text" pattern="[0-9]{5}"/>
                <field name="para" type="paragraphs"/>
                <list name="l" min="2" max="3"><field name="x"/></list>
                <group name="g"><field name="y"/></group>
            """
        let good = """
            {"d": "2024-02-29", "b": false, "i": 10, "m": "$1,000.00", "c": "u", "cs": ["x"], "e": "a@example.org",
             "p": "555-010-0100", "s": "tx", "pr": "they", "an": "A000000001", "r": "EAC0000000001", "t": "02134",
             "para": ["one", "two"], "l": [{"x": "1"}, {"x": "2"}], "g": {"y": "z"}}
            """
        #expect(try validate(fields: fields, caseJSON: good).isEmpty)
        let bad = """
            {"d": "2024-13-01", "b": "yes", "i": 11.5, "m": -5, "c": "v", "cs": "x", "e": "a@b", "p": "12345",
             "s": "Narnia", "pr": "it", "an": "B12", "r": "EAC12", "t": "2134", "para": 3, "l": [{"x": "1"}],
             "g": [1]}
            """
        #expect(codes(try validate(fields: fields, caseJSON: bad)) == [
            "d invalid-date", "b wrong-type", "i invalid-integer", "m out-of-range", "c not-an-option", "cs wrong-type",
            "e invalid-email", "p invalid-phone", "s invalid-state", "pr invalid-pronouns", "an invalid-a-number",
            "r invalid-receipt-number", "t pattern-mismatch", "para wrong-type", "l too-few-items", "g wrong-type",
        ])
    }

    @Test func impossibleDateSaysWhy() throws {
        let problems = try validate(fields: "    <field name=\"d\" type=\"date\"/>", caseJSON: #"{"d": "2025-02-30"}"#)
        #expect(problems.first?.message == "\"2025-02-30\" is not a real date: February 2025 has 28 days")
    }

    @Test func dateBoundsIncludingToday() throws {
        let fields = "    <field name=\"d\" type=\"date\" min=\"2020-01-01\" max=\"today\"/>"
        #expect(try validate(fields: fields, caseJSON: #"{"d": "2026-11-29"}"#).isEmpty)
        #expect(try validate(fields: fields, caseJSON: #"{"d": "2026-11-30"}"#).first?.message.contains("future") == true)
        #expect(try validate(fields: fields, caseJSON: #"{"d": "2019-12-31"}"#).first?.message == "must be on or after January 1, 2020")
    }

    @Test func sensitiveValuesNeverAppear() throws {
        let fields = """
                <field name="dob" type="date" sensitive="true"/>
                <field name="name" sensitive="true" pattern="[A-Z].*"/>
                <field name="c" type="choice" sensitive="true"><option value="a">A</option></field>
                <group name="secret" sensitive="true"><field name="e" type="email"/></group>
            """
        let problems = try validate(fields: fields, caseJSON: """
            {"dob": "1990-02-31", "name": "zed secretname", "c": "hidden-choice", "secret": {"e": "not-an-email"}}
            """)
        #expect(problems.count == 4)
        for problem in problems {
            let text = problem.formatted + (problem.json.jsonText())
            for secret in ["1990", "zed", "secretname", "hidden-choice", "not-an-email"] {
                #expect(!text.contains(secret), "\(text)")
            }
        }
    }

    @Test func requiredIfDependsOnOtherFields() throws {
        let fields = """
                <field name="visa" type="choice"><option value="t">T</option><option value="u">U</option></field>
                <field name="agency" required-if="visa == 'u'"/>
                <list name="kids"><field name="other"/><field name="why" required-if="exists(other)"/></list>
            """
        #expect(try validate(fields: fields, caseJSON: #"{"visa": "t"}"#).isEmpty)
        let problems = try validate(fields: fields, caseJSON: #"{"visa": "u", "kids": [{}, {"other": "x"}]}"#)
        #expect(codes(problems) == ["agency required", "kids[1].why required"])
        #expect(problems[0].message.contains("because visa == 'u'"))
    }

    @Test func rulesReportTheirMessageAndSkipMissingValues() throws {
        let fields = """
                <field name="start" type="date"/>
                <field name="end" type="date"/>
                <rule test="start &lt;= end" field="end" message="The end date is before the start date."/>
            """
        #expect(try validate(fields: fields, caseJSON: #"{"start": "2025-01-02"}"#).isEmpty)
        let problems = try validate(fields: fields, caseJSON: "{\"start\": \"2025-01-02\",\n \"end\": \"2025-01-01\"}")
        #expect(problems.count == 1)
        #expect(problems[0].code == .ruleFailed)
        #expect(problems[0].path == "end")
        #expect(problems[0].message == "The end date is before the start date.")
        #expect(problems[0].position == SourcePosition(line: 2, column: 9))
    }

    @Test func rulesInListItemsSeeTheirSiblings() throws {
        let fields = """
                <list name="incidents">
                  <field name="from" type="date"/><field name="to" type="date"/>
                  <rule test="from &lt;= to" message="Ends before it starts."/>
                </list>
            """
        let problems = try validate(fields: fields, caseJSON: #"{"incidents": [{"from": "2024-01-01", "to": "2024-02-01"}, {"from": "2024-03-01", "to": "2024-02-01"}]}"#)
        #expect(codes(problems) == ["incidents[1] rule-failed"])
    }

    @Test func unknownKeysAreWarningsWithSuggestions() throws {
        let problems = try validate(fields: "    <group name=\"client\"><field name=\"fullName\"/></group>",
            caseJSON: #"{"client": {"fulName": "x"}, "zzz": 1}"#)
        #expect(problems.map(\.severity) == [.warning, .warning])
        #expect(problems[0].path == "client.fulName")
        #expect(problems[0].help == "did you mean \"fullName\"?")
    }

    @Test func defaultsFillMissingValues() throws {
        let fields = "    <field name=\"lang\" required=\"true\" default=\"English\"/>"
        #expect(try validate(fields: fields, caseJSON: "{}").isEmpty)
    }

    @Test func caseFileMustBeAnObject() throws {
        let problems = try validate(fields: "    <field name=\"a\"/>", caseJSON: "[1, 2]")
        #expect(problems.first?.code == .notAGroup)
    }

    @Test func reportsEveryProblemInFileOrder() throws {
        let fields = """
                <field name="a" required="true"/>
                <field name="b" type="date"/>
                <field name="c" type="integer"/>
            """
        let problems = try validate(fields: fields, caseJSON: "{\n \"c\": \"x\",\n \"b\": \"nope\"\n}")
        #expect(codes(problems) == ["a required", "c invalid-integer", "b invalid-date"])
    }
}
