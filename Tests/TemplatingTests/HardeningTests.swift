import Foundation
import CaseData
import Testing

@testable import Templating

/// Regression tests for the issue "[2/6] Hardening": inputs that crashed, hung or exhausted memory.
@Suite("Hardening: numbers and expressions")
struct TemplatingHardeningTests {
    private let moneyAndInteger = """
        <field name="amount" type="money" min="0"/>
        <field name="feet" type="integer" min="1"/>
        """

    // MARK: Item 1: money and whole numbers have bounds, and print exactly

    @Test func moneyBeyondInt64CentsIsRefusedNotCrashed() throws {
        for amount in ["100000000000000000", "92233720368547758.08", "1e300", "\"$100,000,000,000,000,000\""] {
            let problems = try validate(fields: moneyAndInteger, caseJSON: #"{"amount": \#(amount)}"#)
            #expect(problems.map(\.code) == [.outOfRange], "\(amount)")
            #expect(problems.first?.path == "amount")
            #expect(problems.first?.message.contains("between -$92,233,720,368,547,758.08 and $92,233,720,368,547,758.07") == true)
        }
        let cents = try validate(fields: moneyAndInteger, caseJSON: #"{"amount": 1250.555}"#)
        #expect(cents.map(\.code) == [.invalidMoney])
        #expect(cents.first?.message.contains("at most two decimals") == true)
    }

    @Test func theLargestAmountPrintsToTheCent() throws {
        let json = #"{"amount": 92233720368547758.07, "feet": 9223372036854775807}"#
        #expect(try validate(fields: moneyAndInteger, caseJSON: json).isEmpty)
        let blocks = try render(fields: moneyAndInteger,
            body: #"<p><value of="amount"/>; <value of="feet"/>; <value of="feet" format="number-words"/> feet</p>"#,
            caseJSON: json)
        #expect(blocks.texts == ["$92,233,720,368,547,758.07; 9,223,372,036,854,775,807; nine quintillion two hundred "
            + "twenty-three quadrillion three hundred seventy-two trillion thirty-six billion eight hundred fifty-four "
            + "million seven hundred seventy-five thousand eight hundred seven (9,223,372,036,854,775,807) feet"])
    }

    @Test func wholeNumbersBeyondInt64AreRefused() throws {
        for number in ["1e300", "9223372036854775808", "-99999999999999999999"] {
            let problems = try validate(fields: moneyAndInteger, caseJSON: #"{"feet": \#(number)}"#)
            #expect(problems.map(\.code) == [.outOfRange], "\(number)")
            #expect(problems.first?.message.contains("between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807") == true)
        }
        #expect(try validate(fields: moneyAndInteger, caseJSON: #"{"feet": 2.5}"#).map(\.code) == [.invalidInteger])
    }

    @Test func boundsBeyondTheTypeAreTemplateErrors() {
        let folder = TemplateFolder(["t": templateXML(fields: """
            <field name="amount" type="money" max="1e300"/>
            <field name="feet" type="integer" max="99999999999999999999"/>
            """, body: "<p>x</p>")])
        let messages = folder.problems("t").map(\.message)
        #expect(messages.contains { $0.contains("max=\"1e300\" must be an amount of money within") })
        #expect(messages.contains { $0.contains("max=\"99999999999999999999\" must be a whole number within") })
    }

    @Test func formattersTakeTheExtremes() {
        #expect(Formatters.words(Int.min).hasPrefix("minus nine quintillion"))
        #expect(Formatters.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(Formatters.money(cents: .min) == "-$92,233,720,368,547,758.08")
        // A computed amount beyond an Int64 of cents still prints as digits.
        #expect(Formatters.money(1e20) == "$100,000,000,000,000,000,000.00")
        #expect(Formatters.grouped(whole: 1e20) == "100,000,000,000,000,000,000")
    }

    // MARK: Items 2 and 3: expressions are bounded in length and depth

    @Test func aHugeListIndexIsASyntaxError() {
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("name[99999999999999999999]") }
        let folder = TemplateFolder(["t": templateXML(fields: #"<list name="name"><field name="a"/></list>"#,
            body: #"<p><value of="name[99999999999999999999].a"/></p>"#)])
        #expect(folder.problems("t").map(\.message).contains { $0.contains("a number in an expression may be at most") })
    }

    @Test func longChainsAreRefusedAtParseTime() {
        for joiner in [" or ", " and ", " + ", " - "] {
            let long = Array(repeating: "a", count: 100_000).joined(separator: joiner)
            #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(long) }
            // Short enough to pass the length limit, but deeper than the depth limit.
            let deep = Array(repeating: "a", count: ExpressionParser.maximumDepth + 2).joined(separator: joiner)
            #expect(deep.count <= ExpressionParser.maximumLength)
            do {
                _ = try ExpressionParser.parse(deep)
                Issue.record("a chain of \(ExpressionParser.maximumDepth + 2) terms parsed")
            } catch {
                #expect(error.message.contains("nests more than 64 levels"))
            }
        }
        let allowed = Array(repeating: "a", count: ExpressionParser.maximumDepth).joined(separator: " or ")
        #expect(throws: Never.self) { try ExpressionParser.parse(allowed) }
    }

    @Test func deepNestingIsRefused() {
        for text in [String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100),
            String(repeating: "not ", count: 100) + "a", String(repeating: "count(", count: 100) + "a" + String(repeating: ")", count: 100)]
        {
            #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(text) }
        }
    }

    @Test func aLongExpressionIsQuotedByItsStartOnly() {
        let long = Array(repeating: "a", count: 100_000).joined(separator: " or ")
        let folder = TemplateFolder(["t": templateXML(fields: #"<field name="a" type="boolean"/>"#,
            body: "<if test=\"\(long)\"><p>x</p></if>")])
        let messages = folder.problems("t").map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.contains("longer than 2000 characters") == true)
        #expect((messages.first?.count ?? .max) < 400)
    }
}

@Suite("Hardening: page settings")
struct PageHardeningTests {
    private func problems(page: String) -> [String] {
        let folder = TemplateFolder(["t": templateXML(fields: "", body: "<p>x</p>").replacingOccurrences(
            of: "<fields>", with: "\(page)\n  <fields>")])
        return folder.problems("t").map(\.message)
    }

