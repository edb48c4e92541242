import Foundation
import TestSupport
import Testing

@Suite("engross render with a form template", .serialized)
struct FormCLITests {
    let form = "forms/example-i-000"
    let valid = repositoryRoot.appendingPathComponent("Fixtures/cases/forms/example-i-000/valid.json").path
    let continued = repositoryRoot.appendingPathComponent("Fixtures/cases/forms/example-i-000/continued.yaml").path
    let forms = repositoryRoot.appendingPathComponent("Fixtures/forms").path
    let templates = ["--templates", repositoryRoot.appendingPathComponent("Templates").path]

    /// The fields of a PDF file as pypdf reads them (name → value).
    func fields(_ path: String) throws -> [String: String] { try pypdfFields(atPath: path) }

    @Test func rendersWithTheFormsFolder() throws {
        let out = temporaryFolder()
        let target = out.appendingPathComponent("i-000.pdf").path
        let run = try engross(["render", form, valid, "--forms", forms, "-o", target] + templates, in: out)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "wrote \(target)\n")
        #expect(try fields(target)["form1[0].#subform[0].Pt1Line1a_FamilyName[0]"] == "Testcase")
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func theFormsFolderFromTheEnvironmentAndTheCurrentFolder() throws {
        let out = temporaryFolder()
        let fromEnvironment = try engross(["render", form, valid, "-o", "a.pdf"] + templates, in: out, environment: ["ENGROSS_FORMS": forms])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        // Without --forms or ENGROSS_FORMS: ./Forms.
        let missing = try engross(["render", form, valid, "-o", "b.pdf"] + templates, in: out)
        #expect(missing.status == 2)
        #expect(missing.stderr == "engross: the forms folder \(out.path)/Forms (from ./Forms) does not exist; create it and download the official form and save it there as example-i-000.pdf, or pass --blank PATH\n")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("Forms"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: forms + "/example-i-000.pdf", toPath: out.appendingPathComponent("Forms/example-i-000.pdf").path)
        #expect(try engross(["render", form, valid, "-o", "b.pdf"] + templates, in: out).status == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent("a.pdf")) == Data(contentsOf: out.appendingPathComponent("b.pdf")))
    }

    @Test func blankNamesTheFileForOneRender() throws {
        let out = temporaryFolder()
        let run = try engross(["render", form, continued, "--blank", forms + "/example-i-000.pdf", "--flatten", "--redact"] + templates, in: out)
        #expect(run.status == 0, "\(run.stderr)")
        let target = out.appendingPathComponent("continued-redacted.pdf").path
        #expect(try fields(target).isEmpty)
        let (_, text) = try runTool(["pdftotext", "-enc", "UTF-8", target, "-"])
        #expect(text.contains("G. L."))
        // The statement's redaction fits its box: nothing continues.
        #expect(text.contains("[REDACTED]"))
        #expect(!text.contains("Part 8. Additional Information"))
        #expect(!text.contains("García"))
        #expect(!text.contains("Sample Bakery"))
    }

