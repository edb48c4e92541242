import Foundation
import TestSupport
import Testing

/// `engross packet` with a packet that includes a form: the T visa fixture's example form.
@Suite("engross packet with a form", .serialized)
struct PacketFormCLITests {
    let caseFile = repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa/case.json").path
    let forms = repositoryRoot.appendingPathComponent("Fixtures/forms").path

    @Test func theFormIsFilledFromTheFormsFolder() throws {
        let out = temporaryFolder().appendingPathComponent("packet").path
        let run = try engross(["packet", "packets/t-visa", caseFile, "-o", out, "--forms", forms])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/documents/02-form-i-000.pdf"))
        #expect(!FileManager.default.fileExists(atPath: out + "/documents/02-form-i-000.docx"))
        #expect(FileManager.default.fileExists(atPath: out + "/documents/04-declaration.pdf"))

        // ENGROSS_FORMS names the folder as for render.
        let again = temporaryFolder().appendingPathComponent("packet").path
        let fromEnvironment = try engross(["packet", "packets/t-visa", caseFile, "-o", again], environment: ["ENGROSS_FORMS": forms])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(FileManager.default.contents(atPath: again + "/t-visa-packet.pdf") == FileManager.default.contents(atPath: out + "/t-visa-packet.pdf"))
    }

    @Test func aMissingBlankOrAnotherEditionExitsTwoAndWritesNothing() throws {
        let folder = temporaryFolder()
        let empty = folder.appendingPathComponent("empty").path
        let other = folder.appendingPathComponent("other").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: forms + "/example-i-000-2027.pdf", toPath: other + "/example-i-000.pdf")

        let out = folder.appendingPathComponent("packet").path
        let missing = try engross(["packet", "packets/t-visa", caseFile, "-o", out, "--forms", empty])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("packets/t-visa includes the form form-i-000 (forms/example-i-000)"), "\(missing.stderr)")
        #expect(missing.stderr.contains("there is no blank form example-i-000.pdf in \(empty)"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let edition = try engross(["packet", "packets/t-visa", caseFile, "-o", out, "--forms", other])
        #expect(edition.status == 2)
        #expect(edition.stderr.contains("is not the edition of the form that forms/example-i-000 fills"), "\(edition.stderr)")
        #expect(edition.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // No case value in the messages.
        for value in ["Mau Thi", "Mau", "000000001", "00002"] {
            #expect(!missing.stderr.contains(value) && !edition.stderr.contains(value), "\(value)")
        }
    }
}
