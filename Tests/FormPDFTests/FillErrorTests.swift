import FormPDF
import Testing

@Suite("Form filling: refused values")
struct FillErrorTests {
    private func refusal(_ values: [String: FormValue]) throws -> FormPDFError? {
        do {
            _ = try FormFiller.fill(try FormFixtures.edition2026, values: values)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFieldTheBlankLacksIsNamed() throws {
        let name = FormFixtures.page1("Pt1Line9_Nickname[0]")
        let error = try #require(try refusal([name: .text("Secret Name")]))
        #expect(error.reason == .unknownField)
        #expect(error.message.contains(name) && !error.message.contains("Secret Name"))
    }

    @Test func anOptionTheFieldLacksIsNamedWithoutTheValue() throws {
        let name = FormFixtures.page1("Pt1Line6_State[0]")
        let error = try #require(try refusal([name: .option("Secretland")]))
        #expect(error.reason == .unknownOption)
        #expect(error.message.contains(name) && error.message.contains("AK, CA, NY, TX, WA") && !error.message.contains("Secretland"))
        #expect(try refusal([FormFixtures.page1("Pt1Line4_Sex[0]"): .option("X")])?.reason == .unknownOption)
    }

    @Test func aTextLongerThanMaxLenIsNamed() throws {
        let name = FormFixtures.page1("Pt1Line7_ZipCode[0]")
        let error = try #require(try refusal([name: .text("787011234")]))
        #expect(error.reason == .tooLong)
        #expect(error.message.contains(name) && error.message.contains("5 characters") && !error.message.contains("787011234"))
    }

    @Test func aTextTheFormsFontCannotPrintIsRefused() throws {
        // poppler would draw "Nguyn": the box's font (Helvetica, WinAnsiEncoding) has no ễ.
        let name = FormFixtures.page1("Pt1Line1a_FamilyName[0]")
        let error = try #require(try refusal([name: .text("Nguyễn")]))
        #expect(error.reason == .unprintable && error.message.contains(name) && !error.message.contains("Nguy"))
        #expect(try refusal([name: .text("Peña-Müller “Jr.”")]) == nil)
    }

    @Test func aValueOfTheWrongKindIsRefused() throws {
        #expect(try refusal([FormFixtures.page1("Pt1Line5_Married[0]"): .text("yes")])?.reason == .wrongKind)
        #expect(try refusal([FormFixtures.page1("Pt1Line1a_FamilyName[0]"): .checked(true)])?.reason == .wrongKind)
        #expect(try refusal([FormFixtures.page2("Pt4Line1_Signature[0]"): .text("Ana")])?.reason == .wrongKind)
        #expect(try refusal([FormFixtures.page2("PrintButton[0]"): .checked(true)])?.reason == .wrongKind)
    }
}

@Suite("Blank forms: what fits a box")
struct TextFitTests {
    @Test func aSingleLineBoxTakesWhatIsAsWideAsIt() throws {
        let blank = try FormFixtures.edition2026
        let family = try #require(blank.field(named: FormFixtures.page1("Pt1Line1a_FamilyName[0]")))
        #expect(blank.fits("Testcase", in: family))
        #expect(blank.fits("", in: family))
        // 204 pt of room at 10 pt, and Helvetica's W is 9.44 pt wide: 21 fit (198 pt), 22 do not (208 pt).
        #expect(blank.fits(String(repeating: "W", count: 21), in: family))
        #expect(!blank.fits(String(repeating: "W", count: 22), in: family))
        #expect(blank.fits(String(repeating: "i", count: 90), in: family))
        #expect(!blank.fits("Testcase\nSecond line", in: family))
        #expect(blank.fits("Peña", in: family))
        #expect(!blank.fits("Nguyễn", in: family) && !blank.fits("李", in: family))
    }

    @Test func combsAndMaxLenCountCharacters() throws {
        let blank = try FormFixtures.edition2026
        let aNumber = try #require(blank.field(named: FormFixtures.page1("Pt1Line2_AlienNumber[0]")))
        #expect(blank.fits("000000001", in: aNumber))
        #expect(!blank.fits("0000000012", in: aNumber))
        let zip = try #require(blank.field(named: FormFixtures.page1("Pt1Line7_ZipCode[0]")))
        #expect(blank.fits("78701", in: zip))
        #expect(!blank.fits("78701-1234", in: zip))
    }

    @Test func anAutoSizedBoxIsMeasuredAtTheFloor() throws {
        let blank = try FormFixtures.edition2026
        let birth = try #require(blank.field(named: FormFixtures.page1("Pt1Line3_DateOfBirth[0]")))
        #expect(birth.fontSize == nil)
        #expect(blank.fits("01/02/1990", in: birth))
    }

    @Test func aMultiLineBoxTakesTheLinesOfItsHeight() throws {
        let blank = try FormFixtures.edition2026
        let statement = try #require(blank.field(named: FormFixtures.page2("Pt3Line1_Statement[0]")))
        // 532 × 42 pt at 10 pt: three lines of about 90 characters.
        let sentence = "I am applying because the events described in my declaration happened to me. "
        #expect(blank.fits(sentence, in: statement))
        #expect(blank.fits("One\nTwo\nThree", in: statement))
        #expect(!blank.fits("One\nTwo\nThree\nFour", in: statement))
        #expect(!blank.fits(String(repeating: sentence, count: 5), in: statement))
    }

    @Test func otherKindsAlwaysFit() throws {
        let blank = try FormFixtures.edition2026
        let married = try #require(blank.field(named: FormFixtures.page1("Pt1Line5_Married[0]")))
        #expect(blank.fits("anything", in: married))
    }
}
