import Foundation
import TestSupport
import Testing

/// Regression tests for the hardening issue's items about confidentiality and integrity at the
/// command line: messages, temporary files, folders, ledgers and packets.
@Suite("Hardening: messages, files and folders", .serialized)
struct HardeningConfidentialityCLITests {
    let valid = "Fixtures/cases/letters/support/valid.json"

    /// The support letter's valid case file as a JSON object, to change and write back.
    private func validCase() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(valid))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func write(_ object: [String: Any], to url: URL) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    // Item 16: values and keys are echoed escaped and short; template lines too.
    @Test func messagesNeitherForgeLinesNorColourTheTerminalNorEchoMegabytes() throws {
        let folder = temporaryFolder()
        var object = try validCase()
        object[String(repeating: "k", count: 10_000_000)] = 1
        object["bad\nvalid.json:1:1: error: forged \u{1B}[31mred"] = 2
        object["visa"] = "x\nother.json:2:2: error: forged"
        let caseFile = folder.appendingPathComponent("hostile.json")
        try write(object, to: caseFile)
        for arguments in [["validate", "letters/support", caseFile.path], ["validate", "letters/support", caseFile.path, "--json"],
            ["render", "letters/support", caseFile.path, "-f", "txt", "-o", "-"]]
        {
            let run = try engross(arguments)
            #expect(run.status == 1, "\(arguments)")
            let output = run.stderr + run.stdout
            #expect(output.utf8.count < 5_000, "\(arguments): \(output.utf8.count) bytes")
            #expect(!output.contains("\u{1B}"))
            #expect(!output.contains("\nother.json") && !output.contains("\nvalid.json"))
        }
        let run = try engross(["validate", "letters/support", caseFile.path])
        #expect(run.stderr.contains(#"visa (Application supported): "x\nother.json:2:2: error: forged" is not one of the choices"#))
        #expect(run.stderr.contains(#"the template does not use a field named "bad\nvalid.json:1:1: error: forged \u{1B}[31mr…""#))
        #expect(run.stderr.contains("the template does not use a field named \"" + String(repeating: "k", count: 40) + "…\""))

        // A spreadsheet's header is echoed escaped too.
        let csv = folder.appendingPathComponent("esc.csv")
        try "visa,client.x\u{1B}[31mred\nt,a\n".write(to: csv, atomically: true, encoding: .utf8)
        let batch = try engross(["batch", "letters/support", csv.path, "-o", folder.appendingPathComponent("out").path, "-f", "txt"])
        #expect(batch.status == 2)
        #expect(batch.stderr.contains(#"column 2 is headed "client.x\u{1B}[31mred", which is not a field path"#), "\(batch.stderr)")

        // A template error on a line of megabytes shows the start of the line, escaped.
        let templates = folder.appendingPathComponent("templates/x")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let line = "<p>" + String(repeating: "A", count: 5_000_000) + "<value of=\"nme\"/></p>"
        try """
            <template xmlns="urn:engross:template:1" id="x/big" version="1.0.0" kind="letter">
              <meta><title>Big</title><authority>none</authority><reviewed>2026-11-01</reviewed></meta>
              <fields><field name="name" type="text"/></fields>
              <body>
                \(line)
              </body>
            </template>
            """.write(to: templates.appendingPathComponent("big.xml"), atomically: true, encoding: .utf8)
        let lint = try engross(["lint", "x/big", "--templates", folder.appendingPathComponent("templates").path])
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("big.xml:5: error:"), "\(lint.stderr.prefix(500))")
        #expect(lint.stderr.contains("    <p>AAAA"))
        #expect(lint.stderr.utf8.count < 3_000, "\(lint.stderr.utf8.count) bytes")
    }
}