    @Test func anotherEditionExitsTwoNamingTheFields() throws {
        let out = temporaryFolder()
        let run = try engross(["render", form, valid, "--blank", forms + "/example-i-000-2027.pdf", "-o", "x.pdf"] + templates, in: out)
        #expect(run.status == 2)
        #expect(run.stderr.contains("missing in the blank: form1[0].#subform[0].Pt1Line1c_MiddleName[0] (line 56)"))
        #expect(run.stderr.contains("in the blank but not in the template: form1[0].#subform[0].Pt1Line7_PostalCode[0], form1[0].#subform[0].Pt1Line8_EmailAddress[0]"))
        #expect(run.stderr.contains("no page of the blank shows \"Form I-000 Edition 11/29/26\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func otherFormatsAndOptionsAreUsageErrors() throws {
        let docx = try engross(["render", form, valid, "-f", "docx", "--forms", forms] + templates)
        #expect(docx.status == 2)
        #expect(docx.stderr == "engross: forms/example-i-000 is a form template: it fills the blank PDF form example-i-000.pdf, so it renders to -f pdf only\n")
        let flatten = try engross(["render", "letters/support", "Fixtures/cases/letters/support/valid.json", "--flatten", "-o", "-"] + templates)
        #expect(flatten.status == 2)
        #expect(flatten.stderr.contains("--flatten, --blank and --forms are for form templates (kind=\"form\"); letters/support is a letter"))
        let out = temporaryFolder()
        let batch = try engross(["batch", form, valid, "-o", out.path] + templates)
        #expect(batch.status == 2)
        #expect(batch.stderr.contains("forms/example-i-000 is a form template; batch writes documents"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func anInvalidCaseExitsOne() throws {
        let out = temporaryFolder()
        let invalid = repositoryRoot.appendingPathComponent("Fixtures/cases/forms/example-i-000/invalid/missing-and-malformed.json").path
        let run = try engross(["render", form, invalid, "--forms", forms] + templates, in: out)
        #expect(run.status == 1)
        #expect(run.stderr.contains("applicant.maritalStatus"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func theOtherCommandsWorkForAFormTemplate() throws {
        let list = try engross(["list"] + templates)
        #expect(list.stdout.contains("forms/example-i-000"))
        let row = list.stdout.split(separator: "\n").first { $0.hasPrefix("forms/example-i-000 ") }
        #expect(row.map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["forms/example-i-000", "1.0.0", "2026-11-29", "form"] } == true)
        let fields = try engross(["fields", form] + templates)
        #expect(fields.status == 0)
        #expect(fields.stdout.contains("applicant.fullName"))
        let schema = try engross(["schema", form] + templates)
        #expect(schema.status == 0)
        #expect(schema.stdout.contains("\"interpreted\""))
        let out = temporaryFolder()
        #expect(try engross(["init", form, "-o", out.appendingPathComponent("case.json").path] + templates).status == 0)
        #expect(try engross(["validate", form, valid] + templates).status == 0)
        let lint = try engross(["lint", form] + templates)
        #expect(lint.status == 0, "\(lint.stderr)")
    }

    @Test func theSkeletonOfTheExampleBlankLintsAndRenders() throws {
        // form-fields --skeleton (FormPDF) writes the vocabulary this branch parses: keep them in step.
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Templates/engross.rng").path,
            toPath: folder.appendingPathComponent("engross.rng").path)
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Fixtures/golden/forms/example-i-000.skeleton.xml").path,
            toPath: folder.appendingPathComponent("forms/example-i-000.xml").path)
        let lint = try engross(["lint", "forms/example-i-000", "--templates", folder.path])
        #expect(lint.status == 0, "\(lint.stderr)")
        let skeletonCase = folder.appendingPathComponent("case.json").path
        #expect(try engross(["init", "forms/example-i-000", "--templates", folder.path, "-o", skeletonCase]).status == 0)
        let render = try engross(["render", "forms/example-i-000", skeletonCase, "--templates", folder.path, "--forms", forms, "-o", "out.pdf"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
    }

    @Test func lintRejectsABrokenFormTemplate() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("forms"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Templates/engross.rng").path,
            toPath: folder.appendingPathComponent("engross.rng").path)
        let broken = """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="forms/broken" version="1.0.0" kind="form">
              <meta><title>Broken</title><reviewed>2026-11-29</reviewed></meta>
              <fields><field name="name"/></fields>
              <form blank="x.pdf" edition="X">
                <text field="A" of="nmae"/>
                <check field="B"/>
              </form>
            </template>
            """
        try broken.write(to: folder.appendingPathComponent("forms/broken.xml"), atomically: true, encoding: .utf8)
        let run = try engross(["lint", "forms/broken", "--templates", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("forms/broken.xml:7: error: <check> needs a 'when' attribute"))
        // The engine accepts its parts in any order; the schema wants <meta>, <fields>, <form>.
        let unordered = """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="forms/unordered" version="1.0.0" kind="form">
              <meta><title>Unordered</title><reviewed>2026-11-29</reviewed></meta>
              <form blank="x.pdf" edition="X"><text field="A" of="name"/></form>
              <fields><field name="name"/></fields>
            </template>
            """
        try unordered.write(to: folder.appendingPathComponent("forms/unordered.xml"), atomically: true, encoding: .utf8)
        let schema = try engross(["lint", "forms/unordered", "--templates", folder.path])
        #expect(schema.status == 2)
        #expect(schema.stderr.contains("does not match the template schema"))
    }
}
