import DocumentModel
import FormPDF
import Foundation
import TestSupport
import Testing
import WriterPDF

/// Values for every fillable field of the first edition (invented data).
private func p1(_ name: String) -> String { FormFixtures.page1(name) }
private func p2(_ name: String) -> String { FormFixtures.page2(name) }
private let values: [String: FormValue] = [
    p1("Pt1Line1a_FamilyName[0]"): .text("Testcase"),
    p1("Pt1Line1b_GivenName[0]"): .text("Ana"),
    p1("Pt1Line1c_MiddleName[0]"): .text("Maria"),
    p1("Pt1Line2_AlienNumber[0]"): .text("000000001"),
    p1("Pt1Line3_DateOfBirth[0]"): .text("01/02/1990"),
    p1("Pt1Line4_Sex[0]"): .option("F"),
    p1("Pt1Line5_Married[0]"): .checked(true),
    p1("Pt1Line6_State[0]"): .option("TX"),
    p1("Pt1Line7_ZipCode[0]"): .text("78701"),
    p2("Pt3Line1_Statement[0]"): .text("See Part 8"),
    p2("Pt3Line2_Language[0]"): .option("Spanish"),
    p2("Pt3Line3_Interpreter[0]"): .checked(false),
    p2("Pt4Line2_DateOfSignature[0]"): .text("11/29/2026"),
]

/// What a Python script prints about a PDF (sys.argv[1] is its path): pypdf, an independent reader.
func python(_ script: String, _ pdf: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let path = NSTemporaryDirectory() + "engross-form-\(UUID().uuidString).pdf"
    try Data(pdf).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (status, output) = try runTool(["python3", "-c", script, path])
    #expect(status == 0, "python3 failed on the PDF", sourceLocation: sourceLocation)
    return output
}

/// The fields' values as pypdf reads them.
private func pypdfValues(_ pdf: [UInt8]) throws -> [String: String] {
    let script = """
        import sys, pypdf
        r = pypdf.PdfReader(sys.argv[1])
        for name, field in (r.get_fields() or {}).items():
            if field.get('/V') is not None: print(name + '=' + str(field.get('/V')))
        """
    return Dictionary(try python(script, pdf).split(separator: "\n").map { line in
        let parts = line.split(separator: "=", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }, uniquingKeysWith: { first, _ in first })
}

/// A one-page addendum made by the PDF writer.
private func addendum() throws -> [UInt8] {
    try PDFWriter().render(Document(
        metadata: Metadata(title: "Addendum", templateID: "t/addendum", templateVersion: "1", kind: "form", date: "2026-11-29"),
        blocks: [.paragraph(content: [.text("Part 8. Additional Information, addendum text")], alignment: .left)]))
}

@Suite("Form filling")
struct FormFillerTests {
    @Test func filledValuesReadBackWithPypdf() throws {
        let blank = try FormFixtures.edition2026
        let filled = try FormFiller.fill(blank, values: values)
        let read = try pypdfValues(filled)
        #expect(read[p1("Pt1Line1a_FamilyName[0]")] == "Testcase")
        #expect(read[p1("Pt1Line2_AlienNumber[0]")] == "000000001")
        #expect(read[p1("Pt1Line3_DateOfBirth[0]")] == "01/02/1990")
        #expect(read[p1("Pt1Line4_Sex[0]")] == "/F")
        #expect(read[p1("Pt1Line5_Married[0]")] == "/Y")
        #expect(read[p1("Pt1Line6_State[0]")] == "TX")
        #expect(read[p2("Pt3Line2_Language[0]")] == "Spanish")
        #expect(read[p2("Pt3Line3_Interpreter[0]")] == "/Off")
        #expect(read[p2("Pt4Line1_Signature[0]")] == nil)
        // Our own reader agrees on the form's shape after filling.
        let again = try BlankForm(bytes: filled, name: "filled.pdf")
        #expect(again.fields.map(\.name) == blank.fields.map(\.name))
        #expect(!again.hasXFA)
    }

    @Test func radioAndCheckAppearanceStatesFollowTheValues() throws {
        let filled = try FormFiller.fill(try FormFixtures.edition2026, values: values)
        let objects = try pdfTool("qpdf", filled, ["--json", "--json-key=qpdf"])
        // The radio group's two widgets: /AS /F on the first, /Off on the second; the check box /Y.
        #expect(objects.contains(#""/AS": "/F""#))
        #expect(objects.contains(#""/AS": "/Y""#))
        #expect(objects.contains(#""/V": "/F""#))
    }

    @Test func xfaIsGoneAndNeedAppearancesIsSet() throws {
        let blank = try FormFixtures.edition2026
        let script = """
            import sys, pypdf
            a = pypdf.PdfReader(sys.argv[1]).trailer['/Root']['/AcroForm']
            print('/XFA' in a, a.get('/NeedAppearances'))
            """
        #expect(try python(script, blank.bytes) == "True None\n")
        #expect(try python(script, try FormFiller.fill(blank, values: values)) == "False True\n")
        #expect(try python(script, try FormFiller.fill(blank, values: [:])) == "False True\n")
    }
}
