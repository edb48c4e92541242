import CaseData
import Engross
import FormPDF
import Foundation
import Templating
import TestSupport
import Testing

/// The fields of a filled form as pypdf reads them (name → value).
func pypdfFields(_ pdf: [UInt8]) throws -> [String: String] {
    let path = NSTemporaryDirectory() + "engross-\(UUID().uuidString).pdf"
    try Data(pdf).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try pypdfFields(atPath: path)
}

/// The text of one page, as pdftotext reads it, every run of white space one space.
func pageText(_ pdf: [UInt8], page: Int) throws -> String {
    try pdfTool("pdftotext", pdf, ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)"])
        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// The number of pages pdfinfo counts.
func pageCount(_ pdf: [UInt8]) throws -> Int? {
    let line = try pdfTool("pdfinfo", pdf).split(separator: "\n").first { $0.hasPrefix("Pages:") }
    return line.flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
}

@Suite("Form templates: filling the example form")
struct FormRenderTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)
    static let id = "forms/example-i-000"
    static let p1 = "form1[0].#subform[0]."
    static let p2 = "form1[0].#subform[1]."

    func prepared() throws -> PreparedTemplate { try engine.prepare(Self.id) }
    func blank(_ name: String = "example-i-000.pdf") throws -> BlankForm { try BlankForm(path: fixture("forms/" + name)) }
    func load(_ name: String) throws -> CaseValue { try CaseFile.load(path: fixture("cases/forms/example-i-000/" + name)) }

    @Test func theValidCaseFillsEveryField() throws {
        let form = try prepared()
        let data = try load("valid.json")
        #expect(form.validate(data, file: "valid.json").isEmpty)
        let pdf = try form.renderForm(data, blank: try blank())
        let fields = try pypdfFields(pdf)
        #expect(fields[Self.p1 + "Pt1Line1a_FamilyName[0]"] == "Testcase")
        #expect(fields[Self.p1 + "Pt1Line1b_GivenName[0]"] == "Ana")
        #expect(fields[Self.p1 + "Pt1Line1c_MiddleName[0]"] == "María")
        #expect(fields[Self.p1 + "Pt1Line2_AlienNumber[0]"] == "000000001")
        #expect(fields[Self.p1 + "Pt1Line3_DateOfBirth[0]"] == "04/05/1990")
        #expect(fields[Self.p1 + "Pt1Line4_Sex[0]"] == "/F")
        #expect(fields[Self.p1 + "Pt1Line5_Married[0]"] == "/Y")
        #expect(fields[Self.p1 + "Pt1Line6_State[0]"] == "TX")
        #expect(fields[Self.p1 + "Pt1Line7_ZipCode[0]"] == "78701")
        #expect(fields[Self.p2 + "Pt3Line1_Statement[0]"] == "I am applying for the test benefit.")
        #expect(fields[Self.p2 + "Pt3Line2_Language[0]"] == "Spanish")
        #expect(fields[Self.p2 + "Pt3Line3_Interpreter[0]"] == "/Y")
        #expect(fields[Self.p2 + "Pt4Line1_Signature[0]"] == nil)
        #expect(fields[Self.p2 + "Pt4Line2_DateOfSignature[0]"] == nil)
        // Nothing continued: the form keeps its two pages.
        #expect(try pageCount(pdf) == 2)
    }

    @Test func aLongValueContinuesOnTheAddendum() throws {
        let form = try prepared()
        let data = try load("continued.yaml")
        #expect(form.validate(data, file: "continued.yaml").isEmpty)
        let pdf = try form.renderForm(data, blank: try blank())
        let fields = try pypdfFields(pdf)
        #expect(fields[Self.p2 + "Pt3Line1_Statement[0]"] == "See Part 8")
        #expect(fields[Self.p1 + "Pt1Line1a_FamilyName[0]"] == "García López")
        #expect(try pageCount(pdf) == 3)
        let addendum = try pageText(pdf, page: 3)
        #expect(addendum.hasPrefix("Part 8. Additional Information"))
        #expect(addendum.contains("Family Name (Last Name): García López Given Name (First Name): Ana Middle Name: María A-Number: None"))
        #expect(addendum.contains("Page Number 2 · Part Number 3 · Item Number 1"))
        // Its footer names the form's edition and the part, as a continuation sheet should.
        #expect(addendum.contains("Form I-000 Edition 11/29/26 · Part 8. Additional Information · Page 1 of 1"))
        let statement = try #require(data.objectValue?["statement"]?.stringValue)
        #expect(addendum.contains(statement.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
        // The box on page 2 shows the see text (the field's appearance, as a viewer draws it).
        #expect(try pageText(pdf, page: 2).contains("See Part 8"))
    }

    @Test func anotherEditionIsRefusedNamingEveryField() throws {
        let form = try prepared()
        let newer = try blank("example-i-000-2027.pdf")
        #expect(throws: FormRenderError.self) { try form.checkBlank(newer) }
        let data = try load("valid.json")
        do {
            _ = try form.renderForm(data, blank: newer)
            Issue.record("the 2027 edition was filled")
        } catch {
            #expect(error.reason == .wrongEdition)
            let lines = error.message.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasSuffix("example-i-000-2027.pdf is not the edition of the form that forms/example-i-000 fills (Form I-000 Edition 11/29/26):") == true)
            #expect(lines.contains("  missing in the blank: \(Self.p1)Pt1Line1c_MiddleName[0] (line 56), \(Self.p1)Pt1Line7_ZipCode[0] (line 67)"))
            #expect(lines.contains("  in the blank but not in the template: \(Self.p1)Pt1Line7_PostalCode[0], \(Self.p1)Pt1Line8_EmailAddress[0]"))
            #expect(lines.contains("  the edition: no page of the blank shows \"Form I-000 Edition 11/29/26\""))
            #expect(lines.last?.contains("engross form-fields") == true)
        }
    }

    @Test func redactedLikeDocuments() throws {
        let form = try prepared()
        let data = try load("valid.json")
        let pdf = try form.renderForm(data, blank: try blank(), options: .init(redact: true))
        let fields = try pypdfFields(pdf)
        #expect(fields[Self.p1 + "Pt1Line1a_FamilyName[0]"] == "T.")
        #expect(fields[Self.p1 + "Pt1Line1b_GivenName[0]"] == "A.")
        #expect(fields[Self.p1 + "Pt1Line2_AlienNumber[0]"] == "•••••0001")
        #expect(fields[Self.p1 + "Pt1Line3_DateOfBirth[0]"] == "[REDACTED]")
        #expect(fields[Self.p1 + "Pt1Line7_ZipCode[0]"] == "••••1")
        // A choice from a sensitive field is left empty; one from another field is kept.
        #expect(fields[Self.p1 + "Pt1Line6_State[0]"] == nil)
        #expect(fields[Self.p1 + "Pt1Line4_Sex[0]"] == "/F")
        let text = try pdfText(pdf) + fields.values.joined(separator: " ")
        for secret in ["Testcase", "María", "000000001", "0000001", "1990", "78701", "test benefit"] {
            #expect(!text.contains(secret), "\(secret)")
        }
    }

    @Test func flattenedFormHasNoFieldsAndShowsTheValues() throws {
        let form = try prepared()
        let pdf = try form.renderForm(try load("continued.yaml"), blank: try blank(), options: .init(flatten: true))
        #expect(try pypdfFields(pdf).isEmpty)
        let page1 = try pageText(pdf, page: 1)
        #expect(page1.contains("García López"))
        #expect(page1.contains("02/29/1988"))
        #expect(try pageText(pdf, page: 2).contains("See Part 8"))
        #expect(try pageText(pdf, page: 3).contains("Part 8. Additional Information"))
    }

    @Test func lettersTheFormsFontLacksContinueOnTheAddendum() throws {
        // The blank's Helvetica has no "ễ": the box would print "Nguyn", so the name continues.
        let data = try JSONCaseParser.parse(Array(#"""
            {"applicant": {"fullName": "Nguyễn, Ana", "dateOfBirth": "1990-04-05", "sex": "female", "maritalStatus": "single",
              "address": {"state": "TX", "zip": "78701"}}, "statement": "x", "language": "english", "interpreted": false}
            """#.utf8), file: "case.json")
        let form = try prepared()
        let pdf = try form.renderForm(data, blank: try blank())
        #expect(try pypdfFields(pdf)[Self.p1 + "Pt1Line1a_FamilyName[0]"] == "See Part 8")
        let addendum = try pageText(pdf, page: 3)
        #expect(addendum.contains("Family Name (Last Name): Nguyễn"))
        #expect(addendum.contains("Page Number 1 · Part Number 1 · Item Number 1.a Nguyễn"))
    }

    @Test func sameInputGivesSameBytes() throws {
        for flatten in [false, true] {
            let first = try prepared().renderForm(try load("continued.yaml"), blank: try blank(), options: .init(flatten: flatten))
            let second = try prepared().renderForm(try load("continued.yaml"), blank: try blank(), options: .init(flatten: flatten))
            #expect(first == second, "flatten: \(flatten)")
        }
    }

    @Test func noCaseValueInTheMetadata() throws {
        let pdf = try prepared().renderForm(try load("continued.yaml"), blank: try blank())
        let info = try pdfTool("pdfinfo", pdf)
        for secret in ["García", "Ana", "1988", "98101"] { #expect(!info.contains(secret), "\(secret)") }
    }

    @Test func theInvalidCaseGivesItsDiagnostics() throws {
        let problems = try prepared().validate(try load("invalid/missing-and-malformed.json"), file: "x.json")
        #expect(problems.map { "\($0.path) \($0.code.rawValue)" } == [
            "statement required", "interpreted required", "applicant.maritalStatus required", "applicant.aNumber invalid-a-number",
            "applicant.dateOfBirth invalid-date", "applicant.sex not-an-option", "applicant.address.zip pattern-mismatch",
        ])
    }

    @Test func aChoiceTheBlankDoesNotListIsRefused() throws {
        let data = try JSONCaseParser.parse(Array(#"""
            {"applicant": {"fullName": "Ana Testcase", "dateOfBirth": "1990-04-05", "sex": "female", "maritalStatus": "single",
              "address": {"state": "Oregon", "zip": "97201"}}, "statement": "x", "language": "english", "interpreted": false}
            """#.utf8), file: "oregon.json")
        let form = try prepared()
        let blank = try blank()
        do {
            _ = try form.renderForm(data, blank: blank)
            Issue.record("Oregon was filled")
        } catch {
            #expect(error.reason == .unknownOption)
            #expect(error.message.hasPrefix("the value for \(Self.p1)Pt1Line6_State[0] is not one of the blank's options (AK, CA, NY, TX, WA)"))
            #expect(!error.message.contains("OR"))
        }
    }
}

@Suite("The forms folder")
struct FormsFolderTests {
    @Test func precedence() {
        #expect(FormsFolder.locate(explicit: "/a", environment: ["ENGROSS_FORMS": "/b"]).path == "/a")
        #expect(FormsFolder.locate(explicit: nil, environment: ["ENGROSS_FORMS": "/b"]).path == "/b")
        #expect(FormsFolder.locate(explicit: nil, environment: [:]).path == FileManager.default.currentDirectoryPath + "/Forms")
    }

    @Test func aBlankIsFoundInsideTheFolderOnly() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("engross-forms-" + UUID().uuidString)
        let folder = root.appendingPathComponent("Forms")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("%PDF-1.7".utf8).write(to: folder.appendingPathComponent("here.pdf"))
        try Data("%PDF-1.7".utf8).write(to: root.appendingPathComponent("outside.pdf"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.pdf").path, withDestinationPath: "../outside.pdf")
        let forms = FormsFolder.locate(explicit: folder.path)
        #expect(try forms.blankPath(for: "here.pdf").hasSuffix("/Forms/here.pdf"))
        #expect(throws: FormRenderError(.blankNotFound, "the blank link.pdf in \(folder.path) leads outside the forms folder; refusing to read it")) {
            try forms.blankPath(for: "link.pdf")
        }
        for name in ["../outside.pdf", "..", "/etc/passwd"] {
            #expect(throws: FormRenderError.self) { try forms.blankPath(for: name) }
        }
        #expect(throws: FormRenderError(.blankNotFound,
            "there is no blank form gone.pdf in \(folder.path) (the forms folder, from --forms); download the official form and save it there as gone.pdf")) {
            try forms.blankPath(for: "gone.pdf")
        }
        // render offers --blank; packets and the server have no such option, and do not offer it.
        #expect(throws: FormRenderError(.blankNotFound,
            "there is no blank form gone.pdf in \(folder.path) (the forms folder, from --forms); download the official form and save it there as gone.pdf, or pass --blank PATH")) {
            try forms.blankPath(for: "gone.pdf", alternative: "pass --blank PATH")
        }
        let missing = FormsFolder.locate(explicit: nil, environment: ["ENGROSS_FORMS": root.path + "/nothing"])
        #expect(throws: FormRenderError.self) { try missing.blankPath(for: "here.pdf") }
    }
}

/// Variants of the example template, written to a temporary templates folder: `edit` changes the
/// example's text.
struct FormVariant {
    let engine: Engine

    init(_ edit: (String) -> String) throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("engross-form-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("forms"), withIntermediateDirectories: true)
        let example = try String(contentsOfFile: templatesPath + "/forms/example-i-000.xml", encoding: .utf8)
        try edit(example).write(to: folder.appendingPathComponent("forms/example-i-000.xml"), atomically: true, encoding: .utf8)
        engine = Engine(templatesPath: folder.path, today: fixtureToday)
    }
}

@Suite("Form templates: the edition check and continuation, by variants of the example")
struct FormVariantTests {
    let blank = try! BlankForm(path: fixture("forms/example-i-000.pdf"))
    static let p1 = "form1[0].#subform[0]."

    @Test func kindsAndButtonsThatDiffer() throws {
        let variant = try FormVariant { text in
            text.replacingOccurrences(of: #"<check field="form1[0].#subform[0].Pt1Line5_Married[0]" when="applicant.maritalStatus == 'married'" part="1" item="5"/>"#,
                    with: #"<text field="form1[0].#subform[0].Pt1Line5_Married[0]" of="applicant.maritalStatus"/>"#)
                .replacingOccurrences(of: #"<option value="male" state="M"/>"#, with: #"<option value="male" state="Male"/>"#)
                .replacingOccurrences(of: #"<leave field="form1[0].#subform[1].Pt4Line2_DateOfSignature[0]"/>"#, with: "")
        }
        let form = try variant.engine.prepare("forms/example-i-000")
        #expect(EditionCheck.differences(try #require(form.template.form), blank: blank) == [
            "in the blank but not in the template: form1[0].#subform[1].Pt4Line2_DateOfSignature[0]",
            "of another kind in the blank: \(Self.p1)Pt1Line5_Married[0] (<text> in the template, a check-box field in the blank)",
            "radio buttons missing in the blank: \(Self.p1)Pt1Line4_Sex[0] has no button 'Male' (its buttons: F, M)",
        ])
    }

    @Test func aListJoinedIntoTheMultiLineBoxContinues() throws {
        // The statement box holds the applicant's earlier addresses, one a line.
        let variant = try FormVariant { text in
            text.replacingOccurrences(of: #"<field name="language""#, with: """
                <list name="addresses" label="Earlier addresses">
                  <field name="street" required="true" sensitive="true"/>
                  <field name="city" required="true"/>
                </list>
                <field name="language"
                """)
                .replacingOccurrences(of: #"<text field="form1[0].#subform[1].Pt3Line1_Statement[0]" of="statement" part="3" item="1"/>"#, with: """
                    <text field="form1[0].#subform[1].Pt3Line1_Statement[0]" part="3" item="1"><for each="a" in="addresses"><value of="a.street"/>, <value of="a.city"/><br/></for></text>
                    """)
        }
        let form = try variant.engine.prepare("forms/example-i-000")
        func data(_ count: Int) throws -> CaseValue {
            let addresses = (1...count).map { #"{"street": "\#($0) Example Way", "city": "Springfield"}"# }.joined(separator: ", ")
            return try JSONCaseParser.parse(Array(#"""
                {"applicant": {"fullName": "Ana Testcase", "dateOfBirth": "1990-04-05", "sex": "female", "maritalStatus": "single",
                  "address": {"state": "TX", "zip": "78701"}}, "statement": "x", "language": "english", "interpreted": false,
                 "addresses": [\#(addresses)]}
                """#.utf8), file: "case.json")
        }
        let short = try form.renderForm(try data(2), blank: blank)
        #expect(try pypdfFields(short)["form1[0].#subform[1].Pt3Line1_Statement[0]"] == "1 Example Way, Springfield\n2 Example Way, Springfield")
        #expect(try pageCount(short) == 2)
        let long = try form.renderForm(try data(8), blank: blank)
        #expect(try pypdfFields(long)["form1[0].#subform[1].Pt3Line1_Statement[0]"] == "See Part 8")
        let addendum = try pdfTool("pdftotext", long, ["-enc", "UTF-8", "-f", "3", "-l", "3"])
        #expect(addendum.contains("Page Number 2 · Part Number 3 · Item Number 1"))
        // One line each, as in the box.
        for number in 1...8 { #expect(addendum.contains("\(number) Example Way, Springfield\n"), "\(number)") }
    }

    @Test func aValueThatCannotContinue() throws {
        let data = try JSONCaseParser.parse(Array(#"""
            {"applicant": {"fullName": "Ana Testcase", "dateOfBirth": "1990-04-05", "sex": "female", "maritalStatus": "single",
              "address": {"state": "TX", "zip": "78701"}}, "language": "english", "interpreted": false,
             "statement": "\#(String(repeating: "A statement far too long for the small box on page two of the invented form. ", count: 10))"}
            """#.utf8), file: "case.json")
        let withoutAddendum = try FormVariant { text in
            let start = text.range(of: "<addendum")!.lowerBound, end = text.range(of: "</addendum>")!.upperBound
            return text.replacingCharacters(in: start..<end, with: "")
        }
        do {
            _ = try withoutAddendum.engine.prepare("forms/example-i-000").renderForm(data, blank: blank)
            Issue.record("filled without an addendum")
        } catch let error as FormRenderError {
            #expect(error == FormRenderError(.doesNotFit,
                "the value for form1[0].#subform[1].Pt3Line1_Statement[0] does not fit its box, and forms/example-i-000 has no <addendum> to continue it on; add one to its <form>"))
        }
        // A ZIP box of five characters cannot say "See Part 8" either.
        let zip = try FormVariant { $0.replacingOccurrences(of: #"pattern="[0-9]{5}""#, with: "") }
        let longZip = try JSONCaseParser.parse(Array(#"""
            {"applicant": {"fullName": "Ana Testcase", "dateOfBirth": "1990-04-05", "sex": "female", "maritalStatus": "single",
              "address": {"state": "TX", "zip": "78701-0001"}}, "language": "english", "interpreted": false, "statement": "x"}
            """#.utf8), file: "case.json")
        do {
            _ = try zip.engine.prepare("forms/example-i-000").renderForm(longZip, blank: blank)
            Issue.record("filled a ten-character ZIP code")
        } catch let error as FormRenderError {
            #expect(error.reason == .doesNotFit)
            #expect(error.message.contains("neither does the addendum's see=\"See Part 8\""))
            #expect(!error.message.contains("78701"))
        }
    }
}
