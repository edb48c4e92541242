import Foundation
import TestSupport
import Testing

@Suite("The engross command", .serialized)
struct CLITests {
    let sevenProblems = "Fixtures/cases/letters/support/invalid-seven-problems.json"
    let valid = "Fixtures/cases/letters/support/valid.json"

    @Test func helpHasExamplesAndExitsZero() throws {
        let run = try engross(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("engross render letters/support case.json"))
        let sub = try engross(["render", "--help"])
        #expect(sub.status == 0)
        #expect(sub.stdout.contains("--redact"))
    }

    @Test func bareCommandIsAUsageError() throws {
        let run = try engross([])
        #expect(run.status == 2)
        #expect(run.stderr.contains("USAGE: engross <subcommand>"))
    }

    @Test func redactedOutputNeverReplacesTheFullOne() throws {
        let folder = temporaryFolder()
        let caseFile = folder.appendingPathComponent("rosa.json")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(valid), to: caseFile)
        let templates = ["--templates", repositoryRoot.appendingPathComponent("Templates").path]
        #expect(try engross(["render", "letters/support", caseFile.path, "-f", "txt"] + templates, in: folder).status == 0)
        #expect(try engross(["render", "letters/support", caseFile.path, "-f", "txt", "--redact"] + templates, in: folder).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["rosa-redacted.txt", "rosa.json", "rosa.txt"])
        #expect(try String(contentsOf: folder.appendingPathComponent("rosa.txt"), encoding: .utf8).contains("Rosa Ejemplo"))
    }

    /// render never replaces a file silently: an attorney may have edited the document since.
    @Test func renderRefusesToOverwriteWithoutForce() throws {
        let folder = temporaryFolder()
        let target = folder.appendingPathComponent("letter.txt").path
        try "edited by hand\n".write(toFile: target, atomically: true, encoding: .utf8)
        let refused = try engross(["render", "letters/support", valid, "-f", "txt", "-o", target])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("engross: \(target) already exists; pass --force to overwrite it; nothing was written"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "edited by hand\n")
        // Several formats into a folder where one of the files exists: none is written.
        try FileManager.default.moveItem(atPath: target, toPath: folder.appendingPathComponent("valid.txt").path)
        #expect(try engross(["render", "letters/support", valid, "-f", "txt,html", "-o", folder.path]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("valid.html").path))
        // With --force it is replaced.
        let forced = try engross(["render", "letters/support", valid, "-f", "txt,html", "-o", folder.path, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("valid.txt"), encoding: .utf8).contains("Rosa Ejemplo"))
    }

    @Test func renderMistakesAreExplained() throws {
        let folderCase = try engross(["render", "letters/support", "Fixtures/cases/letters/support", "-o", "-"])
        #expect(folderCase.status == 2)
        #expect(folderCase.stderr.contains("is a folder; render takes one case file"))
        let out = temporaryFolder()
        let fileName = try engross(["render", "letters/support", valid, "-f", "txt,md", "-o", out.appendingPathComponent("x.txt").path])
        #expect(fileName.status == 2)
        #expect(fileName.stderr.contains("looks like a file name"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func yamlSkeletonHasNotesAndParses() throws {
        let folder = temporaryFolder()
        let target = folder.appendingPathComponent("case.yaml").path
        #expect(try engross(["init", "letters/support", "-o", target]).status == 0)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("fullName: \"\"  # Client's full legal name (required, confidential)"))
        let run = try engross(["validate", "letters/support", target])
        #expect(run.status == 1)
        #expect(!run.stderr.contains("YAML:"))
        #expect(run.stderr.contains("client.fullName"))
        #expect(run.stderr.contains("services[0].description (Service): is required but empty"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try engross(["frobnicate"]).status == 2)
        #expect(try engross(["validate", "letters/support", "--bogus"]).status == 2)
        #expect(try engross(["validate", "letters/support"]).status == 2)
        let format = try engross(["render", "letters/support", valid, "-f", "rtf"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("'rtf' is not an output format"))
    }

    @Test func validateReportsAllSevenProblemsWithoutSensitiveValues() throws {
        let run = try engross(["validate", "letters/support", sevenProblems])
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 7)
        for (path, label) in [
            ("letterDate", "Date of the letter"), ("visa", "Application supported"),
            ("organization.addressLine1", "Organization's street address"), ("client.fullName", "Client's full legal name"),
            ("client.pronouns", "Client's pronouns"), ("role", "Author's role with the client"), ("author.title", "Author's position"),
        ] {
            #expect(errors.contains { $0.contains("\(path) (\(label))") }, "\(path)")
        }
        #expect(run.stderr.contains("\(sevenProblems):2:17: error: letterDate (Date of the letter): \"2025-02-30\" is not a real date"))
        for secret in ["1991", "SECRET", "A000000002", "000-000-002"] { #expect(!run.stderr.contains(secret)) }
        #expect(run.stdout.isEmpty)
    }

    @Test func validateJSONGivesTheSameSeven() throws {
        let run = try engross(["validate", "letters/support", sevenProblems, "--json"])
        #expect(run.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let files = report?["files"] as? [[String: Any]]
        let diagnostics = files?.first?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.count == 7)
        #expect(Set(diagnostics.compactMap { $0["path"] as? String }) == [
            "letterDate", "visa", "organization.addressLine1", "client.fullName", "client.pronouns", "role", "author.title",
        ])
        #expect(diagnostics.allSatisfy { $0["label"] is String && $0["code"] is String && $0["line"] is Int })
        for secret in ["1991", "SECRET", "A000000002"] { #expect(!run.stdout.contains(secret)) }
    }

    @Test func validCaseExitsZero() throws {
        let run = try engross(["validate", "letters/support", valid, "Fixtures/cases/letters/support/valid.yaml"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("valid.json: valid"))
    }

    @Test func validateAFolderOfCaseFiles() throws {
        let folder = temporaryFolder()
        for name in ["b.json", "a.yaml", "notes.txt"] {
            let source = name.hasSuffix(".yaml") ? "Fixtures/cases/letters/support/valid.yaml" : valid
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(source), to: folder.appendingPathComponent(name))
        }
        let run = try engross(["validate", "letters/support", folder.path, sevenProblems])
        #expect(run.status == 1)
        let summaries = run.stderr.split(separator: "\n").filter { $0.contains("valid (") }
        #expect(summaries.count == 3)
        #expect(summaries.first?.hasPrefix("\(folder.path)/a.yaml: valid") == true)
        let empty = temporaryFolder()
        #expect(try engross(["validate", "letters/support", empty.path]).status == 2)
    }

    @Test func brokenCaseFileExitsTwoWithPosition() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("broken.json").path
        try "{\n  \"visa\": \"t\"\n  \"role\": \"x\"\n}".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try engross(["validate", "letters/support", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("broken.json:3:3: error: expected ',' or '}'"))
        let missing = try engross(["validate", "letters/support", "no-such-case.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-case.json: error: cannot read the case file: no such file"))
        let csv = try engross(["validate", "letters/support", "case.csv"])
        #expect(csv.status == 2)
    }

    @Test func renderWritesEachFormatAtomically() throws {
        let out = temporaryFolder()
        let run = try engross(["render", "letters/support", valid, "-f", "txt,md,html", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["valid.html", "valid.md", "valid.txt"])
        let golden = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/golden/support-letter.txt"), encoding: .utf8)
        #expect(try String(contentsOf: out.appendingPathComponent("valid.txt"), encoding: .utf8) == golden)
        #expect(run.stderr.contains("wrote \(out.path)/valid.html"))
    }

    @Test func invalidCaseWritesNothing() throws {
        let out = temporaryFolder()
        let run = try engross(["render", "letters/support", sevenProblems, "-f", "txt,html", "-o", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("nothing was written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func renderToStandardOutputAndRedact() throws {
        let run = try engross(["render", "letters/support", valid, "-f", "txt", "-o", "-", "--redact"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("of R. E., born [REDACTED]"))
        #expect(!run.stdout.contains("Rosa"))
        let two = try engross(["render", "letters/support", valid, "-f", "txt,html", "-o", "-"])
        #expect(two.status == 2)
    }

    @Test func renderReadsStandardInput() throws {
        let json = try String(contentsOf: repositoryRoot.appendingPathComponent(valid), encoding: .utf8)
        let run = try engross(["render", "letters/support", "-", "-f", "md", "-o", "-"], stdin: json)
        #expect(run.status == 0)
        #expect(run.stdout.contains("## Services we have provided"))
    }

    @Test func singleFormatToANamedFile() throws {
        let out = temporaryFolder()
        let target = out.appendingPathComponent("letter.html").path
        let run = try engross(["render", "letters/support", valid, "-f", "html", "-o", target])
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func listFieldsSchemaInit() throws {
        let list = try engross(["list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("letters/support"))
        let fields = try engross(["fields", "letters/support"])
        #expect(fields.status == 0)
        #expect(fields.stdout.contains("client.fullName"))
        #expect(fields.stdout.contains("services[].description"))
        let schema = try engross(["schema", "letters/support"])
        #expect(schema.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any])?["properties"] != nil)
        let folder = temporaryFolder()
        let target = folder.appendingPathComponent("case.json").path
        #expect(try engross(["init", "letters/support", "-o", target]).status == 0)
        #expect(FileManager.default.fileExists(atPath: target))
        let again = try engross(["init", "letters/support", "-o", target])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        let unknown = try engross(["fields", "letters/nothing"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("there is no template 'letters/nothing'"))
    }

    @Test func lintNamesFileAndLineOfAnUndeclaredField() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("letters"), withIntermediateDirectories: true)
        try """
            <?xml version="1.0"?>
            <template xmlns="urn:engross:template:1" id="letters/bad" version="1.0.0">
              <meta><title>Bad</title></meta>
              <fields><field name="name" required="true"/></fields>
              <body>
                <p>Dear <value of="name"/>,</p>
                <p>Your case number is <value of="caseNumber"/>.</p>
              </body>
            </template>
            """.write(to: folder.appendingPathComponent("letters/bad.xml"), atomically: true, encoding: .utf8)
        let run = try engross(["lint", "--templates", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("letters/bad.xml:7: error: 'caseNumber' uses 'caseNumber', which is not a declared field"))
        #expect(run.stderr.contains("\n    <p>Your case number is <value of=\"caseNumber\"/>.</p>\n"))
        #expect(try engross(["lint"]).status == 0)
    }

    @Test func hostileTemplateIsRefusedQuickly() throws {
        let folder = temporaryFolder()
        try """
            <?xml version="1.0"?>
            <!DOCTYPE template [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "&x;&x;&x;">]>
            <template xmlns="urn:engross:template:1" id="evil" version="1"><meta><title>&a;</title></meta><body><p>&x;</p></body></template>
            """.write(to: folder.appendingPathComponent("evil.xml"), atomically: true, encoding: .utf8)
        let started = Date()
        let run = try engross(["lint", "--templates", folder.path])
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(run.status == 2)
        #expect(run.stderr.contains("evil.xml:2: error: templates may not have a DOCTYPE declaration"))
        #expect(!run.stderr.contains("root:"))
        let render = try engross(["render", "evil", "x.json", "--templates", folder.path])
        #expect(render.status == 2)
    }

    @Test func templatesAreFoundThroughTheEnvironmentAndNotElsewhere() throws {
        let elsewhere = temporaryFolder()
        let none = try engross(["list"], in: elsewhere)
        #expect(none.status == 2)
        #expect(none.stderr.contains("no templates folder found"))
        let env = try engross(["list"], in: elsewhere, environment: ["ENGROSS_TEMPLATES": repositoryRoot.appendingPathComponent("Templates").path])
        #expect(env.status == 0)
        #expect(env.stdout.contains("letters/support"))
        #expect(try engross(["list", "--templates", "/nonexistent"]).status == 2)
    }
}

/// A CSV of `rows` support-letter cases; rows 100, 500 and 900 are broken (a missing required
/// field, an impossible date, an unknown choice).
func supportCSV(rows: Int) -> String {
    let columns = ["letterDate", "visa", "author.name", "author.title", "author.organization", "organization.addressLine1",
        "organization.addressLine2", "client.fullName", "client.pronouns", "knownSince", "role", "services[0].description",
        "consentToShare", "observations", "lawEnforcementAgency"]
    var lines = [columns.joined(separator: ",")]
    for row in 1...rows {
        var cells = ["11/02/2026", row % 3 == 0 ? "u" : "t", "Sam Sample", "Case Manager", "Example Survivor Services",
            "100 Example Avenue", "\"Springfield, XX 00000\"", "Client Example-\(row)", "they", "2024-03-04", "case manager",
            "Safety planning", "yes", "\"Afraid at first.\n\nNow at every appointment.\"", row % 3 == 0 ? "Example City Police" : ""]
        if row == 100 { cells[7] = "" }
        if row == 500 { cells[9] = "2025-02-30" }
        if row == 900 { cells[1] = "x" }
        lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
}

@Suite("engross batch", .serialized)
struct BatchCLITests {
    private func input(rows: Int) throws -> (folder: URL, csv: String) {
        let folder = temporaryFolder()
        let csv = folder.appendingPathComponent("clients.csv").path
        try supportCSV(rows: rows).write(toFile: csv, atomically: true, encoding: .utf8)
        return (folder, csv)
    }

    @Test func aThousandRowsWithThreeBrokenOnes() throws {
        let (folder, csv) = try input(rows: 1000)
        let out = folder.appendingPathComponent("out").path
        let run = try engross(["batch", "letters/support", csv, "-o", out, "-f", "docx,pdf", "--name", "{client.fullName}"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("batch: 997 rendered, 3 invalid, 0 failed, 0 skipped of 1000 records"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.filter { $0.hasSuffix(".docx") }.count == 997)
        #expect(files.filter { $0.hasSuffix(".pdf") }.count == 997)
        #expect(files.contains("Client-Example-1.pdf"))
        let ledger = try String(contentsOfFile: out + "/report.csv", encoding: .utf8)
        let invalid = ledger.split(separator: "\r\n").filter { $0.contains(",invalid,") }
        #expect(invalid.count == 3)
        #expect(invalid[0].hasPrefix("100,") && invalid[0].contains("client.fullName") && invalid[0].contains("[required]"))
        #expect(invalid[1].hasPrefix("500,") && invalid[1].contains("knownSince") && invalid[1].contains("[invalid-date]"))
        #expect(invalid[2].hasPrefix("900,") && invalid[2].contains("visa") && invalid[2].contains("[not-an-option]"))
        // The line each record starts on: 1 header line, then 3 lines a row (the narrative has a blank line in it).
        #expect(invalid[0].contains(",\(csv),299,"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any]
        #expect((report?["records"] as? [[String: Any]])?.count == 1000)
        for name in ["Client Example-100"] { #expect(!ledger.contains(name)) }
    }

    @Test func interruptedBatchLeavesNoPartialDocumentAndResumes() throws {
        let (folder, csv) = try input(rows: 3000)
        let out = folder.appendingPathComponent("out").path
        let process = engrossProcess(["batch", "letters/support", csv, "-o", out, "-f", "pdf,docx"])
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first documents, then interrupt.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, ((try? FileManager.default.contentsOfDirectory(atPath: out))?.count ?? 0) < 20 { usleep(20_000) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!files.contains { $0.hasSuffix(".tmp") })
        let ledger = try String(contentsOfFile: out + "/report.csv", encoding: .utf8)
        let rendered = ledger.split(separator: "\r\n").filter { $0.contains(",rendered,") }
        #expect(rendered.count > 0 && rendered.count < 2997)
        // Every document named in the ledger is whole, and every document is in the ledger.
        let documents = files.filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".docx") }
        #expect(documents.count == rendered.count * 2)
        for document in documents where document.hasSuffix(".pdf") {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + document))
            #expect(String(decoding: data.suffix(6), as: UTF8.self).contains("%%EOF"))
        }
        let resumed = try engross(["batch", "letters/support", csv, "-o", out, "-f", "pdf,docx", "--resume"])
        #expect(resumed.status == 1)
        #expect(resumed.stderr.contains("\(2997 - rendered.count) rendered, 3 invalid, 0 failed, \(rendered.count) skipped of 3000 records"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".pdf") }.count == 2997)
    }

    @Test func foldersAndJSONLinesAndCombinedOutput() throws {
        let folder = temporaryFolder()
        let cases = folder.appendingPathComponent("cases")
        try FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
        for name in ["valid.json", "valid.yaml", "invalid-seven-problems.json"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/\(name)"),
                to: cases.appendingPathComponent(name))
        }
        let out = folder.appendingPathComponent("out").path
        let run = try engross(["batch", "letters/support", cases.path, "-o", out, "-f", "txt", "--combine", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["combined.docx", "combined.pdf", "report.csv", "report.json", "valid-2.txt", "valid.txt"])
        let lines = folder.appendingPathComponent("cases.jsonl").path
        let json = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/valid.json"), encoding: .utf8)
        let oneLine = json.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        try (oneLine + "\n" + "{not json\n").write(toFile: lines, atomically: true, encoding: .utf8)
        let jsonl = try engross(["batch", "letters/support", lines, "-o", out + "-jsonl", "-f", "html"])
        #expect(jsonl.status == 1)
        #expect(jsonl.stderr.contains("1 rendered, 1 invalid"))
        #expect(try engross(["batch", "letters/support", "no-such.csv", "-o", out]).status == 2)
    }
}

@Suite("engross packet")
struct PacketCommandTests {
    private let invalid = "Fixtures/packets/t-visa/invalid/"

    @Test func invalidPacketsAreRefusedBeforeAnythingIsWritten() throws {
        let expected = [
            "missing-exhibit-file.json": "exhibits[1].file: names a file that does not exist [exhibit-file]",
            "encrypted-exhibit.json": "exhibits[1].file: names a file that is a PDF protected by a password",
            "unreadable-exhibit.json": "exhibits[4].file: names a file that cannot be read",
            "unknown-exhibit-cited.json": "coverLetter.hardship.exhibits[1]: cites exhibit 'medical-record', but no exhibit in exhibits has that id [broken-citation]",
            "declaration-paragraph-not-included.json": "[broken-citation]",
        ]
        for (file, message) in expected {
            let out = NSTemporaryDirectory() + "engross-packet-cli-" + UUID().uuidString
            // The invalid case files share the fixture's exhibits, in the folder above theirs.
            let run = try engross(["packet", "packets/t-visa", invalid + file, "-o", out, "--allow-outside-exhibits"])
            #expect(run.status == 1, "\(file)")
            #expect(run.stderr.contains(message), "\(file): \(run.stderr)")
            #expect(run.stderr.contains("nothing was written"))
            #expect(!FileManager.default.fileExists(atPath: out), "\(file)")
        }
    }

    @Test func aPacketIsWrittenWithItsManifest() throws {
        let out = NSTemporaryDirectory() + "engross-packet-cli-" + UUID().uuidString
        let run = try engross(["packet", "packets/t-visa", "Fixtures/packets/t-visa/case.json", "-o", out, "--bates", "DOE", "--forms", "Fixtures/forms"],
            environment: ["SOURCE_DATE_EPOCH": "1795910400"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("wrote \(out)/t-visa-packet.pdf"))
        for file in ["t-visa-packet.pdf", "manifest.json", "documents/01-cover-letter.pdf", "documents/01-cover-letter.docx"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        let uVisa = try engross(["packet", "u-visa-certification", "Fixtures/packets/u-visa-certification/case.json", "-o", out + "-u"])
        #expect(uVisa.status == 0, "\(uVisa.stderr)")
        // A second submission continues the first's numbering, with the prefix as given.
        let second = try engross(["packet", "u-visa-certification", "Fixtures/packets/u-visa-certification/case.json", "-o", out + "-v",
            "--bates", "DOE-", "--bates-start", "213", "--bates-digits", "4"])
        #expect(second.status == 0, "\(second.stderr)")
        let text = try pdfTool("pdftotext", [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "-v/u-visa-certification-packet.pdf"))), ["-f", "1", "-l", "2"])
        #expect(text.contains("DOE-0213") && text.contains("DOE-0214") && !text.contains("DOE--"), "\(text)")
    }

    @Test func usageMistakesExitTwo() throws {
        let bad = try engross(["packet", "packets/t-visa", "Fixtures/packets/t-visa/case.json", "-o", "/tmp/x", "--bates", "DOE 1"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--bates takes 1 to 20 letters"))
        for (arguments, message) in [
            (["--bates", "DOE", "--bates-start", "0"], "--bates-start takes a number from 1"),
            (["--bates", "DOE", "--bates-digits", "11"], "--bates-digits takes a number from 1 to 10"),
            (["--bates-start", "5"], "give --bates PREFIX too"),
        ] {
            let run = try engross(["packet", "packets/t-visa", "Fixtures/packets/t-visa/case.json", "-o", "/tmp/x"] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
        let unknown = try engross(["packet", "packets/nope", "Fixtures/packets/t-visa/case.json", "-o", "/tmp/x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("there is no packet 'packets/nope'"))

        // A packet that names a missing template says which template, not that the packet is missing.
        let templates = NSTemporaryDirectory() + "engross-packet-templates-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Templates").path, toPath: templates)
        let definition = templates + "/packets/t-visa.xml"
        try String(contentsOfFile: definition, encoding: .utf8).replacingOccurrences(of: "\"letters/support\"", with: "\"letters/suport\"")
            .write(toFile: definition, atomically: true, encoding: .utf8)
        let broken = try engross(["packet", "t-visa", "Fixtures/packets/t-visa/case.json", "-o", "/tmp/x", "--templates", templates])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("there is no template 'letters/suport'"), "\(broken.stderr)")
        #expect(!broken.stderr.contains("there is no packet"))
    }
}
