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
