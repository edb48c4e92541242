import Testing

@testable import CaseData

@Suite("JSON case files")
struct JSONCaseParserTests {
    private func parse(_ text: String) throws -> CaseValue {
        try JSONCaseParser.parse(Array(text.utf8), file: "case.json")
    }

    private func error(_ text: String) -> CaseFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as CaseFileError {
            return error
        } catch {
            return nil
        }
    }

    @Test func keepsKeyOrderAndPositions() throws {
        let value = try parse("{\n  \"b\": 1,\n  \"a\": {\"x\": [true, null, \"é\"]}\n}")
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a"])
        #expect(object.entry("b")?.keyPosition == SourcePosition(line: 2, column: 3))
        #expect(object["b"]?.position == SourcePosition(line: 2, column: 8))
        let list = try #require(value.value(at: FieldPath([.key("a"), .key("x")]))?.listValue)
        #expect(list.count == 3)
        #expect(list[2].stringValue == "é")
        #expect(list[2].position == SourcePosition(line: 3, column: 27))
    }

    @Test func numbersKeepTheirLiteral() throws {
        let value = try parse(#"{"amount": 1250.50, "count": -3, "big": 1e3}"#)
        #expect(value.objectValue?["amount"]?.kind == .number(1250.5, literal: "1250.50"))
        #expect(value.objectValue?["count"]?.kind == .number(-3, literal: "-3"))
        #expect(value.objectValue?["big"]?.kind == .number(1000, literal: "1e3"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try parse(#"{"s": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00"}"#)
        #expect(value.objectValue?["s"]?.stringValue == "a\"b\\c/d\n\té😀")
    }

    @Test func skipsByteOrderMark() throws {
        let value = try JSONCaseParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8), file: "x.json")
        #expect(value.objectValue?.keys == ["a"])
    }

    @Test func reportsLineAndColumnOfSyntaxErrors() {
        let missingComma = error("{\n  \"a\": 1\n  \"b\": 2\n}")
        #expect(missingComma?.position == SourcePosition(line: 3, column: 3))
        #expect(missingComma?.message.contains("expected ',' or '}'") == true)
        #expect(missingComma?.description.hasPrefix("case.json:3:3: error:") == true)

        let unquoted = error("{\"a\": yes}")
        #expect(unquoted?.position == SourcePosition(line: 1, column: 7))

        let unterminated = error("{\"a\": \"never closed")
        #expect(unterminated?.message.contains("closing double quote") == true)

        let trailing = error("{} {}")
        #expect(trailing?.position == SourcePosition(line: 1, column: 4))
    }

    @Test func syntaxErrorsNeverQuoteTheFile() {
        let failure = error("{\"name\": \"Secret Person\" \"x\": 1}")
        #expect(failure != nil)
        #expect(failure?.description.contains("Secret") == false)
        // A stray quote inside a sentence: the next letter must not be shown either.
        let stray = error("{\"story\": [\"She said \"Stop\" twice\"]}")
        #expect(stray?.message == "expected ',' or ']' after a list item but found a letter")
        #expect(error("{\"a\": 1 9}")?.message.hasSuffix("found a digit") == true)
    }

    @Test func refusesDuplicateKeys() {
        let failure = error("{\"a\": 1,\n \"a\": 2}")
        #expect(failure?.reason == .duplicateKey("a"))
        #expect(failure?.position == SourcePosition(line: 2, column: 2))
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(error(deep)?.reason == .tooDeep)
    }

    @Test func refusesRawNewlinesInStrings() {
        #expect(error("{\"a\": \"line\nbreak\"}")?.message.contains("\\n") == true)
    }
}
