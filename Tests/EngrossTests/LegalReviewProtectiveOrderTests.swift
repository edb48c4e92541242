import CaseData
import Engross
import Foundation
import Templating
import TestSupport
import Testing

/// The legal review of the protective-order templates (issue [1/6]): each test renders a fixture,
/// or a fixture with a few values changed, and asserts on the text, so that it fails on the wording
/// the templates had before the review.
@Suite("Legal review: protective orders")
struct LegalReviewProtectiveOrderTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    // MARK: - Helpers

    /// A fixture of a protective-order template, loaded.
    func load(_ template: String, _ name: String) throws -> CaseValue {
        try CaseFile.load(path: fixture("cases/protective-order/\(template)/\(name)"))
    }

    /// The case with `value` set at `path` (groups are created as needed; `nil` removes the key).
    func setting(_ path: String, to value: CaseValue?, in data: CaseValue) -> CaseValue { data.setting(path, to: value) }

    /// Validates the case (it must be valid) and renders it as text, with every run of white space
    /// made one space so that phrases wrapped across lines are found.
    func text(_ template: String, _ data: CaseValue) throws -> String {
        try plainText(of: "protective-order/\(template)", data, engine: engine)
    }

    /// The part of `text` from `start` up to `end` (or to the end of the text).
    func section(_ text: String, from start: String, to end: String? = nil) -> String {
        guard let lower = text.range(of: start)?.lowerBound else { return "" }
        let rest = text[lower...]
        if let end, let upper = rest.range(of: end)?.lowerBound { return String(rest[..<upper]) }
        return String(rest)
    }

    // MARK: - Generic petition: relief

    @Test func theBasicOrderToStopAbuseIsTheFirstRelief() throws {
        let text = try text("petition", try load("petition", "rich.yaml"))
        let relief = section(text, from: "asks the Court to order that Respondent:", to: "also asks the Court to grant")
        #expect(relief.contains("1. not abuse, assault, threaten, harass or stalk Petitioner or the children named above, and not have anyone else do so;"))
    }

    @Test func theLengthOfTheOrderIsAsked() throws {
        let rich = try load("petition", "rich.yaml")
        #expect(try text("petition", rich).contains("Petitioner asks that the order remain in effect for the longest period the law allows."))
        var years = setting("relief.duration", to: .string("years"), in: rich)
        years = setting("relief.durationYears", to: .number(3), in: years)
        #expect(try text("petition", years).contains("remain in effect for three (3) years."))
        years = setting("relief.durationYears", to: .number(1), in: years)
        #expect(try text("petition", years).contains("remain in effect for one (1) year."))
    }

    @Test func propertyAnimalsAndTrackingAreAsked() throws {
        let text = try text("petition", try load("petition", "rich.yaml"))
        #expect(text.contains("not track or monitor the location, movements or communications of Petitioner or the children, whether by a GPS or other tracking device"))
        let grants = section(text, from: "Petitioner also asks the Court to grant Petitioner:", to: "remain in effect")
        #expect(grants.contains("1. The exclusive use of this vehicle, with its keys and papers: the grey 2015 Example sedan"))
        #expect(grants.contains("2. Possession of these belongings, which Respondent must let Petitioner collect"))
        #expect(grants.contains("3. The care, custody and control of these animals, which Respondent must not take, hide, harm, threaten or dispose of: the family dog"))
        // The home is granted only when asked for.
        #expect(!grants.contains("exclusive use and possession of the home"))
        let home = setting("relief.homeUse", to: .bool(true), in: try load("petition", "rich.yaml"))
        #expect(try self.text("petition", home).contains("1. The exclusive use and possession of the home the parties share or shared, which Respondent must not enter."))
    }

    // MARK: - Generic petition: custody declaration (UCCJEA § 209)

    @Test func theCustodyDeclarationWithholdsEveryAddressWhenTheAddressIsConfidential() throws {
        let text = try text("petition", try load("petition", "rich.yaml"))
        let declaration = section(text, from: "Declaration about the children's custody", to: "Relief requested")
        #expect(declaration.contains("the Uniform Child Custody Jurisdiction and Enforcement Act, as enacted in Washington, requires"))
        #expect(declaration.contains("leaves every address out of this declaration and asks the Court to receive them under seal"))
        #expect(declaration.contains("From August 4, 2026 until now: a confidential shelter, with Petitioner, their mother."))
        #expect(declaration.contains("until August 4, 2026 (Anna from her birth, Ben from his birth): address withheld for safety, with Petitioner and Respondent, their parents."))
        #expect(!declaration.contains("400 Example Lane"))
        #expect(declaration.contains("Petitioner has taken part in these other cases about custody of or visitation with the children: • Example County Superior Court"))
        #expect(declaration.contains("Petitioner knows of these other cases that could affect this one: • Example County District Court"))
        #expect(declaration.contains("Petitioner knows of no one, other than the parties, who has physical custody of a child or claims custody of or visitation with a child."))
    }

    @Test func theCustodyDeclarationGivesAddressesWhenThePetitionerDisclosesHers() throws {
        var data = try load("petition", "rich.yaml")
        data = setting("petitioner.livesInShelter", to: .bool(false), in: data)
        data = setting("petitioner.addressConfidential", to: .bool(false), in: data)
        data = setting("petitioner.address", to: .object([
            ("line1", .string("12 Sample Road")), ("line2", .string("Example City, WA 00000")),
        ]), in: data)
        data = setting("custodyDeclaration.knowsOfOtherClaimant", to: .bool(true), in: data)
        data = setting("custodyDeclaration.claimants", to: .list([.object([
            ("name", .string("Gloria Example")), ("address", .string("9 Other Street, Example City, WA 00000")),
            ("claim", .string("claims visitation rights as the children's grandmother")),
        ])]), in: data)
        let declaration = section(try text("petition", data), from: "Declaration about the children's custody", to: "Relief requested")
        #expect(!declaration.contains("address withheld for safety"))
        #expect(!declaration.contains("leaves every address out"))
        #expect(declaration.contains("(Anna from her birth, Ben from his birth): 400 Example Lane, Example City, WA 00000, with Petitioner and Respondent"))
        // A shelter's address is never written, whatever the switch says.
        #expect(declaration.contains("From August 4, 2026 until now: a confidential shelter"))
        #expect(declaration.contains("• Gloria Example, 9 Other Street, Example City, WA 00000: claims visitation rights as the children's grandmother."))
    }

    // MARK: - Generic petition: federal firearms findings

    @Test func theFirearmsFindingsQuoteSection922g8Exactly() throws {
        let text = try text("petition", try load("petition", "rich.yaml"))
        let findings = section(text, from: "asks the Court to enter the final order after a hearing", to: "temporary order")
        #expect(findings.contains("after a hearing of which Respondent has received actual notice and at which Respondent has had an opportunity to participate"))
        #expect(findings.contains("a finding that Petitioner is an intimate partner of Respondent (18 U.S.C. § 921(a)(32)), as set out in ¶ 3;"))
        #expect(findings.contains("restrains Respondent from harassing, stalking, or threatening Petitioner or the children named above"))
        #expect(findings.contains("Respondent \"represents a credible threat to the physical safety\" of Petitioner and the children"))
        #expect(findings.contains("explicitly prohibits \"the use, attempted use, or threatened use of physical force\" against Petitioner and the children \"that would reasonably be expected to cause bodily injury\""))
        #expect(findings.contains("comes within 18 U.S.C. § 922(g)(8)"))
    }

    @Test func partnersWhoLivedTogetherQualifyForTheFirearmsFindings() throws {
        var data = setting("relationship", to: .string("formerDating"), in: try load("petition", "rich.yaml"))
        let prepared = try engine.prepare("protective-order/petition")
        data = setting("cohabited", to: .bool(false), in: data)
        #expect(prepared.validate(data, file: "case").map { "\($0.path) \($0.code.rawValue)" } == ["relief.firearmsFindings rule-failed"])
        data = setting("cohabited", to: .bool(true), in: data)
        #expect(try text("petition", data).contains("Petitioner and Respondent are formerly in a dating relationship, and live or have lived together."))
    }

    // MARK: - Generic petition: verification

    @Test func theStatesOwnVerificationWordingIsPrintedAsGiven() throws {
        let rich = try load("petition", "rich.yaml")
        let verification = section(try text("petition", rich), from: "Verification", to: "Respectfully submitted")
        #expect(verification.contains("I declare under penalty of perjury under the laws of the State of Washington that the foregoing is true and correct. Signed on November 24, 2026, at Example City, Washington."))
        #expect(!verification.contains("that I have read this petition"))
        let generic = setting("signing.method", to: .string("declaration"), in: rich)
        #expect(try text("petition", generic).contains("I, Malai Tuayang, declare under penalty of perjury under the laws of the State of Washington that I have read this petition"))
    }

    // MARK: - Texas 7B: who swears (correction 4)

    @Test func theAdultWhoFilesSwearsNotTheChild() throws {
        let minimal = try load("texas-7b", "minimal.json")
        let affidavit = section(try text("texas-7b", minimal), from: "Affidavit")
        #expect(affidavit.contains("I, Maria Ejemplo (mother and guardian), being duly sworn, state that I file this application on behalf of Applicant, that I have read it, and that the facts stated in it are true and correct to the best of my knowledge and belief."))
        #expect(affidavit.contains("Sworn to and subscribed before me by Maria Ejemplo on"))
        #expect(!affidavit.contains("Sofia"))
        #expect(!affidavit.contains("S. E."))
        #expect(!affidavit.contains("personal knowledge"))
        let knows = setting("filer.personalKnowledge", to: .bool(true), in: minimal)
        #expect(try text("texas-7b", knows).contains("the facts stated in it are within my personal knowledge and are true and correct."))
    }

    @Test func theVictimsOwnStatementCanBeAttached() throws {
        let minimal = try load("texas-7b", "minimal.json")
        #expect(!(try text("texas-7b", minimal)).contains("own statement"))
        let attached = setting("texas.victimStatementAttached", to: .bool(true), in: minimal)
        #expect(try text("texas-7b", attached).contains("Applicant's own statement of the facts, sworn or declared under penalty of perjury, is attached to this application and made part of it."))
    }

    @Test func aVictimWhoFilesSwearsToPersonalKnowledge() throws {
        let affidavit = section(try text("texas-7b", try load("texas-7b", "rich.yaml")), from: "Affidavit")
        #expect(affidavit.contains("I, Lin Shili, being duly sworn, state that I am Applicant in this case, that I have read this application, and that the facts stated in it are within my personal knowledge and are true and correct."))
    }

    // MARK: - Texas 7B: standing, venue, grounds, relief

    @Test func theStateSexualOffenseResponseCoordinatorMayFileWithConsent() throws {
        var data = try load("texas-7b", "minimal.json")
        data = setting("texas.offenses", to: .list([.string("sexualAssault")]), in: data)
        data = setting("texas.filedBy", to: .string("coordinator"), in: data)
        data = setting("texas.victimConsents", to: .bool(true), in: data)
        data = setting("texas.offenderUnderMilitaryCode", to: .bool(true), in: data)
        data = setting("filer", to: .object([
            ("name", .string("Sam Sample")), ("capacity", .string("state sexual offense response coordinator")),
        ]), in: data)
        let text = try text("texas-7b", data)
        #expect(text.contains("files this application as the state sexual offense response coordinator described by Subchapter J-1, Chapter 432, Government Code, on behalf of Applicant and with Applicant's consent"))
        // The copies of the Code number this subsection (a-1) or (a-3): it is cited without one.
        #expect(text.contains("subject to Chapter 432, Government Code (art. 7B.001)."))
    }

    @Test func aCourtWithAFamilyCodeProtectiveOrderBetweenThePartiesIsAVenue() throws {
        var data = setting("texas.venue", to: .string("familyCourt"), in: try load("texas-7b", "rich.yaml"))
        data = setting("texas.familyCodeCase", to: .string("2026-00000-FC"), in: data)
        #expect(try text("texas-7b", data).contains("This Court may hear the application because it has jurisdiction over a protective order under Title 4, Texas Family Code, involving the same parties, in cause no. 2026-00000-FC (art. 7B.001)."))
    }

    @Test func aConvictionOrDeferredAdjudicationIsReasonableGrounds() throws {
        let rich = try load("texas-7b", "rich.yaml")
        #expect(try text("texas-7b", rich).contains("Respondent was placed on deferred adjudication community supervision for stalking (Penal Code § 42.072). Under article 7B.003, that placement on deferred adjudication community supervision constitutes reasonable grounds to believe that Applicant is the victim of the offense."))
        let convicted = setting("disposition.kind", to: .string("conviction"), in: rich)
        #expect(try text("texas-7b", convicted).contains("Respondent was convicted of stalking (Penal Code § 42.072). Under article 7B.003, that conviction constitutes reasonable grounds"))
    }

    @Test func theHandgunLicenseSuspensionAndALifetimeOrderAreAsked() throws {
        let text = try text("texas-7b", try load("texas-7b", "rich.yaml"))
        #expect(text.contains("Applicant also asks the Court to suspend any license to carry a handgun issued to Respondent under Subchapter H, Chapter 411, Government Code (art. 7B.005)."))
        #expect(text.contains("Applicant asks that the protective order be effective for the duration of the lives of Respondent and Applicant, and that the order state that period (art. 7B.007(a))."))
    }

    // MARK: - Texas 7B: minors and birth dates (Tex. R. Civ. P. 21c)

    @Test func aMinorVictimIsNamedByInitialsAndNoBirthDateIsPrinted() throws {
        let text = try text("texas-7b", try load("texas-7b", "minimal.json"))
        #expect(text.contains("Maria Ejemplo, mother and guardian, ) Cause No."))
        #expect(text.contains("on behalf of S. E., ) Applicant,"))
        #expect(text.contains("Applicant is S. E., named by initials only."))
        #expect(!text.contains("Sofia"))
        #expect(!text.contains("June 30, 2011"))
        #expect(!text.contains("March 3, 1979"))
        #expect(text.contains("Respondent is Richard Roe, 47 years old."))
        #expect(text.contains("Under Rule 21c, Texas Rules of Civil Procedure, this application leaves out dates of birth and names minors by initials only."))
    }

    @Test func anAdultVictimsBirthDateIsLeftOutAndChildrenAreNamedByInitials() throws {
        var data = try load("texas-7b", "rich.yaml")
        data = setting("children", to: .list([.object([
            ("fullName", .string("Mei Example")), ("dateOfBirth", .string("2020-05-06")), ("toPetitioner", .string("daughter")),
        ])]), in: data)
        let text = try text("texas-7b", data)
        #expect(text.contains("Applicant is Lin Shili, also known as"))
        #expect(!text.contains("February 11, 1999"))
        #expect(text.contains("asks that the order also protect these children, named by initials only: • M. E., Applicant's daughter"))
        #expect(!text.contains("Mei"))
        #expect(!text.contains("May 6, 2020"))
    }
}