extension HardeningConfidentialityCLITests {
    // Item 11: `redact="last4"` hides a value of four characters or fewer entirely.
    @Test func aShortReportNumberIsHiddenWhenRedacted() throws {
        let folder = temporaryFolder()
        let fixture = repositoryRoot.appendingPathComponent("Fixtures/cases/u-visa/certification-request/minimal.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        var crime = try #require(object["crime"] as? [String: Any])
        crime["reportNumber"] = "7731"
        object["crime"] = crime
        let caseFile = folder.appendingPathComponent("case.json")
        try write(object, to: caseFile)
        let full = try engross(["render", "u-visa/certification-request", caseFile.path, "-f", "txt", "-o", "-"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdout.contains("Report no. 7731"))
        let redacted = try engross(["render", "u-visa/certification-request", caseFile.path, "-f", "txt", "-o", "-", "--redact"])
        #expect(redacted.status == 0, "\(redacted.stderr)")
        #expect(redacted.stdout.contains("Report no. ••••"))
        #expect(!redacted.stdout.contains("7731") && !redacted.stdout.contains("731"))
    }
}

extension HardeningConfidentialityCLITests {
    /// Starts `engross` with `arguments`, stops it (SIGSTOP) as soon as a temporary file appears in
    /// `folder` (inotify), and returns the process, stopped with the temporary still there; nil
    /// when the process ended before one could be caught.
    private func stopWhileWritingATemporary(_ arguments: [String], in folder: URL) throws -> Process? {
        let watch = inotify_init1(Int32(IN_CLOEXEC))
        defer { close(watch) }
        #expect(inotify_add_watch(watch, folder.path, UInt32(IN_CREATE)) >= 0)
        let process = engrossProcess(arguments)
        process.standardError = FileHandle.nullDevice
        // The test runner's threads may block SIGINT and SIGTERM, and a child inherits that: unblock
        // them here, so that the command meets them as it does from a shell.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        try process.run()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var poller = pollfd(fd: watch, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 20_000) > 0 else { break }
            let count = read(watch, &buffer, buffer.count)
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let length = Int(buffer[offset + 12]) | Int(buffer[offset + 13]) << 8 | Int(buffer[offset + 14]) << 16 | Int(buffer[offset + 15]) << 24
                let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                guard name.hasSuffix(".tmp") else { continue }
                kill(process.processIdentifier, SIGSTOP)
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) { return process }
                kill(process.processIdentifier, SIGCONT)
            }
        }
        process.waitUntilExit()
        return nil
    }

    // Item 15: Ctrl-C or SIGTERM while a document is being written leaves no temporary file.
    @Test func anInterruptedRenderLeavesNoTemporaryFile() throws {
        var caught = 0
        for (attempt, signal) in [SIGINT, SIGTERM, SIGINT, SIGTERM, SIGINT, SIGTERM].enumerated() where caught < 2 {
            let folder = temporaryFolder()
            let arguments = ["render", "t-visa/declaration", "Fixtures/cases/t-visa/declaration/long-narrative.yaml", "-f", "pdf,docx,html,md,txt",
                "-o", folder.path]
            guard let process = try stopWhileWritingATemporary(arguments, in: folder) else { continue }
            caught += 1
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(names.contains { $0.hasSuffix(".tmp") }, "attempt \(attempt)")
            kill(process.processIdentifier, signal)
            kill(process.processIdentifier, SIGCONT)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit, "attempt \(attempt): ended by a signal")
            // The handler runs on another thread; on a busy machine the render may finish its last
            // file before it does. Then every document is whole and the exit is 0; otherwise the
            // exit is the signal's. Either way no temporary file is left (below).
            if process.terminationStatus == 0 {
                let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
                #expect(written.count == 5, "attempt \(attempt): exit 0 with \(written)")
            } else {
                #expect(process.terminationStatus == 128 + signal)
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(!left.contains { $0.hasSuffix(".tmp") }, "attempt \(attempt): \(left)")
        }
        #expect(caught > 0, "no render was caught while writing a file")
    }

    // Item 15: the next run removes temporary files of our own naming whose process is gone, and
    // nothing else.
    @Test func staleTemporaryFilesOfDeadProcessesAreSwept() throws {
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let alive = getpid()
        let folder = temporaryFolder()
        let names = [".valid.txt.\(dead).12345.tmp", ".valid.txt.\(alive).12345.tmp", ".notes.tmp", ".x.\(dead).tmp", "valid.txt.\(dead).1.tmp",
            ".valid.txt.\(dead).12x.tmp"]
        for name in names { try Data("Rosa Ejemplo".utf8).write(to: folder.appendingPathComponent(name)) }
        let run = try engross(["render", "letters/support", valid, "-f", "txt", "-o", folder.path + "/"])
        #expect(run.status == 0, "\(run.stderr)")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == Set(names.dropFirst() + ["valid.txt"]))
    }
}

extension HardeningConfidentialityCLITests {
    private func csv(rows: Int) throws -> (folder: URL, csv: String) {
        let folder = temporaryFolder()
        let csv = folder.appendingPathComponent("clients.csv").path
        try supportCSV(rows: rows).write(toFile: csv, atomically: true, encoding: .utf8)
        return (folder, csv)
    }

