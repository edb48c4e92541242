import CaseData
import Foundation
import TestSupport
import Testing

@testable import Engross

/// Regression tests for the hardening issue's items about the integrity of what a batch writes.
@Suite("Hardening: ledgers, names and folders")
struct HardeningIntegrityTests {
    private func folder() -> String {
        let path = NSTemporaryDirectory() + "engross-integrity-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private let entry = #"{"record":1,"file":"a.json","line":1,"status":"rendered","outputs":["a.txt"],"inputHash":"31423e8a42ca5a66","diagnostics":[],"failure":null}"#

    // Item 5: a ledger edited by hand is read without trusting it; bad entries are ignored, with a
    // warning naming the file and line.
    @Test func aTamperedLedgerIsReadWithoutTrustingIt() throws {
        let dir = folder()
        let bad = [
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":1e19"#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":-3"#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":2.5"#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":"4""#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":5"#).replacingOccurrences(of: #"["a.txt"]"#, with: #"["../../etc/passwd"]"#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":6"#).replacingOccurrences(of: #"["a.txt"]"#, with: #"[7]"#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":8"#).replacingOccurrences(of: "31423e8a42ca5a66", with: #"x\"y"#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":7"#),
        ]
        try ("{\"records\": [\n" + bad.joined(separator: ",\n") + "\n]}\n").write(toFile: dir + "/report.json", atomically: true, encoding: .utf8)
        let previous = Ledger.previous(in: dir)
        #expect(previous.records.keys.sorted() == [7])
        #expect(previous.warnings.count == 7)
        #expect(previous.warnings[0] == dir + "/report.json:2: \"record\" is not a record number (a whole number from 1 up); that entry is ignored")
        #expect(previous.warnings[4].hasPrefix(dir + "/report.json:6: record 5 has no input hash or outputs that are plain file names"))

        // Not JSON at all, or not a ledger: every record is rendered again, and the user is told.
        try "{\"records\": [ 1e999999".write(toFile: dir + "/report.json", atomically: true, encoding: .utf8)
        #expect(Ledger.previous(in: dir).records.isEmpty)
        #expect(Ledger.previous(in: dir).warnings.count == 1)
        try "[]".write(toFile: dir + "/report.json", atomically: true, encoding: .utf8)
        #expect(Ledger.previous(in: dir).warnings == [dir + "/report.json: holds no list of records; every record is rendered again"])
    }

    // Item 13: the journal of a run that did not finish is newer than report.json and wins; a
    // line cut short by the crash is skipped; a later entry for a record replaces an earlier one.
    @Test func theJournalOfAnUnfinishedRunWins() throws {
        let dir = folder()
        let second = entry.replacingOccurrences(of: #""record":1"#, with: #""record":2"#).replacingOccurrences(of: "a.txt", with: "b.txt")
        try ("{\"records\": [\n" + entry + ",\n" + second + "\n]}\n").write(toFile: dir + "/report.json", atomically: true, encoding: .utf8)
        let journal = [
            entry.replacingOccurrences(of: "31423e8a42ca5a66", with: "0000000000000001"),
            second.replacingOccurrences(of: #""status":"rendered""#, with: #""status":"failed""#),
            entry.replacingOccurrences(of: #""record":1"#, with: #""record":3"#).replacingOccurrences(of: "a.txt", with: "c.txt"),
            String(entry.prefix(40)),
        ]
        try journal.joined(separator: "\n").write(toFile: dir + "/" + LedgerJournal.name, atomically: true, encoding: .utf8)
        let previous = Ledger.previous(in: dir)
        #expect(previous.records.keys.sorted() == [1, 3])
        #expect(previous.records[1]?.hash == "0000000000000001")
        #expect(previous.records[3]?.outputs == ["c.txt"])
        #expect(previous.warnings.count == 1)
        #expect(previous.warnings[0].contains(LedgerJournal.name + ":4: not a whole record"))
    }

    // Item 12: a document is never given the name of a file the batch writes itself.
    @Test func namesOfTheBatchsOwnFilesAreReserved() throws {
        var namer = try FileNamer(pattern: "{role}")
        func record(_ role: String) -> BatchRecord { BatchRecord(number: 1, file: "x", line: 1, data: .object([("role", .string(role))])) }
        #expect(namer.name(for: record("combined")) == "combined-2")
        #expect(namer.name(for: record("Combined")) == "Combined-3")
        #expect(namer.name(for: record("report")) == "report-2")
        #expect(namer.name(for: record("report.journal")) == "report.journal-2")
        #expect(namer.name(for: record("case manager")) == "case-manager")
        var folderNamer = try FileNamer(pattern: nil)
        var fromFolder = BatchRecord(number: 1, file: "combined.json", line: 1, data: .object([]))
        fromFolder.suggestedName = "combined"
        #expect(folderNamer.name(for: fromFolder) == "combined-2")
    }

    // Item 19: folders Engross creates are readable by their owner only; existing ones are left alone.
    @Test func foldersAreCreatedOwnerOnly() throws {
        let dir = folder()
        try PrivateFolder.create(dir + "/a/b/c/")
        for path in ["/a", "/a/b", "/a/b/c"] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir + path)[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(path)")
        }
        let before = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
        try PrivateFolder.create(dir)
        #expect(try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int == before)
        try Data().write(to: URL(fileURLWithPath: dir + "/file"))
        #expect(throws: PrivateFolder.CreateError.self) { try PrivateFolder.create(dir + "/file") }
    }

    // Item 15: only names of exactly our form are ours.
    @Test func temporaryNamesAreRecognisedExactly() {
        #expect(TemporaryFiles.pid(inName: ".letter.pdf.123.456.tmp") == 123)
        #expect(TemporaryFiles.pid(inName: ".a.b.c.9.4294967295.tmp") == 9)
        for other in [".notes.tmp", "letter.pdf.123.456.tmp", "..123.456.tmp", ".x.123.tmp", ".x.12a.456.tmp", ".x.123.4294967296.tmp",
            ".x.-1.5.tmp", ".x.0.5.tmp", ".x.123.456.tmp.bak"]
        {
            #expect(TemporaryFiles.pid(inName: other) == nil, "\(other)")
        }
        let path = TemporaryFiles.path(beside: "/tmp/out/letter.pdf")
        #expect(path.hasPrefix("/tmp/out/.letter.pdf.\(getpid())."))
        #expect(TemporaryFiles.pid(inName: (path as NSString).lastPathComponent) == getpid())
    }
}
