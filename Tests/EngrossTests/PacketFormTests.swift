import CaseData
import Digest
import Foundation
import Templating
import TestSupport
import Testing

@testable import Engross

/// Forms inside packets (issue #15): the T visa fixture's packet includes the example form
/// (`formI000`), filled from the fixture blank.
@Suite("Packets with forms", .serialized)
struct PacketFormTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)
    static let caseFile = fixture("packets/t-visa/case.json")
    static let p1 = "form1[0].#subform[0]."
    static let p2 = "form1[0].#subform[1]."
    static let title = "Example Form I-000 (an invented test form)"

    private func assemble(_ data: CaseValue) throws -> (Packet, Packet.Assembly) {
        let packet = try Packet(engine: engine, id: "packets/t-visa")
        let (assembly, diagnostics) = packet.assemble(data, caseFile: Self.caseFile)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.formatted))")
        return (packet, try #require(assembly))
    }

    private func file(_ path: String, of rendered: PacketWriter.Rendered) -> [UInt8]? {
        rendered.files.first { $0.path == path }?.bytes
    }

    /// The fixture case without its form.
    private func withoutForm() throws -> CaseValue {
        var root = try #require(try CaseFile.load(path: Self.caseFile).objectValue)
        root["formI000"] = nil
        return CaseValue(.object(root))
    }

    /// A forms folder in a temporary folder, holding `files` (name → fixture blank).
    private func formsFolder(_ files: [String: String]) throws -> FormsFolder {
        let folder = NSTemporaryDirectory() + "engross-forms-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, source) in files {
            try FileManager.default.copyItem(atPath: fixture("forms/" + source), toPath: folder + "/" + name)
        }
        return FormsFolder.locate(explicit: folder)
    }

    @Test func theFilledFormGoesIntoTheCombinedPDFInItsPlace() throws {
        let (packet, assembly) = try assemble(try CaseFile.load(path: Self.caseFile))
        // After the cover letter, as the packet lists it; its case data, not a document.
        guard case .document(let second) = assembly.items[1], case .form(let data) = second.content else {
            Issue.record("the second part is not the form")
            return
        }
        #expect(second.name == "form-i-000" && second.templateID == "forms/example-i-000" && second.document == nil)
        #expect(data.objectValue?["applicant"]?.objectValue?["aNumber"]?.stringValue == "A000000001")

        let rendered = try PacketWriter(packet: packet, batesPrefix: "DOE", forms: fixtureForms).render(assembly, caseFile: Self.caseFile)
        let combined = rendered.files[0].bytes
        let total = rendered.pageCount

        // The manifest lists it like a document: template, version, pages, Bates range, and the
        // SHA-256 of its file and of the blank.
        let manifest = try CaseFile.parse(Data(try #require(file("manifest.json", of: rendered))), format: .json, file: "manifest.json")
        let parts = try #require(manifest.objectValue?["parts"]?.listValue)
        let entry = try #require(parts.first { $0.objectValue?["name"]?.stringValue == "form-i-000" }?.objectValue)
        #expect(entry["kind"]?.stringValue == "form")
        #expect(entry["template"]?.stringValue == "forms/example-i-000")
        #expect(entry["templateVersion"]?.stringValue == "1.0.0")
        let first = try #require(integer(entry["firstPage"]))
        let pages = try #require(integer(entry["pages"]))
        #expect(pages >= 2)
        #expect(entry["batesFirst"]?.stringValue == String(format: "DOE-%06d", first))
        #expect(entry["batesLast"]?.stringValue == String(format: "DOE-%06d", first + pages - 1))
        let blank = try #require(entry["blank"]?.objectValue)
        #expect(blank["path"]?.stringValue == "example-i-000.pdf")
        #expect(blank["sha256"]?.stringValue == (try sha256sum(fixture("forms/example-i-000.pdf"))))

        // documents/02-form-i-000.pdf is the live form, its values in its fields; no DOCX.
        let formPath = "documents/02-form-i-000.pdf"
        let form = try #require(file(formPath, of: rendered))
        #expect(file("documents/02-form-i-000.docx", of: rendered) == nil)
        let outputs = try #require(manifest.objectValue?["outputs"]?.listValue)
        let output = try #require(outputs.first { $0.objectValue?["path"]?.stringValue == formPath }?.objectValue)
        #expect(output["sha256"]?.stringValue == SHA256.hex(form))
        #expect(output["template"]?.stringValue == "forms/example-i-000")
        #expect(try pageCount(form) == pages)
        let fields = try pypdfFields(form)
        #expect(fields[Self.p1 + "Pt1Line1a_FamilyName[0]"] == "Tran")
        #expect(fields[Self.p1 + "Pt1Line1b_GivenName[0]"] == "Mau")
        #expect(fields[Self.p1 + "Pt1Line2_AlienNumber[0]"] == "000000001")
        #expect(fields[Self.p1 + "Pt1Line3_DateOfBirth[0]"] == "05/14/1998")
        #expect(fields[Self.p1 + "Pt1Line4_Sex[0]"] == "/F")
        #expect(fields[Self.p1 + "Pt1Line5_Married[0]"] == "/Y")
        #expect(fields[Self.p1 + "Pt1Line6_State[0]"] == "TX")
        #expect(fields[Self.p1 + "Pt1Line7_ZipCode[0]"] == "00002")
        #expect(fields[Self.p2 + "Pt3Line3_Interpreter[0]"] == "/Y")

        // In the combined PDF, its pages carry the values (printed from the fields), the packet's
        // page numbers and the Bates stamps; the pages before and after are the documents'.
        let firstPage = try pageText(combined, page: first)
        for value in ["Tran", "Mau", "0 0 0 0 0 0 0 0 1", "05/14/1998", "00002", "Page \(first) of \(total)", String(format: "DOE-%06d", first)] {
            #expect(firstPage.contains(value), "page \(first): \(value)")
        }
        for page in first..<(first + pages) {
            let text = try pageText(combined, page: page)
            #expect(text.contains("Page \(page) of \(total)") && text.contains(String(format: "DOE-%06d", page)), "page \(page)")
            #expect(text.contains("Form I-000") || text.contains("Part 8"), "page \(page): \(text.prefix(200))")
        }
        #expect(!(try pageText(combined, page: first - 1)).contains("Form I-000"))
        #expect(try pageText(combined, page: first + pages).contains("Page \(first + pages) of \(total)"))

        // One outline entry, the form template's title (never a case value), on its first page.
        let outline = try pdfTool("qpdf", combined, ["--json", "--json-key=outlines"])
        #expect(outline.contains("\"title\": \"\(Self.title)\""))
        #expect(!outline.contains("Mau"))
    }

    @Test func aCaseWithoutTheFormGivesThePacketAsBefore() throws {
        let (packet, assembly) = try assemble(try withoutForm())
        #expect(!assembly.items.contains { item in
            if case .document(let part) = item, case .form = part.content { return true } else { return false }
        })
        // No blank is needed: a forms folder that does not exist is never read.
        let nowhere = FormsFolder.locate(explicit: NSTemporaryDirectory() + "engross-no-forms-" + UUID().uuidString)
        let without = try PacketWriter(packet: packet, batesPrefix: "DOE", forms: nowhere).render(assembly, caseFile: Self.caseFile)
        #expect(!without.files.contains { $0.path.contains("form-i-000") })
        #expect(without.files.contains { $0.path == "documents/02-exhibit-index.pdf" })

        let (_, withForm) = try assemble(try CaseFile.load(path: Self.caseFile))
        let with = try PacketWriter(packet: packet, batesPrefix: "DOE", forms: fixtureForms).render(withForm, caseFile: Self.caseFile)
        let formFile = try #require(file("documents/02-form-i-000.pdf", of: with))
        let formPages = try #require(try pageCount(formFile))
        #expect(without.pageCount == with.pageCount - formPages)
        #expect(try pageCount(without.files[0].bytes) == without.pageCount)
        #expect(!(try pdfTool("pdftotext", without.files[0].bytes)).contains("Form I-000"))
    }

    @Test func aFormTemplateCannotMakeTheExhibitIndexOrCovers() throws {
        // A copy of the library with one more packet.
        let root = NSTemporaryDirectory() + "engross-templates-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: templatesPath, toPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <packet xmlns="urn:engross:template:1" id="packets/p" version="1.0.0">
              <meta><title>P</title></meta>
              <document name="form" template="forms/example-i-000" data="form"/>
              <exhibit-index template="forms/example-i-000"/>
            </packet>
            """.write(toFile: root + "/packets/p.xml", atomically: true, encoding: .utf8)
        #expect {
            try Packet(engine: Engine(templatesPath: root, today: fixtureToday), id: "packets/p")
        } throws: { error in
            // The form as a document is fine; as the index, it is refused at its line.
            guard let errors = (error as? TemplateErrors)?.errors, errors.count == 1 else { return false }
            return errors[0].location.line == 5 && errors[0].message.hasPrefix("forms/example-i-000 is a form template")
        }
    }

    @Test func aMissingBlankStopsThePacketBeforeAnythingIsWritten() throws {
        let (packet, assembly) = try assemble(try CaseFile.load(path: Self.caseFile))
        let out = NSTemporaryDirectory() + "engross-packet-" + UUID().uuidString
        let writer = PacketWriter(packet: packet, forms: try formsFolder([:]))
        #expect {
            try writer.write(assembly, caseFile: Self.caseFile, to: out)
        } throws: { error in
            guard let error = error as? FormRenderError else { return false }
            return error.reason == .blankNotFound && error.message.contains("form-i-000 (forms/example-i-000)")
                && error.message.contains("example-i-000.pdf") && !error.message.contains("Mau")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aBlankOfAnotherEditionStopsThePacket() throws {
        let (packet, assembly) = try assemble(try CaseFile.load(path: Self.caseFile))
        let out = NSTemporaryDirectory() + "engross-packet-" + UUID().uuidString
        let writer = PacketWriter(packet: packet, forms: try formsFolder(["example-i-000.pdf": "example-i-000-2027.pdf"]))
        #expect {
            try writer.write(assembly, caseFile: Self.caseFile, to: out)
        } throws: { error in
            guard let error = error as? FormRenderError else { return false }
            return error.reason == .wrongEdition && error.message.contains("form-i-000 (forms/example-i-000)")
                && error.message.contains("Form I-000 Edition 11/29/26") && error.message.contains("nothing was written")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

/// A whole number of the manifest.
private func integer(_ value: CaseValue?) -> Int? {
    if case .number(let number, _)? = value?.kind { return Int(number) } else { return nil }
}
