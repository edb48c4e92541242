import Foundation
import Testing

@testable import CaseData

@Suite("Hardening: exact numbers")
struct CaseDataHardeningTests {
    @Test func wholeNumbersAreReadExactlyUpToInt64() {
        #expect(ExactNumber.read("9223372036854775807") == .value(.max))
        #expect(ExactNumber.read("-9223372036854775808") == .value(.min))
        #expect(ExactNumber.read("9223372036854775808") == .tooLarge)
        #expect(ExactNumber.read("-9223372036854775809") == .tooLarge)
        #expect(ExactNumber.read("1e300") == .tooLarge)
        #expect(ExactNumber.read("1e999999999999999999") == .tooLarge)
        #expect(ExactNumber.read("1e3") == .value(1000))
        #expect(ExactNumber.read("12.0") == .value(12))
        #expect(ExactNumber.read("1.5") == .fractional)
        #expect(ExactNumber.read("1e-300") == .fractional)
        #expect(ExactNumber.read("0.000e-5") == .value(0))
        #expect(ExactNumber.read("00042") == .value(42))
        #expect(ExactNumber.read("+7") == .value(7))
        for text in ["", "-", ".", "1e", "0x10", "inf", "nan", "1.2.3", "12 "] {
            #expect(ExactNumber.read(text) == .notANumber, "\(text)")
        }
    }

    @Test func centsAreReadExactly() {
        #expect(ExactNumber.read("92233720368547758.07", scale: 2) == .value(.max))
        #expect(ExactNumber.read("92233720368547758.08", scale: 2) == .tooLarge)
        #expect(ExactNumber.read("100000000000000000", scale: 2) == .tooLarge)
        #expect(ExactNumber.read("1250.5", scale: 2) == .value(125050))
        #expect(ExactNumber.read("1250.555", scale: 2) == .fractional)
    }

    @Test func aLargeIntegerKeepsItsDigitsThroughTheJSONParser() throws {
        let value = try JSONCaseParser.parse(Array(#"{"n": 9223372036854775807, "m": 1e300}"#.utf8), file: "x.json")
        #expect(value.objectValue?["n"]?.exactInteger == .max)
        #expect(value.objectValue?["m"]?.exactInteger == nil)
        // Whole doubles print as digits, not with an exponent.
        #expect(CaseValue.formatNumber(1e17) == "100000000000000000")
        #expect(CaseValue(numeral: "9223372036854775807")?.kind == .number(9.223372036854775807e18, literal: "9223372036854775807"))
        #expect(CaseValue(numeral: "1e400") == nil && CaseValue(numeral: "nan") == nil)
    }
}

@Suite("Hardening: long JSON text")
struct JSONTextHardeningTests {
    /// Runs of plain text are taken at once; positions after them still count characters.
    @Test func positionsAfterALongRunCountCharacters() throws {
        let story = String(repeating: "é日本 ", count: 100_000)
        let value = try JSONCaseParser.parse(Array(#"{"story": "\#(story)\"q\"", "n": 1}"#.utf8), file: "x.json")
        #expect(value.objectValue?["story"]?.stringValue == story + "\"q\"")
        // {"story": " is 11 characters, then the story, \"q\" (5) and ", " (3).
        #expect(value.objectValue?.entry("n")?.keyPosition == SourcePosition(line: 1, column: 11 + story.count + 5 + 3 + 1))
    }
}

@Suite("Hardening: YAML aliases")
struct YAMLHardeningTests {
    /// A 1 MB text named by 2,000 aliases: 2 GB once expanded.
    @Test func aliasesCountTheBytesTheyExpandTo() {
        let yaml = "big: &big \"" + String(repeating: "A", count: 1_000_000) + "\"\nlist:\n"
            + String(repeating: "  - *big\n", count: 2000)
        do {
            _ = try YAMLCaseLoader.parse(yaml, file: "amplified.yaml")
            Issue.record("an amplified case file was read")
        } catch {
            #expect(error.description.contains("amplified.yaml:"))
            #expect(error.description.contains("YAML aliases (*name) make this case file more than twice its size"))
            // It stops at the alias that passes the limit (the third): line 3 + 2.
            #expect(error.position?.line == 5)
        }
    }

    /// Yams hashes mapping keys to find duplicates; an alias bomb as a key would hang it.
    @Test func anAliasBombAsAKeyIsRefusedBeforeYamsSeesIt() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "k:\n  ? *a9\n  : 1\n"
        #expect(throws: CaseFileError.self) { _ = try YAMLCaseLoader.parse(yaml, file: "keys.yaml") }
    }

    @Test func textWithoutAliasesAndModestAliasesPass() throws {
        let long = "story: \"" + String(repeating: "word ", count: 600_000) + "\"\n"
        #expect(try YAMLCaseLoader.parse(long, file: "long.yaml").objectValue?["story"]?.stringValue?.utf8.count == 3_000_000)
        let address = "home: &home {line1: \"1 Example Street\", city: Sampleton}\nmail: *home\nwork: *home\n"
        let value = try YAMLCaseLoader.parse(address, file: "ok.yaml")
        #expect(value.objectValue?["work"]?.objectValue?["city"]?.stringValue == "Sampleton")
    }

    @Test func theMeasureFollowsRedefinedAnchors() {
        let yaml = "a: &x \"12345\"\nb: &x \"1\"\nc: *x\n"
        let (size, stop) = YAMLExpansion.measure(yaml, limits: .init(values: 100, bytes: 100))
        #expect(stop == nil)
        // Keys a, b, c (3 bytes), "12345", "1" and the alias of the second (1 byte): 10 bytes.
        #expect(size == YAMLExpansion.Size(values: 7, bytes: 10))
    }
}

@Suite("Hardening: case file size")
struct CaseFileSizeTests {
    /// A case file past the limit is refused after reading at most one byte more than the limit
    /// (the file here is sparse: 3 GB that take no disk).
    @Test func aHugeCaseFileIsRefusedWithoutReadingItWhole() throws {
        let path = NSTemporaryDirectory() + "engross-huge-\(UUID().uuidString).json"
        FileManager.default.createFile(atPath: path, contents: Data("{\"a\": \"".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        do {
            _ = try CaseFile.load(path: path)
            Issue.record("a 3 GB case file was read")
        } catch {
            #expect(error.reason == .tooLarge)
            #expect(error.description == "\(path): error: the case file is larger than 64 MB, the most Engross reads; shorten its narratives")
        }
    }

    /// A file of exactly the limit is read (its first byte then fails to parse, which is quick).
    @Test func aFileAtTheLimitIsRead() throws {
        let path = NSTemporaryDirectory() + "engross-limit-\(UUID().uuidString).json"
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(CaseFile.maximumBytes))
        try handle.close()
        #expect(throws: CaseFileError.self) { _ = try CaseFile.load(path: path) }
        do { _ = try CaseFile.load(path: path) } catch { #expect(error.reason != .tooLarge) }
    }
}
