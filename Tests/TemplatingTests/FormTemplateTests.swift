import CaseData
import DocumentModel
import Testing

@testable import Templating

/// A form template around `fields` and `form` (the content of `<form>`). `<fields>` starts on
/// line 4, so its first line is line 5; `<form>` is on line 6 + the lines of `fields`, and the
/// first line of `form` on the line after.
func formXML(id: String = "f", fields: String, form: String, formAttributes: String = #"blank="x.pdf" edition="Form X 1/1/26""#) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <template xmlns="urn:engross:template:1" id="\(id)" version="1.0.0" kind="form">
      <meta><title>Test form</title></meta>
      <fields>
    \(fields)
      </fields>
      <form \(formAttributes)>
    \(form)
      </form>
    </template>
    """
}

private let applicantFields = """
        <group name="applicant">
          <field name="fullName" required="true" sensitive="true" redact="initials"/>
          <field name="aNumber" type="a-number" sensitive="true" redact="last4"/>
          <field name="dateOfBirth" type="date" sensitive="true"/>
          <field name="sex" type="choice" sensitive="true"><option value="female">Female</option><option value="male">Male</option></field>
          <field name="maritalStatus" type="choice"><option value="single">Single</option><option value="married">Married</option></field>
          <field name="removal" type="boolean"/>
          <field name="state" type="us-state"/>
          <list name="addresses">
            <field name="street" sensitive="true"/>
            <field name="city"/>
          </list>
        </group>
    """  // lines 5 to 17

@Suite("Form templates: parsing")
struct FormTemplateParsingTests {
    private func problems(fields: String = applicantFields, form: String, formAttributes: String? = nil) -> [TemplateError] {
        let xml = formAttributes.map { formXML(fields: fields, form: form, formAttributes: $0) } ?? formXML(fields: fields, form: form)
        return TemplateFolder(["f": xml]).problems("f")
    }

    /// The form's first line: after the fields (lines 5 to 17), `</fields>` (18) and `<form>` (19).
    private let first = 20

    @Test func aCompleteFormLoads() throws {
        let form = """
                <addendum part="8" title="Additional Information" see="See Part 8">
                  <line label="Family Name (Last Name)" of="applicant.fullName" format="family-name"/>
                  <line label="A-Number" of="applicant.aNumber"/>
                </addendum>
                <text field="F.Family[0]" of="applicant.fullName" format="family-name" part="1" item="1.a"/>
                <text field="F.Addresses[0]" part="3" item="4"><for each="a" in="applicant.addresses"><value of="a.street"/>, <value of="a.city"/><br/></for></text>
                <check field="F.Married[0]" when="applicant.maritalStatus == 'married'"/>
                <radio field="F.Sex[0]" of="applicant.sex"><option value="female" state="F"/><option value="male" state="M"/></radio>
                <choice field="F.State[0]" of="applicant.state" format="code"/>
                <leave field="F.Signature[0]"/>
            """
        let template = try TemplateFolder(["f": formXML(fields: applicantFields, form: form)]).library.load("f")
        let mapping = try #require(template.form)
        #expect(template.isForm)
        #expect(template.body.isEmpty)
        #expect(mapping.blank == "x.pdf")
        #expect(mapping.edition == "Form X 1/1/26")
        #expect(mapping.addendum?.part == "8")
        #expect(mapping.addendum?.lines.map(\.label) == ["Family Name (Last Name)", "A-Number"])
        #expect(mapping.entries.map(\.element) == ["text", "text", "check", "radio", "choice", "leave"])
        #expect(mapping.entries.map(\.field) == ["F.Family[0]", "F.Addresses[0]", "F.Married[0]", "F.Sex[0]", "F.State[0]", "F.Signature[0]"])
        #expect(mapping.entries[0].part == "1" && mapping.entries[0].item == "1.a")
        #expect(mapping.entries[3].location.line == first + 7)
        // Binding saw that the radio reads a sensitive field.
        if case .radio(let value, let options) = mapping.entries[3].fill {
            #expect(value.sensitive)
            #expect(options.map(\.state) == ["F", "M"])
        } else {
            Issue.record("not a radio")
        }
    }

    @Test func aFormTemplateHasNoBodyOrPage() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="f" version="1.0.0" kind="form">
              <meta><title>Test form</title></meta>
              <page size="letter"/>
              <form blank="x.pdf" edition="X"><leave field="A"/></form>
              <body><p>x</p></body>
            </template>
            """
        let problems = TemplateFolder(["f": xml]).problems("f")
        #expect(problems.map(\.location.line) == [4, 6])
        #expect(problems.map(\.message) == [
            "a form template (kind=\"form\") has no <page>: the blank PDF sets its pages",
            "a form template (kind=\"form\") has a <form> in place of <body>",
        ])
    }

    @Test func aFormTemplateNeedsAForm() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="f" version="1.0.0" kind="form">
              <meta><title>Test form</title></meta>
            </template>
            """
        let problems = TemplateFolder(["f": xml]).problems("f")
        #expect(problems.map(\.location.line) == [2])
        #expect(problems.first?.message.contains("needs a <form blank=") == true)
    }

    @Test func formIsRefusedInOtherTemplates() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="t" version="1.0.0" kind="letter">
              <meta><title>Test</title></meta>
              <form blank="x.pdf" edition="X"><leave field="A"/></form>
              <body><p>x</p></body>
            </template>
            """
        let problems = TemplateFolder(["t": xml]).problems("t")
        #expect(problems.map(\.location.line) == [4])
        #expect(problems.first?.message
            == "<form> belongs in a form template: set kind=\"form\" on <template> (and drop the <body>), or remove the <form>")
    }

    @Test func aFormCannotBeIncludedOrExtended() {
        let folder = TemplateFolder([
            "f": formXML(fields: "", form: "    <leave field=\"A\"/>"),
            "inc": templateXML(id: "inc", body: "    <include template=\"f\"/>"),
            "ext": """
                <?xml version="1.0" encoding="UTF-8"?>
                <template xmlns="urn:engross:template:1" id="ext" version="1.0.0" extends="f">
                  <meta><title>Child</title></meta>
                </template>
                """,
        ])
        #expect(folder.problems("inc").map(\.location.line) == [8])
        #expect(folder.problems("inc").first?.message.contains("'f' is a form template") == true)
        #expect(folder.problems("ext").map(\.location.line) == [2])
    }

    @Test func blankIsABareFileName() {
        for blank in ["../secret.pdf", "/etc/x.pdf", "sub/x.pdf", ".."] {
            let found = problems(form: "    <leave field=\"A\"/>", formAttributes: "blank=\"\(blank)\" edition=\"X\"")
            #expect(found.map(\.location.line) == [first - 1], "\(blank)")
            #expect(found.first?.message.hasPrefix("blank=\"\(blank)\" must be a file name in the forms folder") == true)
        }
        let missing = problems(form: "    <leave field=\"A\"/>", formAttributes: "edition=\"X\"")
        #expect(missing.map(\.message) == ["<form> needs a 'blank' attribute"])
    }

    @Test func entryErrorsNameTheirLines() {
        let form = """
                <text field="A" of="applicant.fullName"/>
                <check field="D" when="applicant.removal = true"/>
                <text field="A" of="applicant.fullName"/>
                <p>x</p>
                <choice field="E"/>
                <text field="F"/>
                <check field="G" when="applicant.removal" state="On"/>
                <leave field="H">words</leave>
                <text field="I" of="applicant.fullName">and content</text>
                <text field="M" of="applicant.fullName" format="given-name" case="title"/>
                <check when="applicant.removal"/>
            """
        let found = problems(form: form)
        #expect(found.map { $0.location.line - first + 1 } == Array(2...11), "\(found.map(\.description).joined(separator: "\n"))")
        #expect(found.map(\.message) == [
            "in when=\"applicant.removal = true\" on <check>: use '==' to compare, not '=' (at character 19)",
            "the field \"A\" is already filled on line \(first); name each field of the blank once",
            "<p> cannot appear in <form>; it holds <text>, <check>, <radio>, <choice>, <leave> and one <addendum>",
            "<choice> needs a 'of' attribute",
            "<text> needs an 'of' attribute (or running text with <value>s as its content)",
            "<check> has no attribute 'state'; it takes field, item, part, when",
            "<leave> is empty: write <leave …/>",
            "<text> takes its value from of=\"…\" or from its content, not both",
            "case=\"title\" must be upper or lower",
            "<check> needs a 'field' attribute",
        ])
    }

    @Test func valuesAreBoundAsValuesAre() {
        let form = """
                <text field="A" of="applicant.fullName"/>
                <text field="B" of="applicant.fulName"/>
                <text field="C" of="applicant.dateOfBirth" format="money"/>
                <radio field="J" of="applicant.sex"><option value="femal" state="F"/></radio>
                <radio field="K" of="applicant.addresses"><option value="x" state="X"/></radio>
                <text field="L" of="applicant.addresses"/>
                <check field="M" when="exists(applicant.nickname)"/>
                <addendum part="8" title="More" see="See Part 8"><line label="X" of="applicant.aNumber" format="initials"/></addendum>
                <text field="N" part="3" item="4"><for each="a" in="applicant.addresses"><value of="a.town"/></for></text>
            """
        let found = problems(form: form)
        #expect(found.map { $0.location.line - first + 1 } == [2, 3, 4, 5, 6, 7, 9, 8], "\(found.map(\.description).joined(separator: "\n"))")
        let messages = found.map(\.message)
        #expect(messages[0].hasPrefix("'applicant.fulName' is not a declared field: 'applicant' has no field 'fulName' (did you mean 'fullName'?)"))
        #expect(messages[1] == "format=\"money\" does not apply to 'applicant.dateOfBirth', a date field (its formats: long-date, form-date, iso-date)")
        #expect(messages[2] == "<option value=\"femal\">: 'applicant.sex' never holds that value (it holds female, male) (did you mean 'female'?)")
        #expect(messages[3].hasPrefix("'applicant.addresses' is a list of fields and cannot be shown as text"))
        #expect(messages[4].hasPrefix("'applicant.addresses' is a list of fields and cannot be shown as text"))
        #expect(messages[5].hasPrefix("'applicant.nickname' is not a declared field"))
        #expect(messages[6].hasPrefix("'a.town' is not a declared field: 'a' has no field 'town'"))
        #expect(messages[7] == "format=\"initials\" does not apply to 'applicant.aNumber', a a-number field (its formats: a-number, digits)")
    }

    @Test func addendumErrors() {
        let form = """
                <addendum part="8" title="Additional Information">
                  <line label="Name" of="applicant.fullName"/>
                  <line of="applicant.aNumber"/>
                  <value of="applicant.aNumber"/>
                </addendum>
                <addendum part="9" title="More" see="See Part 9"/>
            """
        let found = problems(form: form)
        #expect(found.map { $0.location.line - first + 1 } == [1, 3, 4, 6], "\(found)")
        #expect(found.map(\.message) == [
            "<addendum> needs a 'see' attribute",
            "<line> needs a 'label' attribute",
            "<value> cannot appear in <addendum>; it holds <line label=\"…\" of=\"…\"/>",
            "<form> may have only one <addendum>",
        ])
    }
}

