import CaseData
import Foundation
import Templating
import TestSupport
import Testing

@testable import Engross

@Suite("Batch inputs, names and ledgers")
struct BatchTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    private func write(_ text: String, named name: String) -> String {
        let folder = NSTemporaryDirectory() + "engross-batch-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func csvCellsBecomeTypedValuesAtTheirPaths() throws {
        let template = try engine.prepare("letters/support").template
        let path = write("""
            \u{FEFF}client.fullName,consentToShare,letterDate,services[1].description,services[0].description,notAField
            "Doe, Jane",yes,3/4/2026,"Two
            lines",First,x
            Roe,maybe,2026-13-01,,,
            """, named: "cases.csv")
        var source = try BatchInput.open(path, template: template)
        #expect((source as? CSVRecordsInfo)?.unknownColumns == ["notAField"])
        let first = try #require(try source.next())
        #expect(first.line == 2)
        let data = try #require(first.data)
        #expect(data.value(at: FieldPath([.key("client"), .key("fullName")]))?.stringValue == "Doe, Jane")
        #expect(data.value(at: FieldPath([.key("consentToShare")]))?.kind == .bool(true))
        #expect(data.value(at: FieldPath([.key("letterDate")]))?.stringValue == "2026-03-04")
        #expect(data.value(at: FieldPath([.key("services"), .index(1), .key("description")]))?.stringValue == "Two\nlines")
        #expect(data.value(at: FieldPath([.key("services"), .index(0), .key("description")]))?.stringValue == "First")
        #expect(data.objectValue?["notAField"] == nil)
        let second = try #require(try source.next())
        #expect(second.line == 4)  // the quoted cell above spans two lines
        #expect(second.data?.value(at: FieldPath([.key("consentToShare")]))?.stringValue == "maybe")
        #expect(second.data?.value(at: FieldPath([.key("letterDate")]))?.position == SourcePosition(line: 4, column: 3))
        #expect(second.data?.objectValue?["services"] == nil)  // empty cells are absent
        #expect(try source.next() == nil)
    }

    @Test func badHeaderIsAnInputError() throws {
        let template = try engine.prepare("letters/support").template
        #expect(throws: BatchInputError.self) { _ = try BatchInput.open(write("client..name\nx\n", named: "bad.csv"), template: template) }
        #expect(throws: BatchInputError.self) { _ = try BatchInput.open(write("{}", named: "one.json"), template: template) }
        #expect(throws: BatchInputError.self) { _ = try BatchInput.open(write("x", named: "cases.txt"), template: template) }
    }

    @Test func jsonLinesKeepLineNumbers() throws {
        let template = try engine.prepare("letters/support").template
        var source = try BatchInput.open(write("{\"visa\": \"t\"}\n\n{\"visa\": \n \"u\"\n{broken\n", named: "cases.jsonl"), template: template)
        #expect(try source.next()?.line == 1)
        let second = try #require(try source.next())
        #expect(second.line == 3)
        #expect(second.data == nil)
        #expect(second.readProblems.first?.code == .unreadable)
    }

    @Test func namesAreSafeAndUnique() throws {
        var namer = try FileNamer(pattern: "{client.lastName}-{client.firstName}")
        func record(_ last: String, _ first: String, number: Int = 1) -> BatchRecord {
            BatchRecord(number: number, file: "x", line: 1, data: .object([("client", .object([("lastName", .string(last)), ("firstName", .string(first))]))]))
        }
        #expect(namer.name(for: record("Doe", "Jane")) == "Doe-Jane")
        #expect(namer.name(for: record("doe", "jane")) == "doe-jane-2")
        #expect(namer.name(for: record("../../etc", "passwd")) == "etc-passwd")
        #expect(namer.name(for: record("Nguyễn", "Thị: Ví*Dụ?")) == "Nguyễn-Thị-Ví-Dụ")
        #expect(namer.name(for: record("", "", number: 42)) == "000042")
        #expect(namer.name(for: record("CON", "")) == "_CON")
        #expect(throws: BatchInputError.self) { _ = try FileNamer(pattern: "{unclosed") }
    }

    @Test func ledgerCellsNeverRunAsFormulas() {
        #expect(Ledger.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(Ledger.cell("+1") == "'+1")
        #expect(Ledger.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(Ledger.cell("plain") == "plain")
        #expect(Ledger.cell("a,b") == "\"a,b\"")
    }

    @Test func inputHashIsTheSameInEveryRun() {
        // Pinned: FNV-1a over the salt and the value's canonical form (computed independently);
        // a hash seeded per process (Swift's Hasher) would make --resume redo every record.
        let value = CaseValue.object([("visa", .string("t")), ("services", .list([CaseValue(.number(1250.5, literal: "1250.50"))]))])
        #expect(Ledger.inputHash(of: value, salt: "letters/support@1.0.0|docx|") == "98d3742fb3d88f4d")
    }

    @Test func inputHashTellsChanges() throws {
        let salt = "letters/support@1.0.0|docx|"
        let text = try String(contentsOfFile: repositoryRoot.path + "/Fixtures/cases/letters/support/valid.json", encoding: .utf8)
        let data = try JSONCaseParser.parse(Array(text.utf8), file: "a.json")
        let hash = Ledger.inputHash(of: data, salt: salt)
        // The same data read again, from another place in a file, is the same record.
        var moved = try JSONCaseParser.parse(Array(("\n\n" + text).utf8), file: "b.json")
        moved.shiftLines(by: 10)
        #expect(Ledger.inputHash(of: moved, salt: salt) == hash)
        #expect(hash.count == 16)
        // Any change to the data, the template or the formats is a change.
        var changed = data
        changed.set(.string("Someone Else"), at: FieldPath([.key("client"), .key("fullName")]))
        #expect(Ledger.inputHash(of: changed, salt: salt) != hash)
        #expect(Ledger.inputHash(of: data, salt: "letters/support@1.0.1|docx|") != hash)
        #expect(Ledger.inputHash(of: data, salt: "letters/support@1.0.0|docx,pdf|") != hash)
        #expect(Ledger.inputHash(of: nil, salt: salt) != Ledger.inputHash(of: .object([]), salt: salt))
        // Values that would run together, or that read the same as text, stay apart.
        func hashOf(_ value: CaseValue) -> String { Ledger.inputHash(of: value, salt: salt) }
        #expect(hashOf(.list([.string("ab"), .string("c")])) != hashOf(.list([.string("a"), .string("bc")])))
        #expect(hashOf(.object([("a", .string("b"))])) != hashOf(.object([("ab", .string(""))])))
        #expect(hashOf(.string("1")) != hashOf(.number(1)))
        #expect(hashOf(.string("true")) != hashOf(.bool(true)))
        #expect(hashOf(.list([.list([]), .list([.null])])) != hashOf(.list([.list([.null]), .list([])])))
        #expect(hashOf(.object([("a", .null), ("b", .null)])) != hashOf(.object([("b", .null), ("a", .null)])))
    }

    @Test func resumeRendersAgainOnlyTheRecordsThatChanged() throws {
        let prepared = try engine.prepare("letters/support")
        let text = try String(contentsOfFile: repositoryRoot.path + "/Fixtures/cases/letters/support/valid.json", encoding: .utf8)
        let base = try JSONCaseParser.parse(Array(text.utf8), file: "valid.json")
        func lines(_ names: [String]) -> String {
            names.map { name in
                var record = base
                record.set(.string(name), at: FieldPath([.key("client"), .key("fullName")]))
                return record.jsonText(pretty: false)
            }.joined(separator: "\n") + "\n"
        }
        let input = write(lines(["Ana Example", "Ben Example", "Cruz Example"]), named: "cases.jsonl")
        let out = (input as NSString).deletingLastPathComponent + "/out"
        func run(resume: Bool) throws -> BatchProgress {
            var source = try BatchInput.open(input, template: prepared.template)
            let options = BatchOptions(formats: [.txt], outputFolder: out, jobs: 2, resume: resume)
            return try BatchRunner(template: prepared, options: options).run(&source, report: { _ in }, stop: { false })
        }
        #expect(try run(resume: false).rendered == 3)
        let unchanged = try run(resume: true)
        #expect(unchanged.skipped == 3 && unchanged.rendered == 0)
        try lines(["Ana Example", "Bea Changed", "Cruz Example"]).write(toFile: input, atomically: true, encoding: .utf8)
        let resumed = try run(resume: true)
        #expect(resumed.skipped == 2 && resumed.rendered == 1)
        #expect(try String(contentsOfFile: out + "/000002.txt", encoding: .utf8).contains("Bea Changed"))
    }
}

