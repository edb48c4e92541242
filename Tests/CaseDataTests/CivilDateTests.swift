import Testing

@testable import CaseData

@Suite("Calendar dates")
struct CivilDateTests {
    @Test func parsesOnlyRealDates() {
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2025-02-29") == nil)
        #expect(CivilDate(iso: "2025-02-30") == nil)
        #expect(CivilDate(iso: "2025-13-01") == nil)
        #expect(CivilDate(iso: "2025-4-01") == nil)
        #expect(CivilDate(iso: "1900-02-29") == nil)
        #expect(CivilDate(iso: "2000-02-29") != nil)
        #expect(CivilDate.hasISOShape("2025-02-30"))
        #expect(!CivilDate.hasISOShape("03/04/2025"))
    }

    @Test func addsMonthsClampingTheDay() {
        let date = CivilDate(year: 2025, month: 1, day: 31)!
        #expect(date.adding(months: 1).description == "2025-02-28")
        #expect(date.adding(months: 13).description == "2026-02-28")
        #expect(CivilDate(year: 2024, month: 8, day: 31)!.adding(months: 6).description == "2025-02-28")
        #expect(CivilDate(year: 2024, month: 3, day: 15)!.adding(months: -3).description == "2023-12-15")
    }

    @Test func countsWholeYears() {
        let birth = CivilDate(year: 2006, month: 6, day: 15)!
        #expect(birth.years(until: CivilDate(year: 2024, month: 6, day: 14)!) == 17)
        #expect(birth.years(until: CivilDate(year: 2024, month: 6, day: 15)!) == 18)
    }

    @Test func roundTripsDaysSinceEpoch() {
        for text in ["1970-01-01", "2000-02-29", "2026-11-29", "1899-12-31"] {
            let date = CivilDate(iso: text)!
            #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
        }
        #expect(CivilDate(daysSinceEpoch: 1_795_910_400 / 86_400).description == "2026-11-29")
    }

    @Test func orders() {
        #expect(CivilDate(iso: "2025-01-31")! < CivilDate(iso: "2025-02-01")!)
    }
}