    // Item 5: `"record": 1e19` in report.json no longer crashes --resume: the entry is ignored
    // with a warning naming the file and line, and its record rendered again.
    @Test func aTamperedLedgerDoesNotCrashResume() throws {
        let (folder, csv) = try csv(rows: 3)
        let out = folder.appendingPathComponent("out").path
        #expect(try engross(["batch", "letters/support", csv, "-o", out, "-f", "txt"]).status == 0)
        let report = out + "/report.json"
        let text = try String(contentsOfFile: report, encoding: .utf8)
        try text.replacingOccurrences(of: "{\"record\":1,", with: "{\"record\":1e19,")
            .replacingOccurrences(of: "{\"record\":2,", with: "{\"record\":-2,").write(toFile: report, atomically: true, encoding: .utf8)
        let resumed = try engross(["batch", "letters/support", csv, "-o", out, "-f", "txt", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("engross: warning: \(report):3: \"record\" is not a record number (a whole number from 1 up); that entry is ignored"))
        #expect(resumed.stderr.contains("\(report):4: \"record\" is not a record number"))
        #expect(resumed.stderr.contains("batch: 2 rendered, 0 invalid, 0 failed, 1 skipped of 3 records"))
        let records = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        #expect((records["records"] as? [[String: Any]])?.compactMap { $0["record"] as? Int } == [1, 2, 3])
    }

    // Item 12: --name "{role}" can no longer name a document combined (which --combine overwrites)
    // or report.
    @Test func aRecordNamedCombinedDoesNotClashWithTheCombinedFiles() throws {
        let (folder, csv) = try csv(rows: 2)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: ",case manager,", with: ",combined,")
        lines[4] = lines[4].replacingOccurrences(of: ",case manager,", with: ",report,")
        try lines.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let run = try engross(["batch", "letters/support", csv, "-o", out, "-f", "pdf,docx", "--name", "{role}", "--combine"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["combined-2.docx", "combined-2.pdf", "combined.docx", "combined.pdf", "report-2.docx", "report-2.pdf", "report.csv", "report.json"])
        let ledger = try String(contentsOfFile: out + "/report.csv", encoding: .utf8)
        #expect(ledger.contains(",rendered,combined-2.pdf; combined-2.docx,"))
        let combined = try pdfTool("pdfinfo", Array(try Data(contentsOf: URL(fileURLWithPath: out + "/combined.pdf"))))
        let single = try pdfTool("pdfinfo", Array(try Data(contentsOf: URL(fileURLWithPath: out + "/combined-2.pdf"))))
        func pages(_ info: String) -> Int? { info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) } }
        #expect(try #require(pages(combined)) > (try #require(pages(single))))
    }

    // Item 13: a batch killed outright (SIGKILL) leaves its journal; --resume then redoes only the
    // records that were under way.
    @Test func aKilledBatchLosesOnlyTheRecordsUnderWay() throws {
        let (folder, csv) = try csv(rows: 1000)
        let out = folder.appendingPathComponent("out").path
        let process = engrossProcess(["batch", "letters/support", csv, "-o", out, "-f", "pdf,docx", "--jobs", "2"])
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, ((try? FileManager.default.contentsOfDirectory(atPath: out))?.count ?? 0) < 60 { usleep(10_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!files.contains("report.csv") && !files.contains("report.json"))
        let journal = try String(contentsOfFile: out + "/report.journal.jsonl", encoding: .utf8)
        let journaled = Set(journal.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("\"status\":\"rendered\"") else { return nil }
            return line.split(separator: "\"outputs\":[\"").last?.split(separator: "\"").first.map(String.init)
        })
        let documents = Set(files.filter { $0.hasSuffix(".pdf") })
        #expect(journaled.count >= 20, "\(journaled.count) records in the journal")
        #expect(journaled.isSubset(of: documents))
        // At most the records under way (twice --jobs) have a document but no line in the journal.
        #expect(documents.subtracting(journaled).count <= 4, "\(documents.subtracting(journaled).count)")
        let resumed = try engross(["batch", "letters/support", csv, "-o", out, "-f", "pdf,docx", "--resume"])
        #expect(resumed.status == 1)
        #expect(resumed.stderr.contains("\(997 - journaled.count) rendered, 3 invalid, 0 failed, \(journaled.count) skipped of 1000 records"),
            "\(resumed.stderr)")
        let after = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!after.contains("report.journal.jsonl") && after.contains("report.csv"))
        #expect(after.filter { $0.hasSuffix(".pdf") }.count == 997)
    }
}

