import CaseData
import Foundation
import Templating
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

    @Test func hashesTellChanges() {
        #expect(Ledger.hash("a") == Ledger.hash("a"))
        #expect(Ledger.hash("a") != Ledger.hash("b"))
        #expect(Ledger.hash("").count == 16)
    }
}
