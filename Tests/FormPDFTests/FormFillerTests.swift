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

/// Writes `pdf` into $FORM_PDF_DUMP (when set) for looking at by eye.
func dump(_ pdf: [UInt8], as name: String) {
    guard let folder = ProcessInfo.processInfo.environment["FORM_PDF_DUMP"] else { return }
    try? Data(pdf).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
}

@Suite("Form filling: output")
struct FormFillerOutputTests {
    @Test func twoFillsGiveTheSameBytes() throws {
        let blank = try FormFixtures.edition2026
        let extra = try addendum()
        let live = try FormFiller.fill(blank, values: values, options: .init(addendum: extra))
        #expect(live == (try FormFiller.fill(blank, values: values, options: .init(addendum: extra))))
        let flat = try FormFiller.fill(blank, values: values, options: .init(flatten: true, addendum: extra, date: "2026-11-29"))
        #expect(flat == (try FormFiller.fill(blank, values: values, options: .init(flatten: true, addendum: extra, date: "2026-11-29"))))
        dump(live, as: "filled.pdf")
        dump(flat, as: "flat.pdf")
    }

    @Test func theAddendumsPagesFollowTheForm() throws {
        let filled = try FormFiller.fill(try FormFixtures.edition2026, values: values, options: .init(addendum: try addendum()))
        #expect(try pdfInfo(filled, "Pages") == "3")
        let text = try pdfTool("pdftotext", filled, ["-f", "3", "-l", "3"])
        #expect(text.contains("Part 8. Additional Information, addendum text"))
        // Still a form: the fields are there after the pages were added.
        #expect(try BlankForm(bytes: filled, name: "filled.pdf").fields.count == 15)
    }

    @Test func flattenedPagesHaveNoFieldsAndShowTheValues() throws {
        let flat = try FormFiller.fill(try FormFixtures.edition2026, values: values, options: .init(flatten: true, addendum: try addendum()))
        #expect(try python("import sys, pypdf; print(pypdf.PdfReader(sys.argv[1]).get_fields())", flat) == "None\n")
        #expect(throws: FormPDFError.self) { try BlankForm(bytes: flat, name: "flat.pdf") }
        let text = try pdfTool("pdftotext", flat)
        for value in ["Testcase", "Ana", "Maria", "01/02/1990", "78701", "See Part 8", "11/29/2026", "Form I-000 Edition 11/29/26",
            "Part 8. Additional Information, addendum text"]
        {
            #expect(text.contains(value), "\(value) is not in the flattened text")
        }
        // The comb prints one digit a cell: pdftotext may space them, but all nine are there in order.
        #expect(text.filter(\.isNumber).contains("000000001"))
        #expect(try pdfInfo(flat, "Pages") == "3")
    }

    @Test func liveTextIsInTheWidgetsAppearances() throws {
        // pdftotext reads page content, not widgets; poppler's rendering of the live form is what
        // a viewer shows, so compare the flattened text (drawn from those appearances) instead,
        // and check here that each text field got an appearance stream holding its value.
        let filled = try FormFiller.fill(try FormFixtures.edition2026, values: values)
        let script = """
            import sys, pypdf
            r = pypdf.PdfReader(sys.argv[1])
            for page in r.pages:
                for a in page.get('/Annots') or []:
                    a = a.get_object()
                    ap = a.get('/AP')
                    if a.get('/FT') == '/Tx' and ap is not None:
                        print(a['/T'], ap['/N'].get_object().get_data().decode('latin-1').count('Tj') > 0)
            """
        let lines = try python(script, filled).split(separator: "\n")
        #expect(lines.contains("Pt1Line1a_FamilyName[0] True"))
        #expect(lines.contains("Pt1Line2_AlienNumber[0] True"))
        #expect(lines.contains("Pt3Line1_Statement[0] True"))
    }

    @Test func noValueReachesTheMetadata() throws {
        let blank = try FormFixtures.edition2026
        for options in [FormFiller.Options(), FormFiller.Options(flatten: true, addendum: try addendum())] {
            let filled = try FormFiller.fill(blank, values: values, options: options)
            let info = try pdfTool("pdfinfo", filled, ["-meta"])
            let trailer = try python("import sys, pypdf; r = pypdf.PdfReader(sys.argv[1]); print(r.metadata); print(r.xmp_metadata)", filled)
            for value in ["Testcase", "Ana", "000000001", "1990", "78701"] {
                #expect(!info.contains(value) && !trailer.contains(value), "\(value) is in the metadata")
            }
        }
    }

    @Test func anOwnerPasswordAloneDoesNotStopFilling() throws {
        let blank = try FormFixtures.edition2026
        let encrypted = try converted(blank.bytes, ["qpdf", "--encrypt", "", "owner-secret", "256", "--", "IN", "OUT"])
        let form = try BlankForm(bytes: encrypted, name: "restricted.pdf")
        let filled = try FormFiller.fill(form, values: values)
        #expect(try pdfInfo(filled, "Encrypted") == "no")
        #expect((try pypdfValues(filled))[p1("Pt1Line1a_FamilyName[0]")] == "Testcase")
    }
}

/// A PDF made by a command line tool from `pdf` (IN and OUT in `tool` name the files).
func converted(_ pdf: [UInt8], _ tool: [String]) throws -> [UInt8] {
    let base = NSTemporaryDirectory() + "engross-form-\(UUID().uuidString)"
    try Data(pdf).write(to: URL(fileURLWithPath: base + ".in.pdf"))
    defer { for end in [".in.pdf", ".out.pdf"] { try? FileManager.default.removeItem(atPath: base + end) } }
    let arguments = tool.map { $0 == "IN" ? base + ".in.pdf" : $0 == "OUT" ? base + ".out.pdf" : $0 }
    #expect(try runTool(arguments).status == 0, "\(tool[0]) failed")
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".out.pdf")))
}

/// One entry of pdfinfo's report ("Pages" → "3").
func pdfInfo(_ pdf: [UInt8], _ key: String) throws -> String? {
    try pdfTool("pdfinfo", pdf).split(separator: "\n").first { $0.hasPrefix(key + ":") }
        .map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
}