@Suite("Form templates: evaluation")
struct FormEvaluationTests {
    private let form = """
            <addendum part="8" title="Additional Information" see="See Part 8">
              <line label="Family Name (Last Name)" of="applicant.fullName" format="family-name"/>
              <line label="A-Number" of="applicant.aNumber" format="a-number"/>
            </addendum>
            <text field="Family" of="applicant.fullName" format="family-name" part="1" item="1.a"/>
            <text field="Given" of="applicant.fullName" format="given-name" part="1" item="1.b"/>
            <text field="Middle" of="applicant.fullName" format="middle-name" part="1" item="1.c"/>
            <text field="ANumber" of="applicant.aNumber" format="digits" part="1" item="2"/>
            <text field="Birth" of="applicant.dateOfBirth" format="form-date" part="1" item="5"/>
            <text field="Addresses" part="3" item="4"><for each="a" in="applicant.addresses"><value of="a.street"/>, <value of="a.city"/><br/></for></text>
            <check field="Married" when="applicant.maritalStatus == 'married'"/>
            <check field="RemovalYes" when="applicant.removal == true"/>
            <check field="RemovalNo" when="applicant.removal == false"/>
            <radio field="Sex" of="applicant.sex"><option value="female" state="F"/><option value="male" state="M"/></radio>
            <choice field="State" of="applicant.state" format="code"/>
            <leave field="Signature"/>
        """

