import Testing

@testable import Templating

@Suite("Redaction of short values")
struct RedactionHardeningTests {
    /// `redact="last4"` always hides at least four letters or digits: a value of four or fewer
    /// is hidden whole, one of five to seven shows fewer than four.
    @Test func lastFourNeverShowsAShortValue() {
        #expect(Formatters.lastFour("7731") == "••••")
        #expect(Formatters.lastFour("31") == "••")
        #expect(Formatters.lastFour("") == "")
        #expect(Formatters.lastFour("AB731") == "••••1")
        #expect(Formatters.lastFour("R-2026-77") == "••••677")
        #expect(Formatters.lastFour("IND-00001-26") == "••••••0126")
        #expect(ValueFormatter.redaction(of: "A000000001", style: .last4) == "••••••0001")
    }
}