@Suite("Spreadsheet mistakes a batch must catch")
struct SpreadsheetMistakeTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    private func open(_ bytes: [UInt8]) throws -> any RecordSource {
        let folder = NSTemporaryDirectory() + "engross-sheet-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/rows.csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try BatchInput.open(path, template: try engine.prepare("letters/support").template)
    }

    @Test func windowsEncodedFilesAreRefused() throws {
        // "Ñandú" in Windows-1252, as Excel's plain "CSV (Comma delimited)" writes it.
        let bytes = Array("client.fullName,role\n".utf8) + [0xD1, 0x61, 0x6E, 0x64, 0xFA] + Array(",x\n".utf8)
        #expect { _ = try open(bytes) } throws: { ($0 as? BatchInputError)?.message.contains("not UTF-8") == true && ($0 as? BatchInputError)?.line == 2 }
    }

    @Test func unclosedQuotesAreRefused() throws {
        let bytes = Array("client.fullName,role\n\"Doe, Jane,x\nRoe,y\n".utf8)
        #expect { _ = try open(bytes) } throws: { ($0 as? BatchInputError)?.message.contains("never closed") == true }
    }

    @Test func aQuotedFirstHeaderCellAfterAByteOrderMark() throws {
        var source = try open([0xEF, 0xBB, 0xBF] + Array("\"client.fullName\",role\n\"Doe, Jane\",x\n".utf8))
        #expect(try source.next()?.data?.value(at: FieldPath([.key("client"), .key("fullName")]))?.stringValue == "Doe, Jane")
    }

    @Test func aQuoteInsideAnUnquotedCellIsText() throws {
        var source = try open(Array("client.fullName,role\nDoe,5\" tall\nRoe,y\n".utf8))
        #expect(try source.next()?.data?.objectValue?["role"]?.stringValue == "5\" tall")
        #expect(try source.next()?.line == 3)
    }

    @Test func raggedRowsAreReadAsNothing() throws {
        var source = try open(Array("client.fullName,role\nDoe, Jane,case manager\nRoe,x\n".utf8))
        let ragged = try #require(try source.next())
        #expect(ragged.data == nil)
        #expect(ragged.readProblems.first?.message.contains("3 cells but the header has 2") == true)
        #expect(ragged.readProblems.first.map { "\($0.message) \($0.help ?? "")" }?.contains("Jane") == false)
        #expect(try source.next()?.data != nil)
    }

    @Test func emptyRowsAreNoRecords() throws {
        var source = try open(Array("client.fullName,role\nDoe,x\n,\n\nRoe,y\n".utf8))
        #expect(try source.next()?.number == 1)
        let second = try #require(try source.next())
        #expect(second.number == 2 && second.line == 5)
        #expect(try source.next() == nil)
    }

    @Test func duplicateAndMisspelledHeaders() throws {
        #expect(throws: BatchInputError.self) { _ = try open(Array("role,role\nx,y\n".utf8)) }
        let source = try open(Array("organization.phnoe,role\nx,y\n".utf8))
        #expect((source as? CSVRecordsInfo)?.unknownColumns == ["organization.phnoe (did you mean organization.phone?)"])
    }

    @Test func impossibleSpreadsheetDatesSayWhy() throws {
        var source = try open(Array("letterDate\n2/30/2025\n".utf8))
        let data = try #require(try source.next()?.data)
        let problems = try engine.prepare("letters/support").validate(data, file: "rows.csv")
        #expect(problems.first { $0.path == "letterDate" }?.message.contains("February 2025 has 28 days") == true)
    }

    @Test func helpSpeaksOfColumns() throws {
        var source = try open(Array("role,client.fullName\n,Doe\n".utf8))
        let record = try #require(try source.next())
        let problems = try engine.prepare("letters/support").validate(try #require(record.data), file: "rows.csv")
            .map { BatchRunner.forSpreadsheet($0, columns: record.columns) }
        #expect(problems.first { $0.path == "role" }?.help == "fill in column 1 (role)")
        #expect(problems.first { $0.path == "knownSince" }?.help == "add a column headed knownSince")
    }
}
