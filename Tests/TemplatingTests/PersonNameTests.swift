import CaseData
import DocumentModel
import Testing

@testable import Templating

@Suite("Name formats: family-name, given-name, middle-name")
struct PersonNameTests {
    @Test func withoutAComma() {
        #expect(PersonName("Ana María Testcase") == PersonName(family: "Testcase", given: "Ana", middle: "María"))
        #expect(PersonName("Ana Testcase") == PersonName(family: "Testcase", given: "Ana", middle: ""))
        #expect(PersonName("Ana Luisa María Testcase") == PersonName(family: "Testcase", given: "Ana", middle: "Luisa María"))
    }

    @Test func withAComma() {
        #expect(PersonName("García López, Ana María") == PersonName(family: "García López", given: "Ana", middle: "María"))
        #expect(PersonName("Testcase, Ana") == PersonName(family: "Testcase", given: "Ana", middle: ""))
        #expect(PersonName("Testcase,Ana") == PersonName(family: "Testcase", given: "Ana", middle: ""))
        #expect(PersonName("Testcase,") == PersonName(family: "Testcase", given: "", middle: ""))
        // Only the first comma separates the family name; later ones are ignored.
        #expect(PersonName("Testcase, Ana, María") == PersonName(family: "Testcase", given: "Ana", middle: "María"))
    }

    @Test func oneWordIsAFamilyName() {
        #expect(PersonName("Testcase") == PersonName(family: "Testcase", given: "", middle: ""))
        #expect(PersonName("  Testcase  ") == PersonName(family: "Testcase", given: "", middle: ""))
        #expect(PersonName("") == PersonName(family: "", given: "", middle: ""))
        #expect(PersonName("   ") == PersonName(family: "", given: "", middle: ""))
    }

    @Test func extraSpacesCountAsOne() {
        #expect(PersonName("  Ana   María \t Testcase ") == PersonName(family: "Testcase", given: "Ana", middle: "María"))
        #expect(PersonName(" García   López ,  Ana   María ") == PersonName(family: "García López", given: "Ana", middle: "María"))
    }

    @Test func formatsInAValue() throws {
        let fields = "    <field name=\"name\" type=\"text\"/>"
        let body = """
                <p>[<value of="name" format="family-name"/>] [<value of="name" format="given-name"/>] [<value of="name" format="middle-name" empty="none"/>]</p>
                <p><value of="name" format="family-name" case="upper"/></p>
            """
        #expect(try render(fields: fields, body: body, caseJSON: #"{"name": "Testcase, Ana María"}"#).texts
            == ["[Testcase] [Ana] [María]", "TESTCASE"])
        #expect(try render(fields: fields, body: body, caseJSON: #"{"name": "Ana Testcase"}"#).texts
            == ["[Testcase] [Ana] [none]", "TESTCASE"])
        #expect(try render(fields: fields, body: body, caseJSON: #"{"name": "Testcase"}"#).texts
            == ["[Testcase] [] [none]", "TESTCASE"])
    }

    @Test func formatsOnAComputedValue() throws {
        let body = "    <p><value of=\"'Ana Testcase'\" format=\"family-name\"/></p>"
        #expect(try render(fields: "", body: body, caseJSON: "{}").texts == ["Testcase"])
    }

    @Test func onlyTextFieldsTakeNameFormats() {
        let folder = TemplateFolder(["t": templateXML(fields: "    <field name=\"mail\" type=\"email\"/>",
            body: "    <p><value of=\"mail\" format=\"given-name\"/></p>")])
        let problems = folder.problems("t")
        #expect(problems.count == 1)
        #expect(problems.first?.location.line == 8)
        #expect(problems.first?.message == "format=\"given-name\" does not apply to 'mail', a email field (its formats: initials)")
    }

    @Test func aRedactedNamePartUsesTheFieldsRule() throws {
        let folder = TemplateFolder(["t": templateXML(
            fields: "    <field name=\"name\" sensitive=\"true\" redact=\"initials\"/>",
            body: "    <p><value of=\"name\" format=\"given-name\"/> <value of=\"name\" format=\"family-name\"/>.</p>")])
        let template = try folder.library.load("t")
        let data = try JSONCaseParser.parse(Array(#"{"name": "Ana María Testcase"}"#.utf8), file: "case.json")
        let document = DocumentEvaluator(template: template, today: testToday).evaluate(data)
        #expect(document.blocks.texts == ["Ana Testcase."])
        #expect(document.redacted().blocks.texts == ["A. T."])
    }
}