    @Test func marginsThatLeaveNoTextAreaAreRefused() {
        #expect(problems(page: #"<page margins="15000in"/>"#).first?.contains("leave a text area 0in wide; it must be at least 3in") == true)
        #expect(problems(page: #"<page margins="5in"/>"#).first?.contains("it must be at least 3in; make the margins smaller (a letter page is 8.5in by 11in)") == true)
        #expect(problems(page: #"<page size="a4" margins="4.5in 1in"/>"#).first?.contains("text area 2.69in tall") == true)
        #expect(problems(page: #"<page margins="1in 1in 0.25in 1in"/>"#).first?.contains("at least 0.5in") == true)
        #expect(problems(page: #"<page margins="1e300in"/>"#).count == 1)
        #expect(problems(page: #"<page margins="infin"/>"#).first?.contains("must be one to four lengths") == true)
    }

    @Test func sensibleMarginsPass() {
        for margins in ["1in", "0.5in", "3in 1in 1in 1in", "2.5cm", "1in 2.75in"] {
            #expect(problems(page: "<page margins=\"\(margins)\" font-size=\"72pt\"/>").isEmpty, "\(margins)")
        }
    }
}

@Suite("Hardening: includes and parents")
struct IncludeHardeningTests {
    private func piece(_ id: String, body: String, extends parent: String? = nil) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <template xmlns="urn:engross:template:1" id="\(id)" version="1.0.0"\(parent.map { " extends=\"\($0)\"" } ?? "")>
          <meta><title>\(id)</title></meta>
          \(body)
        </template>
        """
    }

    /// Thirty templates, each including the next twice, would expand to a billion elements.
    @Test func includeFanOutIsBounded() {
        var files: [String: String] = [:]
        for index in 0..<30 {
            let next = index < 29 ? "<include template=\"f/t\(index + 1)\"/><include template=\"f/t\(index + 1)\"/>" : ""
            files["f/t\(index)"] = piece("f/t\(index)", body: "<body><p>x</p>\(next)</body>")
        }
        let folder = TemplateFolder(files)
        let problems = folder.problems("f/t14")
        #expect(problems.map(\.reason) == [.tooLarge])
        #expect(problems.first?.message.contains("with its includes, f/t14 grows past 100,000 elements") == true)
        // Ten levels of doubling (about 2,000 elements) are fine.
        #expect(folder.problems("f/t20").isEmpty)
        let deep = folder.problems("f/t0")
        #expect(deep.contains { $0.message.contains("includes and extends nest more than 16 deep (f/t0 → … → f/t17)") })
        #expect(deep.count == 2)  // once each, however often the pieces are included
    }

    @Test func aLongChainOfParentsIsBounded() {
        var files: [String: String] = ["e/t0": piece("e/t0", body: #"<body><block name="b"><p>x</p></block></body>"#)]
        for index in 1..<200 {
            files["e/t\(index)"] = piece("e/t\(index)", body: #"<block name="b"><p>y</p></block>"#, extends: "e/t\(index - 1)")
        }
        let folder = TemplateFolder(files)
        #expect(folder.problems("e/t16").isEmpty && !folder.problems("e/t17").isEmpty)
        let problems = folder.problems("e/t199")
        #expect(problems.map(\.reason) == [.tooLarge])
        #expect(problems.first?.message.contains("nest more than 16 deep") == true)
    }
}

@Suite("Hardening: field patterns")
struct PatternHardeningTests {
    /// The issue's shapes, which took 0.45 s per short value in a backtracking engine and grow
    /// exponentially with the value: here a value of 100,000 characters is read once.
    @Test func nestedAlternationIsMatchedInLinearTime() throws {
        let long = String(repeating: "a", count: 100_000)
        for shape in ["(a|a)*b", "(a|aa)+b", "(a+)+b", "(a*)*b", "(\\w|\\d)+!"] {
            let pattern = try FieldPattern(shape)
            #expect(!pattern.matches(long), "\(shape)")
            #expect(pattern.matches(String(long.prefix(10)) + (shape.hasSuffix("!") ? "!" : "b")), "\(shape)")
        }
    }

    /// Whole-value matches agree with ICU's (NSRegularExpression, anchored with \A and \z) on
    /// patterns it can run.
    @Test func agreesWithICUOnWholeValues() throws {
        let patterns = [
            "[0-9]{5}", "[A-Z]+", "[A-Z].*", "[Tt][Xx]|[Tt][Ee][Xx][Aa][Ss]", "\\d{2}/\\d{2}/\\d{2}", "A?[0-9]{8,9}",
            "([A-Z][a-z]+ )?[A-Z]", "(ab)+", "([a+])+", "\\(x+\\)+", "a{2,3}", "a{2,}", "[^0-9]*", "x|", "(|a)b", "[a-]+",
            "[-a]", "\\w+@\\w+\\.\\w{2,}", "[\\d\\s]+", "[^\\W_]+", "\\.", "a.c", "^abc$", "(?:ab|cd)*e?", "é+", "\\u00e9",
            "\\x41", "[\\]]", "a*?b", "\\S+ \\S+", "a|ab", "[a-c-]x", "\\$\\d+", "(a{0,2}b){1,2}",
        ]
        let values = [
            "", "a", "ab", "abab", "12345", "1234", "ABC", "Abc", "tx", "TEXAS", "Texas", "12/34/56", "A12345678", "Ann B",
            "é", "ééé", "a-b", "x", "b", "e", "abcde", "abcdabe", "a@b.org", "1 2", "a\nc", "abc", "(xx)(x)", "]", "aaab",
            "hello world", "Ñandú", "١٢٣", "a_b", "A", "aa", "aaaa", "-x", "cx", "$12", "aabab", "+a+",
        ]
        for source in patterns {
            let ours = try FieldPattern(source)
            let icu = try NSRegularExpression(pattern: "\\A(?:" + source + ")\\z")
            for value in values {
                let expected = icu.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
                #expect(ours.matches(value) == expected, "\(source) on \(value.debugDescription)")
            }
        }
    }

    @Test func whatNeedsBacktrackingIsRefusedWithAReason() {
        let refused: [(String, String)] = [
            ("(a)\\1", "backreference"), ("(?=a)a", "(?…) group"), ("(?i)a", "(?…) group"), ("a++", "possessive"),
            ("\\bword", "word boundary"), ("\\p{L}+", "Unicode property"), ("[[:alpha:]]", "inside a class"),
            ("(a", "never closed"), ("a)", "without a '('"), ("[a", "never closed"), ("*a", "nothing before it"),
            ("a{2", "not a count"), ("a{5,2}", "below its minimum"), ("a{1001}", "at most 1000"),
            ("(a{1000}){3}", "too large"), ("\\q", "does not know"), (String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40), "nests groups"),
            (String(repeating: "a", count: 1001), "longer than 1000"),
        ]
        for (source, reason) in refused {
            do {
                _ = try FieldPattern(source)
                Issue.record("\(source) compiled")
            } catch {
                #expect(error.message.contains(reason), "\(source): \(error.message)")
            }
        }
        let folder = TemplateFolder(["t": templateXML(fields: #"<field name="z" pattern="(a)\1"/>"#, body: "<p>x</p>")])
        #expect(folder.problems("t").first?.message == #"pattern="(a)\1" uses a backreference (\1), which this matcher does not do (at character 4)"#)
    }

    @Test func validationUsesTheMatcher() throws {
        let fields = #"<field name="code" pattern="(a|aa)+b"/>"#
        #expect(try validate(fields: fields, caseJSON: #"{"code": "aaab"}"#).isEmpty)
        let long = String(repeating: "a", count: 50_000)
        #expect(try validate(fields: fields, caseJSON: #"{"code": "\#(long)"}"#).map(\.code) == [.patternMismatch])
    }
}
