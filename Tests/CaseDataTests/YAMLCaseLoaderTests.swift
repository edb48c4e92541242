import Foundation
import Testing

@testable import CaseData

@Suite("YAML case files")
struct YAMLCaseLoaderTests {
    @Test func readsScalarsByTheCoreSchema() throws {
        let value = try YAMLCaseLoader.parse("""
            country: no
            zip: 02134
            count: 3
            amount: 12.50
            flag: true
            empty:
            quoted: "true"
            """, file: "case.yaml")
        let object = try #require(value.objectValue)
        #expect(object["country"]?.stringValue == "no")
        #expect(object["zip"]?.stringValue == "02134")
        #expect(object["count"]?.kind == .number(3, literal: "3"))
        #expect(object["amount"]?.kind == .number(12.5, literal: "12.50"))
        #expect(object["flag"]?.kind == .bool(true))
        #expect(object["empty"]?.isNull == true)
        #expect(object["quoted"]?.stringValue == "true")
    }

    @Test func keepsPositions() throws {
        let value = try YAMLCaseLoader.parse("client:\n  fullName: Rosa\nservices:\n  - description: x\n", file: "case.yaml")
        let object = try #require(value.objectValue)
        #expect(object.entry("services")?.keyPosition == SourcePosition(line: 3, column: 1))
        let client = try #require(object["client"]?.objectValue)
        #expect(client["fullName"]?.position == SourcePosition(line: 2, column: 13))
    }

    @Test func stopsAnAliasBomb() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: CaseFileError.self) { _ = try YAMLCaseLoader.parse(yaml, file: "bomb.yaml") }
        #expect(clock.now - started < .seconds(5))
    }

    @Test func smallAliasesStillWork() throws {
        let value = try YAMLCaseLoader.parse("a: &x [1, 2]\nb: *x\n", file: "ok.yaml")
        #expect(value.objectValue?["b"]?.listValue?.count == 2)
    }

    @Test func reportsSyntaxErrorsWithPosition() {
        do {
            _ = try YAMLCaseLoader.parse("a: [1, 2\nb: 3\n", file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.position != nil)
            #expect(error.description.hasPrefix("bad.yaml:"))
        }
    }

    @Test func refusesDuplicateKeysWithTheirPlace() {
        do {
            _ = try YAMLCaseLoader.parse("a: 1\nb: 2\na: 3\n", file: "dup.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .duplicateKey("a"))
            #expect(error.position != nil)
        }
    }

    @Test func tabsForIndentationGetAHint() {
        do {
            _ = try YAMLCaseLoader.parse("client:\n\tname: x\n", file: "tabs.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("indent with spaces"))
        }
    }

    @Test func emptyDocumentIsAnEmptyObject() throws {
        #expect(try YAMLCaseLoader.parse("", file: "e.yaml").objectValue?.isEmpty == true)
    }
}

/// A case exported as YAML reads back as the same case: strings that look like other things stay text.
@Suite struct YAMLExportTests {
    @Test func anExportedCaseReadsBackTheSame() throws {
        let json = #"{"name": "no", "date": "2025-03-04", "zip": "01234", "count": 12, "fee": 1250.5, "flag": true, "none": null, "#
            + #""story": "Line one.\n\nLine: two # not a comment", "list": [{"a": "yes"}, {"b": []}], "empty": {}, "quote": "\"x\" 'y'"}"#
        let value = try JSONCaseParser.parse(Array(json.utf8), file: "c.json")
        let yaml = value.yamlText()
        let back = try CaseFile.parse(Data(yaml.utf8), format: .yaml, file: "c.yaml")
        #expect(back.jsonText() == value.jsonText(), "\(yaml)")
    }
}
