import Foundation
import TestSupport
import Testing

/// The reproducers of the issue "[2/6] Hardening", run through the real command: each must end
/// with exit 0, 1 or 2 and a message, never with a signal.
@Suite("Hardening: the command", .serialized)
struct HardeningCLITests {
    private let petition = "Fixtures/cases/protective-order/petition/minimal.json"

    /// The petition's minimal case with `relief` replaced by `relief` (JSON text), on one line.
    private func petitionCase(relief: String) throws -> String {
        let json = try String(contentsOf: repositoryRoot.appendingPathComponent(petition), encoding: .utf8)
        let oneLine = json.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return oneLine.replacingOccurrences(of: #""relief": { "noContact": true }"#, with: #""relief": \#(relief)"#)
    }

    private let hugeSupport = #"{"noContact": true, "support": true, "supportAmount": 100000000000000000}"#

    @Test func hugeMoneyIsInvalidDataInRender() throws {
        let folder = temporaryFolder()
        let file = folder.appendingPathComponent("x.json").path
        try petitionCase(relief: hugeSupport).write(toFile: file, atomically: true, encoding: .utf8)
        let run = try engross(["render", "protective-order/petition", file, "-f", "txt", "-o", "-"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("relief.supportAmount (Monthly support asked for): is out of range"))
        #expect(run.stdout.isEmpty)
        let validate = try engross(["validate", "protective-order/petition", file])
        #expect(validate.status == 1)
    }

    @Test func hugeMoneyIsOneInvalidRecordOfABatch() throws {
        let folder = temporaryFolder()
        let lines = folder.appendingPathComponent("cases.jsonl").path
        try [petitionCase(relief: #"{"noContact": true}"#), petitionCase(relief: hugeSupport)].joined(separator: "\n")
            .write(toFile: lines, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let run = try engross(["batch", "protective-order/petition", lines, "-o", out, "-f", "txt"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("1 rendered, 1 invalid"))
        let ledger = try String(contentsOfFile: out + "/report.csv", encoding: .utf8)
        #expect(ledger.split(separator: "\r\n").contains { $0.hasPrefix("2,") && $0.contains("relief.supportAmount") && $0.contains("[out-of-range]") })
        let resumed = try engross(["batch", "protective-order/petition", lines, "-o", out, "-f", "txt", "--resume"])
        #expect(resumed.status == 1)
        #expect(resumed.stderr.contains("0 rendered, 1 invalid, 0 failed, 1 skipped"))
    }

    @Test func aHugeMoneyCellOfACSVIsInvalid() throws {
        let folder = temporaryFolder()
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("t"), withIntermediateDirectories: true)
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="t/money" version="1.0.0">
              <meta><title>Money</title></meta>
              <fields><field name="amount" type="money" required="true"/></fields>
              <body><p>Amount: <value of="amount"/></p></body>
            </template>
            """.write(to: templates.appendingPathComponent("t/money.xml"), atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("rows.csv").path
        try "amount\n\"$1,250.50\"\n\"$100,000,000,000,000,000\"\n92233720368547758.07\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let run = try engross(["batch", "t/money", csv, "-o", out, "-f", "txt", "--templates", templates.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("2 rendered, 1 invalid"))
        let ledger = try String(contentsOfFile: out + "/report.csv", encoding: .utf8)
        #expect(ledger.split(separator: "\r\n").contains { $0.hasPrefix("2,") && $0.contains("[out-of-range]") })
        let texts = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".txt") }.sorted()
            .map { try String(contentsOfFile: out + "/" + $0, encoding: .utf8) }.joined()
        #expect(texts.contains("Amount: $1,250.50") && texts.contains("Amount: $92,233,720,368,547,758.07"))
    }

    @Test func aHugeIndexDoesNotTakeLintDown() throws {
        let folder = temporaryFolder()
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("x"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates/engross.rng"),
            to: templates.appendingPathComponent("engross.rng"))
        func write(_ id: String, fields: String, body: String) throws {
            try """
                <?xml version="1.0" encoding="UTF-8"?>
                <template xmlns="urn:engross:template:1" id="x/\(id)" version="1.0.0">
                  <meta><title>T</title></meta>
                  <fields>\(fields)</fields>
                  <body>\(body)</body>
                </template>
                """.write(to: templates.appendingPathComponent("x/\(id).xml"), atomically: true, encoding: .utf8)
        }
        try write("index", fields: #"<list name="name"><field name="a"/></list>"#, body: #"<p><value of="name[99999999999999999999].a"/></p>"#)
        // Each term on a line of its own (XML reads a line break in an attribute as a space): the
        // message then shows the short line of <if under it, and the runner's pipe never fills.
        let ors = Array(repeating: "a", count: 100_000).joined(separator: " or\n")
        try write("ors", fields: #"<field name="a" type="boolean"/>"#, body: "<if\ntest=\"\(ors)\"><p>x</p></if>")
        let nots = String(repeating: "not\n", count: 100_000) + "a"
        try write("nots", fields: #"<field name="a" type="boolean"/>"#, body: "<if\ntest=\"\(nots)\"><p>x</p></if>")
        try write("fine", fields: #"<field name="a"/>"#, body: #"<p><value of="a"/></p>"#)
        let run = try engross(["lint", "--templates", templates.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("x/index.xml:5: error: in of=\"name[99999999999999999999].a\""))
        // libxml2 numbers an element by the line its start tag ends on.
        #expect(run.stderr.contains("x/ors.xml:100005: error: in test=\"a or a or") && run.stderr.contains("longer than 2000 characters"))
        #expect(run.stderr.contains("x/nots.xml:100006: error: in test=\"not not"))
        #expect(run.stderr.contains("4 templates checked, 3 problems"))
    }

    @Test func includeFanOutEndsEveryCommand() throws {
        let folder = temporaryFolder()
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("f"), withIntermediateDirectories: true)
        for index in 0..<30 {
            let next = index < 29 ? "<include template=\"f/t\(index + 1)\"/><include template=\"f/t\(index + 1)\"/>" : ""
            try """
                <?xml version="1.0" encoding="UTF-8"?>
                <template xmlns="urn:engross:template:1" id="f/t\(index)" version="1.0.0">
                  <meta><title>Piece \(index)</title></meta>
                  <body><p>x</p>\(next)</body>
                </template>
                """.write(to: templates.appendingPathComponent("f/t\(index).xml"), atomically: true, encoding: .utf8)
        }
        let caseFile = folder.appendingPathComponent("case.json").path
        try "{}".write(toFile: caseFile, atomically: true, encoding: .utf8)
        let list = try engross(["list", "--templates", templates.path])
        #expect(list.status == 0)
        #expect(list.stdout.contains("f/t0") && list.stdout.contains("has problems"))
        for arguments in [["fields", "f/t14"], ["render", "f/t14", caseFile, "-f", "txt", "-o", "-"], ["lint", "f/t14"]] {
            let run = try engross(arguments + ["--templates", templates.path])
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty || arguments[0] == "lint")
        }
        let lint = try engross(["lint", "f/t14", "--templates", templates.path])
        #expect(lint.stderr.contains("with its includes, f/t14 grows past 100,000 elements"))
    }

    @Test func anAmplifiedYAMLCaseIsRefused() throws {
        let folder = temporaryFolder()
        let valid = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/valid.yaml"), encoding: .utf8)
        let big = "  - description: &big \"" + String(repeating: "A", count: 1_000_000) + "\"\n"
        let amplified = valid.replacingOccurrences(of: "services:\n", with: "services:\n" + big + String(repeating: "  - description: *big\n", count: 1999))
        let file = folder.appendingPathComponent("case.yaml").path
        try amplified.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try engross(["render", "letters/support", file, "-f", "txt", "-o", "-"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("case.yaml:25:18: error: YAML aliases (*name) make this case file more than twice its size"))
        #expect(run.stdout.isEmpty)
    }

    @Test func nestedAlternationInAPatternChecksValuesAtOnce() throws {
        let folder = temporaryFolder()
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("t"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates/engross.rng"),
            to: templates.appendingPathComponent("engross.rng"))
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="t/code" version="1.0.0">
              <meta><title>Code</title></meta>
              <fields>
                <field name="a" pattern="(a|a)*b"/>
                <field name="b" pattern="(a|aa)+b"/>
              </fields>
              <body><p><value of="a"/> <value of="b"/></p></body>
            </template>
            """.write(to: templates.appendingPathComponent("t/code.xml"), atomically: true, encoding: .utf8)
        #expect(try engross(["lint", "t/code", "--templates", templates.path]).status == 0)
        // 40 characters: a backtracking engine would try 2^40 ways for the first field.
        let value = String(repeating: "a", count: 40)
        let caseFile = folder.appendingPathComponent("case.json").path
        try #"{"a": "\#(value)", "b": "\#(value)b"}"#.write(toFile: caseFile, atomically: true, encoding: .utf8)
        let run = try engross(["validate", "t/code", caseFile, "--templates", templates.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("case.json:1:7: error: a (A): \"\(value)\" does not have the expected form"))
        #expect(!run.stderr.contains("b (B)"))
    }

    @Test func aNarrativeTooLongForPDFIsRefusedNotCut() throws {
        let folder = temporaryFolder()
        let valid = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/valid.json"), encoding: .utf8)
        let paragraph = (0..<150).map { "word\($0)" }.joined(separator: " ")
        let narrative = Array(repeating: paragraph, count: 4000).joined(separator: "\\n\\n")
        let file = folder.appendingPathComponent("long.json").path
        let json = valid.replacingOccurrences(of: #""observations": ""#, with: #""observations": "\#(narrative)\\n\\n"#)
        #expect(json.utf8.count > 4_000_000)
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        let pdf = try engross(["render", "letters/support", file, "-f", "pdf", "-o", folder.appendingPathComponent("out").path])
        #expect(pdf.status == 2)
        #expect(pdf.stderr.contains("a PDF is set from at most 4 MB"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/long.pdf").path))
        let txt = try engross(["render", "letters/support", file, "-f", "txt", "-o", folder.appendingPathComponent("out").path])
        #expect(txt.status == 0)
    }

    @Test func aHugeExhibitImageIsRefusedBeforeDecoding() throws {
        let folder = temporaryFolder()
        let fixture = repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa")
        for name in ["case.json", "exhibits"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        // The header of a 20,000 × 20,000 PNG: refused from it, so the rest need not be an image.
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        let header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + bigEndian(20_000) + bigEndian(20_000) + [8, 0, 0, 0, 0] + Array(repeating: 0, count: 64)
        try Data(header).write(to: folder.appendingPathComponent("exhibits/debt-ledger.png"))
        let run = try engross(["packet", "packets/t-visa", folder.appendingPathComponent("case.json").path, "-o",
            folder.appendingPathComponent("out").path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("exhibits[2].file: names a file that is an image of 20000 × 20000 pixels"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
