import CaseData
import Foundation
@testable import Templating
import Testing

/// The JSON Schema states what validation enforces, so an intake form built from it never accepts
/// what `validate` refuses (Tests/schema/ generates cases from every shipped schema to check it).
@Suite("JSON Schema constraints")
struct CaseSchemaConstraintTests {
    private func schema(_ fields: String) throws -> CaseObject {
        let folder = TemplateFolder(["t": templateXML(fields: fields, body: "<p>x</p>")])
        return try #require(CaseSchema.jsonSchema(for: try folder.library.load("t")).objectValue)
    }

    private func property(_ schema: CaseObject, _ name: String) -> CaseObject? {
        schema["properties"]?.objectValue?[name]?.objectValue
    }

    @Test func phoneNumbersHaveThePatternTheValidatorChecks() throws {
        let pattern = try NSRegularExpression(pattern: CaseSchema.phonePattern)
        func matches(_ text: String) -> Bool {
            pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        let samples = ["(555) 010-0123", "555.010.0123", "1-555-010-0123", "+44 20 7946 0958", "+1 555 010 0123", "5550100123",
                       "555-0100", "phone", "+12", "555 010 0123 ext 4", "+1234567890123456", "", "  ", "(555)0100123"]
        for sample in samples where matches(sample) {
            // Whatever the pattern lets through, the validator takes.
            #expect(Formatters.phoneDigits(sample) != nil, "\(sample)")
        }
        #expect(matches("(555) 010-0123") && matches("+44 20 7946 0958") && !matches("phone") && !matches("555-0100"))
        let fields = try schema(#"<field name="phone" type="phone"/>"#)
        #expect(property(fields, "phone")?["pattern"]?.stringValue == CaseSchema.phonePattern)
    }

    @Test func defaultsHaveTheFieldsType() throws {
        let fields = try schema("""
                <field name="consent" type="boolean" default="false"/>
                <field name="count" type="integer" default="3"/>
                <field name="note" default="none"/>
            """)
        #expect(property(fields, "consent")?["default"] == .bool(false))
        #expect(property(fields, "count")?["default"]?.jsonText(pretty: false) == "3")
        #expect(property(fields, "note")?["default"] == .string("none"))
    }

    @Test func requiredValuesCannotBeBlankOrEmptyLists() throws {
        let fields = try schema("""
                <field name="name" required="true"/>
                <field name="basis" type="choice" multiple="true" required="true"><option value="a">A</option></field>
                <field name="zip" pattern="[0-9]{5}"/>
            """)
        #expect(property(fields, "name")?["minLength"]?.jsonText(pretty: false) == "1")
        #expect(property(fields, "name")?["allOf"]?.jsonText(pretty: false) == #"[{"pattern":"\\S"}]"#)
        #expect(property(fields, "basis")?["minItems"]?.jsonText(pretty: false) == "1")
        // A template's pattern must match the whole value; with one, the field takes text only.
        #expect(property(fields, "zip")?["pattern"]?.stringValue == "^(?:[0-9]{5})$")
        #expect(property(fields, "zip")?["type"] == .string("string"))
    }

    @Test func rulesTheSchemaCannotStateAreListedInItsDescription() throws {
        let folder = TemplateFolder(["t": templateXML(fields: """
                <field name="from" type="date" max="today"/>
                <field name="to" type="date"/>
                <field name="agency" required-if="count(from) > 0"/>
                <rule test="empty(to) or from &lt;= to" message="The end cannot come before the start."/>
            """, body: "<p>x</p>")])
        let description = try #require(CaseSchema.jsonSchema(for: try folder.library.load("t")).objectValue?["description"]?.stringValue)
        #expect(description.contains("engross validate also checks what this schema cannot state"))
        #expect(description.contains("The end cannot come before the start."))
        #expect(description.contains("agency is required if count(from) > 0"))
        #expect(description.contains("from is a date on or before today"))
    }
}
