import Testing

@testable import CaseData

@Suite("Case values as JSON")
struct CaseValueJSONTests {
    @Test func writesPrettyJSONInKeyOrder() {
        let value = CaseValue.object([
            ("b", .string("q\"uote\n")), ("a", .list([.number(1), .bool(false), .null])), ("e", .object([])), ("l", .list([])),
        ])
        #expect(value.jsonText() == """
            {
              "b": "q\\"uote\\n",
              "a": [
                1,
                false,
                null
              ],
              "e": {},
              "l": []
            }

            """)
    }

    @Test func roundTripsThroughTheParser() throws {
        let value = CaseValue.object([("name", .string("Ñoño \u{1}")), ("n", .number(2.5))])
        let parsed = try JSONCaseParser.parse(Array(value.jsonText().utf8), file: "x")
        #expect(parsed.objectValue?["name"]?.stringValue == "Ñoño \u{1}")
        #expect(parsed.objectValue?["n"]?.kind == .number(2.5, literal: "2.5"))
    }
}