    private func evaluate(_ json: String, redact: Bool = false) throws -> FormContent {
        let template = try TemplateFolder(["f": formXML(fields: applicantFields, form: form)]).library.load("f")
        let data = try JSONCaseParser.parse(Array(json.utf8), file: "case.json")
        return FormEvaluator(template: template, today: testToday).evaluate(data, redact: redact)
    }

    private let ana = """
        {"applicant": {"fullName": "Testcase, Ana María", "aNumber": "A-000-000-001", "dateOfBirth": "1990-04-05",
          "sex": "female", "maritalStatus": "single", "removal": false, "state": "Texas",
          "addresses": [{"street": "1 Example Way", "city": "Springfield"}, {"street": "2 Sample Road", "city": "Shelbyville"}]}}
        """

    @Test func everyKindOfField() throws {
        let content = try evaluate(ana)
        let values = Dictionary(uniqueKeysWithValues: content.entries.map { ($0.field, $0.value) })
        #expect(content.entries.map(\.field) == [
            "Family", "Given", "Middle", "ANumber", "Birth", "Addresses", "Married", "RemovalYes", "RemovalNo", "Sex", "State",
        ])
        #expect(values["Family"] == .text("Testcase"))
        #expect(values["Given"] == .text("Ana"))
        #expect(values["Middle"] == .text("María"))
        #expect(values["ANumber"] == .text("000000001"))
        #expect(values["Birth"] == .text("04/05/1990"))
        #expect(values["Addresses"] == .text("1 Example Way, Springfield\n2 Sample Road, Shelbyville"))
        #expect(values["Married"] == .checked(false))
        #expect(values["RemovalYes"] == .checked(false))
        #expect(values["RemovalNo"] == .checked(true))
        #expect(values["Sex"] == .option("F"))
        #expect(values["State"] == .option("TX"))
        #expect(content.entries[0].part == "1" && content.entries[0].item == "1.a")
        #expect(content.addendumLines == [
            FormContent.Line(label: "Family Name (Last Name)", text: "Testcase"),
            FormContent.Line(label: "A-Number", text: "A000-000-001"),
        ])
    }

    @Test func emptyValuesAreLeftOut() throws {
        let content = try evaluate(#"{"applicant": {"fullName": "Ana Testcase"}}"#)
        #expect(content.entries.map(\.field) == ["Family", "Given", "Married", "RemovalYes", "RemovalNo"])
        #expect(content.entries.filter { $0.field.hasPrefix("Removal") }.map(\.value) == [.checked(false), .checked(false)])
    }

    @Test func redactedLikeADocument() throws {
        let content = try evaluate(ana, redact: true)
        let values = Dictionary(uniqueKeysWithValues: content.entries.map { ($0.field, $0.value) })
        // Text follows each field's redact rule, as in documents.
        #expect(values["Family"] == .text("T."))
        #expect(values["Given"] == .text("A."))
        #expect(values["ANumber"] == .text("•••••0001"))
        #expect(values["Birth"] == .text("[REDACTED]"))
        #expect(values["Addresses"] == .text("[REDACTED], Springfield\n[REDACTED], Shelbyville"))
        // A radio on a sensitive field is left empty; non-sensitive boxes are kept.
        #expect(values["Sex"] == nil)
        #expect(values["Married"] == .checked(false))
        #expect(values["RemovalNo"] == .checked(true))
        #expect(values["State"] == .option("TX"))
        #expect(content.addendumLines.map(\.text) == ["T.", "••••••0001"])
        // No sensitive value of the case file is left anywhere.
        let all = content.entries.map { "\($0.value)" }.joined() + content.addendumLines.map(\.text).joined()
        for secret in ["Testcase", "María", "000000001", "1990", "Example Way", "Sample Road"] {
            #expect(!all.contains(secret), "\(secret)")
        }
    }

    @Test func aCheckBoxOnASensitiveConditionIsLeftEmptyWhenRedacted() throws {
        let template = try TemplateFolder(["f": formXML(
            fields: "    <field name=\"trafficked\" type=\"boolean\" sensitive=\"true\"/>",
            form: "    <check field=\"Yes\" when=\"trafficked\"/>")]).library.load("f")
        let data = try JSONCaseParser.parse(Array(#"{"trafficked": true}"#.utf8), file: "case.json")
        let evaluator = FormEvaluator(template: template, today: testToday)
        #expect(evaluator.evaluate(data).entries.map(\.value) == [.checked(true)])
        #expect(evaluator.evaluate(data, redact: true).entries.map(\.value) == [.checked(false)])
    }

    @Test func radioOnABoolean() throws {
        let template = try TemplateFolder(["f": formXML(
            fields: "    <field name=\"removal\" type=\"boolean\"/>",
            form: "    <radio field=\"R\" of=\"removal\"><option value=\"true\" state=\"Y\"/><option value=\"false\" state=\"N\"/></radio>")])
            .library.load("f")
        let evaluator = FormEvaluator(template: template, today: testToday)
        func state(_ json: String) throws -> [FormFieldValue] {
            evaluator.evaluate(try JSONCaseParser.parse(Array(json.utf8), file: "case.json")).entries.map(\.value)
        }
        #expect(try state(#"{"removal": true}"#) == [.option("Y")])
        #expect(try state(#"{"removal": false}"#) == [.option("N")])
        #expect(try state("{}") == [])
    }
}
