import FormPDF
import Foundation
import TestSupport
import Testing

@Suite("Blank forms: fields")
struct BlankFormTests {
    @Test func fieldsOfTheFirstEditionAreReadExactly() throws {
        let blank = try FormFixtures.edition2026
        #expect(blank.pageCount == 2)
        #expect(blank.hasXFA)
        let p1 = FormFixtures.page1, p2 = FormFixtures.page2
        #expect(blank.fields.map(\.name) == [
            p1("Pt1Line1a_FamilyName[0]"), p1("Pt1Line1b_GivenName[0]"), p1("Pt1Line1c_MiddleName[0]"),
            p1("Pt1Line2_AlienNumber[0]"), p1("Pt1Line3_DateOfBirth[0]"), p1("Pt1Line4_Sex[0]"), p1("Pt1Line5_Married[0]"),
            p1("Pt1Line6_State[0]"), p1("Pt1Line7_ZipCode[0]"),
            p2("Pt3Line1_Statement[0]"), p2("Pt3Line2_Language[0]"), p2("Pt3Line3_Interpreter[0]"),
            p2("Pt4Line1_Signature[0]"), p2("Pt4Line2_DateOfSignature[0]"), p2("PrintButton[0]"),
        ])
        #expect(blank.fields.map(\.kind) == [
            .text, .text, .text, .text, .text, .radio, .checkBox, .comboBox, .text,
            .text, .listBox, .checkBox, .signature, .text, .pushButton,
        ])
        #expect(blank.fields.map { $0.widgets.map(\.page) } == [[1], [1], [1], [1], [1], [1, 1], [1], [1], [1], [2], [2], [2], [2], [2], [2]])

        let family = try #require(blank.field(named: p1("Pt1Line1a_FamilyName[0]")))
        #expect(family == FormFieldInfo(
            name: p1("Pt1Line1a_FamilyName[0]"), kind: .text, widgets: [FormWidget(page: 1, x: 40, y: 656, width: 210, height: 18)], fontSize: 10))
        let aNumber = try #require(blank.field(named: p1("Pt1Line2_AlienNumber[0]")))
        #expect(aNumber.isComb && aNumber.maxLength == 9 && !aNumber.isMultiline && aNumber.fontSize == 12)
        let birth = try #require(blank.field(named: p1("Pt1Line3_DateOfBirth[0]")))
        #expect(birth.maxLength == 10 && !birth.isComb && birth.fontSize == nil)  // /DA size 0: auto
        #expect(blank.field(named: p1("Pt1Line7_ZipCode[0]"))?.maxLength == 5)
        let statement = try #require(blank.field(named: p2("Pt3Line1_Statement[0]")))
        #expect(statement.isMultiline && statement.maxLength == nil && statement.widgets == [FormWidget(page: 2, x: 40, y: 678, width: 532, height: 42)])

        let sex = try #require(blank.field(named: p1("Pt1Line4_Sex[0]")))
        #expect(sex.options == ["F", "M"])
        #expect(sex.widgets.map(\.x) == [64, 134])
        #expect(blank.field(named: p1("Pt1Line5_Married[0]"))?.options == ["Y"])
        #expect(blank.field(named: p1("Pt1Line6_State[0]"))?.options == ["AK", "CA", "NY", "TX", "WA"])
        #expect(blank.field(named: p2("Pt3Line2_Language[0]"))?.options == ["English", "French", "Spanish", "Other"])
        #expect(blank.fields.allSatisfy { !$0.isReadOnly })
    }

    @Test func theNextEditionRenamesRemovesAndAdds() throws {
        let old = Set(try FormFixtures.edition2026.fields.map(\.name))
        let new = Set(try FormFixtures.edition2027.fields.map(\.name))
        #expect(old.subtracting(new) == [FormFixtures.page1("Pt1Line1c_MiddleName[0]"), FormFixtures.page1("Pt1Line7_ZipCode[0]")])
        #expect(new.subtracting(old) == [FormFixtures.page1("Pt1Line7_PostalCode[0]"), FormFixtures.page1("Pt1Line8_EmailAddress[0]")])
    }

    @Test func pageTextCarriesTheEdition() throws {
        let blank = try FormFixtures.edition2026
        #expect(blank.text(ofPage: 1).contains("Form I-000 Edition 11/29/26"))
        #expect(blank.text(ofPage: 2).contains("Page 2 of 2"))
        #expect(blank.text(ofPage: 3) == "")
        #expect(try FormFixtures.edition2027.text(ofPage: 1).contains("Form I-000 Edition 01/15/27"))
    }

    @Test func theFixturesAreWhatTheScriptWrites() throws {
        let folder = NSTemporaryDirectory() + "engross-forms-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = repositoryRoot.appendingPathComponent("scripts/make-fixture-forms").path
        #expect(try runTool(["python3", script, folder]).status == 0)
        for name in ["example-i-000.pdf", "example-i-000-2027.pdf"] {
            let made = FileManager.default.contents(atPath: folder + "/" + name)
            #expect(made != nil && made == FileManager.default.contents(atPath: FormFixtures.path(name)),
                "\(name) differs from what scripts/make-fixture-forms writes; run the script and commit the fixtures")
        }
    }
}
