import CaseData
import Testing

@testable import Templating

@Suite("The expression language")
struct ExpressionTests {
    private let root: CaseObject = {
        let value = try! JSONCaseParser.parse(Array("""
            {"visa": "u", "agency": "", "count": 3, "born": "2006-06-15", "first": "2024-03-01",
             "crimes": ["stalking", "fraud"], "kids": [{"name": "A"}, {"name": "B"}], "ok": true}
            """.utf8), file: "x")
        return value.objectValue!
    }()

    private func eval(_ text: String) throws -> RuntimeValue {
        ExpressionEvaluator(today: testToday).evaluate(try ExpressionParser.parse(text), in: Scope(root: root))
    }

    @Test func blankTextIsEmpty() {
        for blank in ["", " ", " \n\t ", "\u{00A0}", "\u{3000} "] { #expect(RuntimeValue.string(blank).isEmpty, "\(Array(blank.unicodeScalars))") }
        for text in ["x", "  x", ".", "\u{00A0}é", "名前", "\u{7F}"] { #expect(!RuntimeValue.string(text).isEmpty, "\(text)") }
        #expect(RuntimeValue.list([.string(" "), .null]).isEmpty)
        #expect(!RuntimeValue.list([.string(" "), .string("a")]).isEmpty)
    }

    @Test func comparesAndCombines() throws {
        #expect(try eval("visa == 'u'") == .bool(true))
        #expect(try eval("visa != \"u\"") == .bool(false))
        #expect(try eval("visa == 'u' and not empty(agency)") == .bool(false))
        #expect(try eval("visa == 't' or count > 2") == .bool(true))
        #expect(try eval("!(count >= 3) || ok && true") == .bool(true))
        #expect(try eval("count + 2 - 1") == .number(4))
        #expect(try eval("-1 < 0") == .bool(true))
    }

    @Test func precedenceIsOrThenAndThenNot() throws {
        #expect(try ExpressionParser.parse("a or b and not c") ==
            .or(.path(PathExpression(head: "a")), .and(.path(PathExpression(head: "b")), .not(.path(PathExpression(head: "c"))))))
    }

    @Test func pathsWithIndexes() throws {
        #expect(try eval("kids[1].name") == .string("B"))
        #expect(try eval("kids[5].name") == .null)
        #expect(try ExpressionParser.parse("incidents[2].date") ==
            .path(PathExpression(head: "incidents", rest: [.index(2), .key("date")])))
    }

    @Test func functions() throws {
        #expect(try eval("exists(visa)") == .bool(true))
        #expect(try eval("exists(agency)") == .bool(false))
        #expect(try eval("exists(nothing.here)") == .bool(false))
        #expect(try eval("empty(crimes)") == .bool(false))
        #expect(try eval("count(kids)") == .number(2))
        #expect(try eval("count(missing)") == .number(0))
        #expect(try eval("contains(crimes, 'fraud')") == .bool(true))
        #expect(try eval("contains(crimes, 'murder')") == .bool(false))
        #expect(try eval("today()") == .date(testToday))
        #expect(try eval("age(born, first)") == .number(17))
        #expect(try eval("age(born)") == .number(20))
        #expect(try eval("addMonths(first, 6)") == .date(CivilDate(iso: "2024-09-01")!))
        #expect(try eval("addMonths('2025-08-31', 6) == '2026-02-28'") == .bool(true))
    }

    @Test func datesCompareWithDateText() throws {
        #expect(try eval("first < today()") == .bool(true))
        #expect(try eval("born <= '2006-06-15'") == .bool(true))
        #expect(try eval("addMonths(first, 1) > first") == .bool(true))
    }

    @Test func mismatchedKindsAreUnequal() throws {
        #expect(try eval("count == '3'") == .bool(false))
        #expect(try eval("count != '3'") == .bool(true))
        #expect(try eval("visa < 3") == .bool(false))
    }

    @Test func syntaxErrorsSayWhere() {
        #expect(throws: ExpressionSyntaxError(message: "use '==' to compare, not '='", offset: 5)) {
            try ExpressionParser.parse("visa = 'u'")
        }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("a < b < c") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("count(a, b)") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("'open") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("a and") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("exists('x')") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("a[b]") }
    }
}