extension HardeningConfidentialityCLITests {
    /// A copy of the T visa packet fixture (case file and exhibits) in a new folder; returns the
    /// case file.
    /// A copy of the T visa fixture, without its example form (these tests need no forms folder).
    private func packetCopy() throws -> URL {
        let folder = temporaryFolder().appendingPathComponent("client")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa"), to: folder)
        let caseFile = folder.appendingPathComponent("case.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: caseFile)) as? [String: Any])
        object["formI000"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: caseFile)
        return caseFile
    }

    private func manifest(_ out: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
    }

    /// Every file under `folder`, relative to it.
    private func files(under folder: String) throws -> Set<String> {
        Set(try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        })
    }

    // Item 14: a rerun with fewer documents leaves none of the old ones; the manifest lists
    // exactly what is there; what once made the old code fail part-way no longer does.
    @Test func aRerunPacketReplacesTheEarlierOneWhole() throws {
        let caseFile = try packetCopy()
        let out = caseFile.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("filing").path
        #expect(try engross(["packet", "packets/t-visa", caseFile.path, "-o", out]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/documents/05-support-letter-2.pdf"))
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))

        // One support letter fewer; and something in the way of one of the new documents, which
        // made the old writer stop half-way with a stale manifest.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: caseFile)) as? [String: Any])
        object["supportLetters"] = Array(try #require(object["supportLetters"] as? [Any]).prefix(1))
        try JSONSerialization.data(withJSONObject: object).write(to: caseFile)
        try FileManager.default.removeItem(atPath: out + "/documents/03-declaration.pdf")
        try FileManager.default.createDirectory(atPath: out + "/documents/03-declaration.pdf/x", withIntermediateDirectories: true)
        // And what a packet killed outright while writing leaves: its staging folder.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        try FileManager.default.createDirectory(atPath: out + "/.packet.\(finished.processIdentifier).7.tmp/documents", withIntermediateDirectories: true)
        try Data("Tran Thi Mau".utf8).write(to: URL(fileURLWithPath: out + "/.packet.\(finished.processIdentifier).7.tmp/documents/01-cover-letter.pdf"))
        let rerun = try engross(["packet", "packets/t-visa", caseFile.path, "-o", out])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let written = try files(under: out)
        #expect(!FileManager.default.fileExists(atPath: out + "/.packet.\(finished.processIdentifier).7.tmp"))
        #expect(!written.contains { $0.contains("support-letter-2") })
        #expect(!written.contains { $0.hasPrefix(".") || $0.contains("/.") })
        let outputs = try #require(try manifest(out)["outputs"] as? [[String: Any]])
        let listed = Set(outputs.compactMap { $0["path"] as? String })
        #expect(written == listed.union(["manifest.json", "notes.txt"]), "\(written.symmetricDifference(listed))")
        for output in outputs {
            let path = try #require(output["path"] as? String)
            let (_, sum) = try runTool(["sha256sum", out + "/" + path])
            #expect(sum.hasPrefix(try #require(output["sha256"] as? String)), "\(path)")
        }

        // Something the packet cannot move away (a folder where its manifest goes): refused
        // before anything changes.
        let before = try files(under: out)
        try FileManager.default.removeItem(atPath: out + "/t-visa-packet.pdf")
        try FileManager.default.createDirectory(atPath: out + "/t-visa-packet.pdf", withIntermediateDirectories: true)
        let blocked = try engross(["packet", "packets/t-visa", caseFile.path, "-o", out])
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("\(out)/t-visa-packet.pdf is a folder"), "\(blocked.stderr)")
        #expect(blocked.stderr.contains("nothing was changed"))
        #expect(try files(under: out) == before.subtracting(["t-visa-packet.pdf"]))
    }

    // Item 18: an exhibit outside the case file's folder needs --allow-outside-exhibits, and the
    // manifest says truly what each path is relative to.
    @Test func exhibitsOutsideTheCaseFilesFolderAreRefusedUnlessAllowed() throws {
        let caseFile = try packetCopy()
        let client = caseFile.deletingLastPathComponent()
        let elsewhere = client.deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: client.appendingPathComponent("exhibits/messages.png"), to: elsewhere.appendingPathComponent("messages.png"))
        try FileManager.default.moveItem(at: client.appendingPathComponent("exhibits/police-report.pdf"), to: elsewhere.appendingPathComponent("police-report.pdf"))
        try FileManager.default.createSymbolicLink(at: client.appendingPathComponent("exhibits/debt-ledger-link.png"),
            withDestinationURL: client.appendingPathComponent("exhibits/debt-ledger.png"))
        try FileManager.default.createSymbolicLink(at: client.appendingPathComponent("exhibits/link-out.pdf"),
            withDestinationURL: elsewhere.appendingPathComponent("police-report.pdf"))
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: caseFile)) as? [String: Any])
        var exhibits = try #require(object["exhibits"] as? [[String: Any]])
        exhibits[1]["file"] = elsewhere.appendingPathComponent("police-report.pdf").path  // absolute
        exhibits[2]["file"] = "exhibits/debt-ledger-link.png"  // a link that stays inside
        exhibits[3]["file"] = "../elsewhere/messages.png"
        exhibits.append(["id": "link-out", "file": "exhibits/link-out.pdf", "title": "A link out of the folder"])
        object["exhibits"] = exhibits
        try JSONSerialization.data(withJSONObject: object).write(to: caseFile)

        let out = client.deletingLastPathComponent().appendingPathComponent("filing").path
        let refused = try engross(["packet", "packets/t-visa", caseFile.path, "-o", out])
        #expect(refused.status == 1)
        for index in [1, 3, exhibits.count - 1] {
            #expect(refused.stderr.contains("exhibits[\(index)].file: names a file outside the case file's folder"), "\(index): \(refused.stderr)")
        }
        #expect(!refused.stderr.contains("exhibits[2].file"))
        #expect(refused.stderr.contains("pass --allow-outside-exhibits"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let allowed = try engross(["packet", "packets/t-visa", caseFile.path, "-o", out, "--allow-outside-exhibits"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let manifest = try manifest(out)
        let listed = try #require(manifest["exhibits"] as? [[String: Any]])
        #expect(listed.map { $0["relativeTo"] as? String } == exhibits.indices.map { $0 == 1 ? "absolute path" : "case file folder" })
        #expect(listed[1]["path"] as? String == elsewhere.appendingPathComponent("police-report.pdf").path)
        let caseEntry = try #require(manifest["case"] as? [String: Any])
        #expect(caseEntry["path"] as? String == "case.json" && caseEntry["relativeTo"] as? String == "case file folder")
    }

    // Item 19: folders Engross creates are 0700, like its files are 0600.
    @Test func createdFoldersAreOwnerOnly() throws {
        func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        let base = temporaryFolder().path
        #expect(try engross(["render", "letters/support", valid, "-f", "txt,md", "-o", base + "/render/new"]).status == 0)
        #expect(try engross(["batch", "letters/support", "Fixtures/cases/letters/support", "-o", base + "/batch/new", "-f", "txt", "-q"]).status == 1)
        #expect(try engross(["packet", "packets/t-visa", "Fixtures/packets/t-visa/case.json", "-o", base + "/packet/new", "--forms", "Fixtures/forms"]).status == 0)
        for folder in ["render", "render/new", "batch", "batch/new", "packet", "packet/new", "packet/new/documents"] {
            #expect(try mode(base + "/" + folder) == 0o700, "\(folder)")
        }
        #expect(try mode(base + "/render/new/valid.txt") == 0o600)
        #expect(try mode(base + "/packet/new/manifest.json") == 0o600)
    }

    // Item 19: with --redact, the PDF's outline (bookmarks) is redacted like its pages.
    @Test func theOutlineOfARedactedPDFNamesNoClient() throws {
        let folder = temporaryFolder()
        let fixture = "Fixtures/cases/t-visa/declaration/minimal.json"
        let name = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent(fixture)))
            as? [String: Any]).flatMap { ($0["declarant"] as? [String: Any])?["fullName"] as? String })
        for redact in [false, true] {
            let pdf = folder.appendingPathComponent("declaration-\(redact).pdf").path
            let run = try engross(["render", "t-visa/declaration", fixture, "-f", "pdf", "-o", pdf] + (redact ? ["--redact"] : []))
            #expect(run.status == 0, "\(run.stderr)")
            let qdf = folder.appendingPathComponent("qdf-\(redact).pdf").path
            #expect(try runTool(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf]).status == 0)
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self)
            let titles = text.split(separator: "\n").filter { $0.contains("/Title (") }.map(String.init)
            #expect(titles.contains { $0.contains("Declaration of ") }, "\(titles)")
            #expect(titles.contains { $0.contains(name) } == !redact, "\(titles)")
        }
    }
}
