import Foundation
import TestSupport
import Testing

/// `--pdfa` on render, batch and packet (issue #16): PDF/A-2b where asked, refused where it cannot be.
@Suite("engross --pdfa", .serialized)
struct ArchivalCLITests {
    let declaration = repositoryRoot.appendingPathComponent("Fixtures/cases/t-visa/declaration/rich.yaml").path
    let packetCase = repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa/case.json").path
    let forms = repositoryRoot.appendingPathComponent("Fixtures/forms").path

    private func isArchival(_ path: String) -> Bool {
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        return bytes.firstRange(of: Array("/GTS_PDFA1".utf8)) != nil
    }

    @Test func renderWritesPDFAOnlyWhenAsked() throws {
        let folder = temporaryFolder()
        let plain = folder.appendingPathComponent("plain.pdf").path, archival = folder.appendingPathComponent("archival.pdf").path
        let first = try engross(["render", "t-visa/declaration", declaration, "-f", "pdf", "-o", plain])
        let second = try engross(["render", "t-visa/declaration", declaration, "-f", "pdf", "-o", archival, "--pdfa"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(!isArchival(plain))
        #expect(isArchival(archival))
    }

    @Test func pdfaWithoutAPDFOrOnALiveFormIsAUsageError() throws {
        let folder = temporaryFolder()
        let docx = try engross(["render", "t-visa/declaration", declaration, "-f", "docx", "-o", folder.appendingPathComponent("d.docx").path, "--pdfa"])
        #expect(docx.status == 2)
        #expect(docx.stderr.contains("--pdfa makes PDF/A; add pdf to --formats"), "\(docx.stderr)")
        let formCase = repositoryRoot.appendingPathComponent("Fixtures/cases/forms/example-i-000/valid.json").path
        do {
            let form = try engross(["render", "forms/example-i-000", formCase, "-f", "pdf", "-o", folder.appendingPathComponent("f.pdf").path,
                "--forms", forms, "--pdfa"])
            #expect(form.status == 2)
            #expect(form.stderr.contains("add --flatten for a PDF/A copy"), "\(form.stderr)")
            let flat = try engross(["render", "forms/example-i-000", formCase, "-f", "pdf", "-o", folder.appendingPathComponent("f.pdf").path,
                "--forms", forms, "--pdfa", "--flatten"])
            #expect(flat.status == 0, "\(flat.stderr)")
            #expect(isArchival(folder.appendingPathComponent("f.pdf").path))
        }
        #expect(try contentsOfFolder(folder).allSatisfy { $0 == "f.pdf" })
    }

    @Test func aPacketIsArchivalThroughout() throws {
        let out = temporaryFolder().appendingPathComponent("packet").path
        let run = try engross(["packet", "packets/t-visa", packetCase, "-o", out, "--forms", forms, "--bates", "DOE", "--pdfa"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(isArchival(out + "/t-visa-packet.pdf"))
        #expect(isArchival(out + "/documents/04-declaration.pdf"))
        // The filled form stays the live form, the blank's own file.
        #expect(!isArchival(out + "/documents/02-form-i-000.pdf"))
    }

    private func contentsOfFolder(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
    }
}
