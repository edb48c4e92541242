import CaseData
import Testing

@testable import Templating

@Suite("Formatting helpers")
struct FormattersTests {
    @Test func dates() {
        let date = CivilDate(iso: "2025-03-04")!
        #expect(Formatters.longDate(date) == "March 4, 2025")
        #expect(Formatters.formDate(date) == "03/04/2025")
    }

    @Test func serialCommaJoining() {
        #expect(ListJoiner.join([]) == "")
        #expect(ListJoiner.join(["A"]) == "A")
        #expect(ListJoiner.join(["A", "B"]) == "A and B")
        #expect(ListJoiner.join(["A", "B", "C"]) == "A, B, and C")
        #expect(ListJoiner.join(["A", "B", "C"], .or) == "A, B, or C")
    }

    @Test func numbersInWords() {
        #expect(Formatters.numberWords(2) == "two (2)")
        #expect(Formatters.words(0) == "zero")
        #expect(Formatters.words(13) == "thirteen")
        #expect(Formatters.words(42) == "forty-two")
        #expect(Formatters.words(100) == "one hundred")
        #expect(Formatters.words(1250) == "one thousand two hundred fifty")
        #expect(Formatters.words(2_000_017) == "two million seventeen")
    }

    @Test func money() {
        #expect(Formatters.money(1250.5) == "$1,250.50")
        #expect(Formatters.money(0.07) == "$0.07")
        #expect(Formatters.money(-1234567.891) == "-$1,234,567.89")
        #expect(Formatters.moneyAmount("$1,250.50") == 1250.5)
        #expect(Formatters.moneyAmount("12.345") == nil)
        #expect(Formatters.moneyAmount("ten") == nil)
    }

    @Test func identifiers() {
        #expect(Formatters.aNumberDigits("A12345678") == "012345678")
        #expect(Formatters.aNumberDigits("a-123-456-789") == "123456789")
        #expect(Formatters.aNumberDigits("A1234") == nil)
        #expect(Formatters.aNumberDigits("#12 345 678") == "012345678")
        #expect(Formatters.aNumberDigits("1234A5678") == nil)  // an "A" only in front
        #expect(Formatters.aNumberDigits("AA12345678") == nil)
        #expect(Formatters.aNumberDigits(" A12345678") == nil)
        #expect(Formatters.aNumberDigits("A１２３４５６７８") == nil)  // full-width digits
        #expect(Formatters.aNumber("012345678") == "A012-345-678")
        #expect(Formatters.receiptNumber("eac-00000-00001") == "EAC0000000001")
        #expect(Formatters.receiptNumber("EAC123") == nil)
        #expect(Formatters.phoneDigits("(555) 010-0100") == "5550100100")
        #expect(Formatters.phoneDigits("1-555-010-0100") == "5550100100")
        #expect(Formatters.phoneDigits("+52 55 0000 0000") == "+525500000000")
        #expect(Formatters.phoneDigits("555-0100") == nil)
        #expect(Formatters.phoneDigits(" +1 555 010 0100") == "5550100100")
        #expect(Formatters.phoneDigits("555+010-0100") == "5550100100")  // a "+" counts only in front
        #expect(Formatters.phoneDigits("+52 55 0000 0000 ext") == nil)
        #expect(Formatters.phoneDigits("(555)\t010-0100") == nil)
        #expect(Formatters.phoneDigits("５５５-０１０-０１００") == nil)  // full-width digits are not ASCII
        #expect(Formatters.phone("5550100100") == "(555)\u{00A0}010-0100")
        #expect(USStates.code(for: "texas") == "TX")
        #expect(USStates.code(for: "pr") == "PR")
        #expect(USStates.code(for: "Narnia") == nil)
    }

    @Test func redactions() {
        #expect(Formatters.initials("Rosa María Ejemplo-Prueba") == "R. M. E. P.")
        #expect(Formatters.initials("  jane q. (Doe)-smith\t3rd ") == "J. Q. D. S. R.")
        #expect(Formatters.initials("Nguyễn thị") == "N. T.")
        #expect(Formatters.initials("") == "")
        #expect(Formatters.lastFour("A012-345-678") == "••••••5678")
    }

    @Test func pronouns() {
        let they = Pronouns(.string("They"))!
        #expect(they.form("object") == "them")
        #expect(they.form("possessive-pronoun") == "theirs")
        #expect(they.plural)
        let custom = Pronouns(.object([("subject", .string("ze")), ("object", .string("zir")), ("possessive", .string("zir"))]))!
        #expect(custom.form("reflexive") == "zirself")
        #expect(Pronouns(.string("it")) == nil)
    }
}
