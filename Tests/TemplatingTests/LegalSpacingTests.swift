import Templating
import Testing

/// The spaces inside a citation are no-break spaces, so that no line ends with "8 C.F.R. §".
@Suite("Legal typography: no-break spaces in citations")
struct LegalSpacingTests {
    let nbsp = "\u{00A0}"

    @Test func sectionAndParagraphSignsHoldTheirNumber() {
        #expect(LegalSpacing.bind("see § 214.202 and §§ 214.200–214.216") == "see\(nbsp)§\(nbsp)214.202 and\(nbsp)§§\(nbsp)214.200–214.216")
        #expect(LegalSpacing.bind("Decl. ¶ 12; ¶¶ 5–7") == "Decl.\(nbsp)¶\(nbsp)12;\(nbsp)¶¶\(nbsp)5–7")
        #expect(LegalSpacing.bind("INA § 212(d)(13)") == "INA\(nbsp)§\(nbsp)212(d)(13)")
    }

    @Test func codeHoldsItsTitleAndItsSection() {
        #expect(LegalSpacing.bind("8 C.F.R. § 214.202") == "8\(nbsp)C.F.R.\(nbsp)§\(nbsp)214.202")
        #expect(LegalSpacing.bind("under 8 U.S.C. 1367(a)(1),") == "under 8\(nbsp)U.S.C.\(nbsp)1367(a)(1),")
        #expect(LegalSpacing.bind("22 U.S.C. § 7102") == "22\(nbsp)U.S.C.\(nbsp)§\(nbsp)7102")
    }

    @Test func otherSpacesAreLeftAlone() {
        let plain = "I write in support of Rosa Ejemplo. She has received two (2) services."
        #expect(LegalSpacing.bind(plain) == plain)
        #expect(LegalSpacing.bind("The U.S. Attorney's office") == "The U.S. Attorney's office")
        #expect(LegalSpacing.bind("§") == "§")
        #expect(LegalSpacing.bind("ends with §") == "ends with\(nbsp)§")
        #expect(LegalSpacing.bind("") == "")
    }

    @Test func templateTextAndCaseValuesAreBoundWhenRendered() throws {
        let blocks = try render(
            fields: #"<field name="statute" type="text"/><field name="crime" type="text" sensitive="true"/>"#,
            body: """
                <p>Under 8 C.F.R.
                   § 214.14(c)(2)(i), charged under <value of="statute"/> (<value of="crime"/>).</p>
                """,
            caseJSON: #"{"statute": "Cal. Penal Code § 236", "crime": "Tex. Penal Code § 20A.02"}"#)
        #expect(blocks.texts == ["Under 8\(nbsp)C.F.R.\(nbsp)§\(nbsp)214.14(c)(2)(i), charged under Cal. Penal Code\(nbsp)§\(nbsp)236 (Tex. Penal Code\(nbsp)§\(nbsp)20A.02)."])
    }

    @Test func citationsEngrossWritesAreBound() {
        #expect(Citations.paragraphs([12]) == "¶\(nbsp)12")
        #expect(Citations.paragraphs([5, 6, 7]) == "¶¶\(nbsp)5–7")
        #expect(Citations.exhibits([(position: 2, letter: "C")]) == "Ex.\(nbsp)C")
        #expect(Citations.exhibits([(position: 1, letter: "B"), (position: 2, letter: "C"), (position: 3, letter: "D")]) == "Exs.\(nbsp)B–D")
    }
}
