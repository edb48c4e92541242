import CaseData
import Testing

@testable import Templating

/// `any(list, condition)`: true when the condition holds for at least one item of a list of groups,
/// the condition naming the item's own fields. Rules such as "at least one report is to law
/// enforcement, not a hotline" need it.
@Suite("any(list, condition)")
struct AnyFunctionTests {
    private let root: CaseObject = {
        let value = try! JSONCaseParser.parse(Array("""
            {"kind": "top", "reports": [{"kind": "hotline"}, {"kind": "federal", "agency": "HSI"}],
             "calls": [{"kind": "hotline"}], "none": [], "crimes": ["fraud"]}
            """.utf8), file: "x")
        return value.objectValue!
    }()

    private func eval(_ text: String) throws -> RuntimeValue {
        ExpressionEvaluator(today: testToday).evaluate(try ExpressionParser.parse(text), in: Scope(root: root))
    }

    @Test func holdsWhenOneItemMatches() throws {
        #expect(try eval("any(reports, kind != 'hotline')") == .bool(true))
        #expect(try eval("any(calls, kind != 'hotline')") == .bool(false))
        #expect(try eval("any(reports, kind == 'federal' and exists(agency))") == .bool(true))
        // No items, or no list at all: nothing matches.
        #expect(try eval("any(none, kind != 'hotline')") == .bool(false))
        #expect(try eval("any(missing, kind != 'hotline')") == .bool(false))
    }

    @Test func theConditionSeesOnlyTheItem() throws {
        // The top-level "kind" is not read inside the condition: an item without one has none.
        #expect(try eval("any(calls, kind == 'top')") == .bool(false))
        #expect(try eval("any(calls, empty(agency))") == .bool(true))
    }

    @Test func takesTheListAsAPath() {
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("any('reports', kind == 'x')") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("any(reports)") }
        #expect(try! ExpressionParser.parse("any(reports, kind == 'x')").paths == [PathExpression(head: "reports")])
    }

    private let fields = """
            <list name="reports">
              <field name="kind" type="choice"><option value="hotline"/><option value="federal"/></field>
              <field name="agency" type="text"/>
            </list>
            <field name="exception" type="boolean" default="false"/>
        """

    @Test func lintChecksTheItemFields() {
        let good = TemplateFolder(["t": templateXML(fields: fields + """
                <rule test="exception or any(reports, kind != 'hotline')" message="x"/>
            """, body: "<p>x</p>")])
        #expect(good.problems("t").isEmpty)

        let misspelled = TemplateFolder(["t": templateXML(fields: fields + """
                <rule test="any(reports, kinds != 'hotline')" message="x"/>
            """, body: "<p>x</p>")])
        let problem = misspelled.problems("t").first
        #expect(problem?.reason == .undeclaredField)
        #expect(problem?.message.contains("did you mean") == true, "\(String(describing: problem))")

        // A top-level field is not an item's field.
        let outside = TemplateFolder(["t": templateXML(fields: fields + """
                <rule test="any(reports, exception)" message="x"/>
            """, body: "<p>x</p>")])
        #expect(outside.problems("t").first?.reason == .undeclaredField)

        let notAList = TemplateFolder(["t": templateXML(fields: fields + """
                <rule test="any(exception, kind == 'x')" message="x"/>
            """, body: "<p>x</p>")])
        #expect(notAList.problems("t").first?.message.contains("not a list of groups") == true)
    }

    @Test func aRuleWithAnyReportsOnceWhenEveryItemFails() throws {
        let rule = fields + """
                <rule test="exception or count(reports) == 0 or any(reports, kind != 'hotline')" field="reports" message="only hotline calls"/>
            """
        let onlyHotline = try validate(fields: rule, caseJSON: #"{"reports": [{"kind": "hotline"}, {"kind": "hotline"}]}"#)
        #expect(onlyHotline.map { "\($0.path) \($0.code.rawValue)" } == ["reports rule-failed"])
        #expect(try validate(fields: rule, caseJSON: #"{"reports": [{"kind": "hotline"}, {"kind": "federal"}]}"#).isEmpty)
        #expect(try validate(fields: rule, caseJSON: #"{"exception": true, "reports": [{"kind": "hotline"}]}"#).isEmpty)
        // An item whose kind is malformed is reported once, as malformed, not again by the rule.
        let malformed = try validate(fields: rule, caseJSON: #"{"reports": [{"kind": "police"}]}"#)
        #expect(malformed.map { "\($0.path) \($0.code.rawValue)" } == ["reports[0].kind not-an-option"])
    }
}
