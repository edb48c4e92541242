import Testing

@testable import Templating

/// "Did you mean …?" for a misspelt key: how far a suggestion may be from what was typed.
@Suite("Suggestions for misspelt names")
struct SuggestionsTests {
    let fields = ["willingToHelp", "victim", "crime", "letterDate", "name"]

    @Test func longNamesAllowThreeEdits() {
        #expect(Suggestions.closest(to: "willToHelp", in: fields) == "willingToHelp")
        #expect(Suggestions.closest(to: "leterDat", in: fields) == "letterDate")
    }

    @Test func shortNamesStayStrict() {
        #expect(Suggestions.closest(to: "xtim", in: fields) == nil)  // three edits from "victim": too many for four letters
        #expect(Suggestions.closest(to: "vitcim", in: fields) == "victim")
        #expect(Suggestions.closest(to: "nam", in: fields) == "name")
        #expect(Suggestions.closest(to: "xyz", in: fields) == nil)
    }

    @Test func unrelatedLongNamesGetNone() {
        #expect(Suggestions.closest(to: "signingPlace", in: fields) == nil)
    }
}
