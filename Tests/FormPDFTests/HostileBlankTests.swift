import FormPDF
import Foundation
import TestSupport
import Testing

/// A PDF written from its objects' bodies (object 1 is the catalog), with a correct xref table.
private func handMadePDF(_ objects: [String]) -> [UInt8] {
    var out = "%PDF-1.7\n"
    var offsets: [Int] = []
    for (index, body) in objects.enumerated() {
        offsets.append(out.utf8.count)
        out += "\(index + 1) 0 obj\n\(body)\nendobj\n"
    }
    let xref = out.utf8.count
    out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { out += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
    out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(out.utf8)
}

private let onePage = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
private let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"

@Suite("Blank forms: hostile files")
struct HostileBlankTests {
    private func reason(_ bytes: [UInt8]) -> FormPDFError.Reason? {
        do {
            _ = try BlankForm(bytes: bytes, name: "hostile.pdf")
            return nil
        } catch {
            #expect(error.message.contains("hostile.pdf"), "the message does not name the file: \(error.message)")
            return error.reason
        }
    }

    @Test func garbageIsNotAPDF() {
        #expect(reason(Array("this is not a PDF at all".utf8)) == .damaged)
        #expect(reason([]) == .damaged)
        #expect(reason(Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x41, count: 5000)) == .damaged)
    }

    @Test func aTruncatedFormIsRefused() throws {
        let blank = try FormFixtures.edition2026.bytes
        for fraction in [0.1, 0.5, 0.9] {
            #expect(reason(Array(blank.prefix(Int(Double(blank.count) * fraction)))) != nil, "\(fraction) of the file was accepted")
        }
    }

    @Test func aPasswordIsAsked() throws {
        let locked = try converted(try FormFixtures.edition2026.bytes, ["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", "IN", "OUT"])
        #expect(reason(locked) == .encrypted)
    }

    @Test func aPDFWithoutFieldsIsNoForm() {
        #expect(reason(handMadePDF(["<< /Type /Catalog /Pages 2 0 R >>", onePage, page])) == .noForm)
        #expect(reason(handMadePDF(["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> >>", onePage, page])) == .noForm)
    }

    @Test func aLoopInTheFieldTreeEnds() {
        let looped = handMadePDF([
            "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>", onePage, page,
            "<< /T (a) /Kids [5 0 R] >>", "<< /T (b) /Parent 4 0 R /Kids [4 0 R 5 0 R] >>",
        ])
        #expect(reason(looped) == .noForm)
    }

    @Test func aTreeTooDeepIsRefused() {
        // 200 nested fields, each the only kid of the one before.
        var objects = ["<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>", onePage, page]
        for level in 0..<200 { objects.append("<< /T (f\(level)) /Kids [\(level + 5) 0 R] >>") }
        objects.append("<< /T (leaf) /FT /Tx /Rect [0 0 10 10] >>")
        #expect(reason(handMadePDF(objects)) == .damaged)
    }

    @Test func aHugeFileIsRefusedBeforeReading() {
        #expect(reason([UInt8](repeating: 0x20, count: BlankForm.maximumSize + 1)) == .unreadable)
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: FormPDFError(.unreadable, "cannot read the blank form /nonexistent/form.pdf: no such file")) {
            try BlankForm(path: "/nonexistent/form.pdf")
        }
    }
}
