import CaseData
import DocumentModel
import Foundation
import Templating
import TestSupport
import Testing

@testable import Engross

/// The legal review of the T visa templates (issue "[1/6] Legal review of the template library"):
/// t-visa/declaration, t-visa/cover-letter and packets/t-visa. Each test renders or validates a
/// fixture and asserts on the text, so that it fails on the wording the review corrected.
@Suite("Legal review: T visa templates")
struct LegalReviewTVisaTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    // MARK: - Helpers

    private func load(_ template: String, _ name: String) throws -> CaseValue {
        try CaseFile.load(path: fixture("cases/\(template)/\(name)"))
    }

    /// The case with the value at `path` replaced by `json` (a JSON text), or removed when nil.
    private func setting(_ data: CaseValue, _ path: [String], to json: String?) throws -> CaseValue {
        data.setting(path.joined(separator: "."), to: try json.map { try JSONCaseParser.parse(Array($0.utf8), file: "test.json") })
    }

    /// The plain text of `data` rendered with `template`, every run of white space made one space.
    private func text(_ template: String, _ data: CaseValue) throws -> String {
        try plainText(of: template, data, engine: engine)
    }

    private static func plain(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The errors of validating `data`, as "path code".
    private func errors(_ template: String, _ data: CaseValue) throws -> [String] {
        try engine.prepare(template).validate(data, file: "case")
            .filter { $0.severity == .error }.map { "\($0.path) \($0.code.rawValue)" }
    }

    private func options(_ template: String, _ path: [String]) throws -> [String] {
        var fields = try engine.prepare(template).template.fields
        var field: FieldDeclaration?
        for name in path {
            field = fields.first { $0.name == name }
            fields = field?.children ?? []
        }
        return field?.options.map(\.value) ?? []
    }

    // MARK: - Correction 2: waiver of inadmissibility

    @Test func theWaiverSectionStatesBothStandardsAndWhatCannotBeWaived() throws {
        let letter = try text("t-visa/cover-letter", try load("t-visa/cover-letter", "rich.yaml"))
        // (d)(13): health grounds on the national interest; other grounds need both the link to the victimization and the national interest.
        #expect(letter.contains("health-related grounds of § 1182(a)(1) when it considers the waiver to be in the national interest"))
        #expect(letter.contains("when the waiver is in the national interest and the activities that make the applicant inadmissible were caused by, or were incident to, the victimization"))
        #expect(letter.contains("except those of § 1182(a)(3), (a)(10)(C) and (a)(10)(E)"))
        // Otherwise the general nonimmigrant waiver.
        #expect(letter.contains("general nonimmigrant waiver of 8 U.S.C. § 1182(d)(3)(A)(ii)"))
        #expect(letter.contains("The public charge ground does not apply to T applicants."))
        #expect(letter.contains("(a)(3)(C) and (a)(3)(E)(i)-(ii) cannot be waived under either provision"))
        // The old sentence: "most grounds … in particular those caused by" the trafficking, under (d)(13) alone.
        #expect(!letter.contains("in particular those that were caused by"))
    }

    // MARK: - Correction 3: compliance with reasonable requests

    @Test func theComplianceStandardNamesTribalAgenciesAndOnlyTheInvestigationOfARelatedCrime() throws {
        let letter = try text("t-visa/cover-letter", try load("t-visa/cover-letter", "rich.yaml"))
        #expect(letter.contains("from Federal, State, Tribal, or local law enforcement in the detection, investigation, or prosecution of acts of trafficking, or in the investigation of a crime of which trafficking is at least one central reason"))
        #expect(letter.contains("the statute names its investigation only, not its prosecution"))
        #expect(letter.contains("a call to a hotline alone is not such a contact"))
        #expect(!letter.contains("investigation or prosecution of acts of trafficking, or of a crime"))
        // A hotline call in the list of contacts is marked as what it is.
        #expect(letter.contains("National Human Trafficking Hotline (a call to a hotline, not itself a contact with law enforcement)"))
    }

    @Test func aHotlineCallAloneCannotCarryComplianceInTheDeclaration() throws {
        let minimal = try load("t-visa/declaration", "minimal.json")
        let hotline = #"[{"date": "2024-05-20", "agency": "National Human Trafficking Hotline", "kind": "hotline", "what": "I called the hotline."}]"#
        let onlyHotline = try setting(minimal, ["lawEnforcement", "reports"], to: hotline)
        #expect(try errors("t-visa/declaration", onlyHotline) == ["lawEnforcement.reports rule-failed"])
        let message = try engine.prepare("t-visa/declaration").validate(onlyHotline, file: "case").first?.message ?? ""
        #expect(message.contains("a hotline is not a law enforcement agency"))
        #expect(message.contains("Federal, State, Tribal or local law enforcement agency"))

        // A hotline call and a report to the police: compliance can rest on the report.
        let both = try setting(minimal, ["lawEnforcement", "reports"], to: #"""
            [{"date": "2024-05-19", "agency": "National Human Trafficking Hotline", "kind": "hotline", "what": "I called the hotline."},
             {"date": "2024-05-20", "agency": "Example City Police Department", "kind": "local", "what": "I reported what happened."}]
            """#)
        #expect(try errors("t-visa/declaration", both).isEmpty)

        // With the trauma exception, a hotline call alone is not an error.
        var trauma = try setting(onlyHotline, ["lawEnforcement", "exception"], to: #""trauma""#)
        trauma = try setting(trauma, ["lawEnforcement", "traumaExplanation"], to: #""I cannot speak about it yet.""#)
        #expect(try errors("t-visa/declaration", trauma).isEmpty)

        // Every report says what kind of agency it went to.
        let noKind = try setting(minimal, ["lawEnforcement", "reports"], to: #"[{"date": "2024-05-20", "agency": "FBI", "what": "I told an agent."}]"#)
        #expect(try errors("t-visa/declaration", noKind) == ["lawEnforcement.reports[0].kind required"])
    }

    @Test func aHotlineCallAloneCannotCarryComplianceInTheCoverLetter() throws {
        let rich = try load("t-visa/cover-letter", "rich.yaml")
        let onlyHotline = try setting(rich, ["lawEnforcement", "contacts"], to: #"[{"date": "2023-09-09", "agency": "National Human Trafficking Hotline", "kind": "hotline"}]"#)
        #expect(try errors("t-visa/cover-letter", onlyHotline) == ["lawEnforcement.contacts rule-failed"])
        let underAge = try setting(onlyHotline, ["lawEnforcement", "basis"], to: #""under18""#)
        #expect(try errors("t-visa/cover-letter", underAge).isEmpty)
    }

    // MARK: - Correction 6: no fee waiver for forms that have no fee

    @Test func theFormsListOffersNoFeeWaiver() throws {
        let forms = try options("t-visa/cover-letter", ["forms"])
        #expect(!forms.contains("i912"))
        #expect(forms == ["g28", "i914a", "i914b", "i192", "i765", "i765family"])
        let rich = try load("t-visa/cover-letter", "rich.yaml")
        #expect(!(try text("t-visa/cover-letter", rich)).contains("I-912"))
        let withFeeWaiver = try setting(rich, ["forms"], to: #"["g28", "i912"]"#)
        #expect(try errors("t-visa/cover-letter", withFeeWaiver) == ["forms[1] not-an-option"])
    }

    // MARK: - Missing element: Forms I-765 for family members in the United States

    @Test func familyMembersInTheUnitedStatesApplyUnderC40AndC25() throws {
        let rich = try load("t-visa/cover-letter", "rich.yaml")
        let withFamily = try setting(rich, ["forms"], to: #"["g28", "i914a", "i192", "i765", "i765family"]"#)
        let letter = try text("t-visa/cover-letter", withFamily)
        #expect(letter.contains("Forms I-765, Application for Employment Authorization, under categories (c)(40) and (c)(25), for each family member in the United States who applies on Supplement A"))
        #expect(letter.contains("Each family member who is in the United States also applies for employment authorization on the enclosed Forms I-765: under category (c)(40)"))
        #expect(letter.contains("and under category (c)(25) (8 C.F.R. § 274a.12(c)(25))"))
        #expect(letter.contains("and the same for the family members in the United States."))
        // Without the family members' Forms I-765 the letter says nothing of them.
        #expect(!(try text("t-visa/cover-letter", rich)).contains("(c)(25)"))
        // The family members' Forms I-765 go with their Supplements A.
        let withoutSupplementA = try setting(rich, ["forms"], to: #"["g28", "i765family"]"#)
        #expect(try errors("t-visa/cover-letter", withoutSupplementA) == ["forms rule-failed"])
    }

    // MARK: - Correction 7: the declaration's wording

    @Test func debtIsAPurposeNotAMeans() throws {
        #expect(!(try options("t-visa/declaration", ["trafficking", "means"])).contains("debt"))
        #expect(try options("t-visa/declaration", ["trafficking", "purposes"]).contains("debtBondage"))
        let declaration = try text("t-visa/declaration", try load("t-visa/declaration", "rich.yaml"))
        #expect(!declaration.contains("a debt I could never repay"))
        #expect(declaration.contains("to keep me working for them when I believed I could not stop and make me work for a debt that my work never paid down"))
        let debtAsMeans = try setting(try load("t-visa/declaration", "minimal.json"), ["trafficking", "means"], to: #"["fraud", "debt"]"#)
        #expect(try errors("t-visa/declaration", debtAsMeans) == ["trafficking.means[1] not-an-option"])
    }

    @Test func patronizingAndSolicitingAreForSexTraffickingOnly() throws {
        let labor = try setting(try load("t-visa/declaration", "minimal.json"), ["trafficking", "acts"], to: #"["recruited", "solicited"]"#)
        #expect(try errors("t-visa/declaration", labor) == ["trafficking.acts rule-failed"])
        let message = try engine.prepare("t-visa/declaration").validate(labor, file: "case").first?.message ?? ""
        #expect(message.contains("acts of sex trafficking only"))
        let sex = try setting(try load("t-visa/declaration", "under-18.json"), ["trafficking", "acts"], to: #"["recruited", "patronized", "solicited"]"#)
        #expect(try errors("t-visa/declaration", sex).isEmpty)
    }

    @Test func theDeclarationStatesFactsNotLegalConclusions() throws {
        let minimal = try load("t-visa/declaration", "minimal.json")
        var trauma = try setting(minimal, ["lawEnforcement", "exception"], to: #""trauma""#)
        trauma = try setting(trauma, ["lawEnforcement", "traumaExplanation"], to: #""I cannot speak about it yet.""#)
        let cases = [try load("t-visa/declaration", "rich.yaml"), minimal, try load("t-visa/declaration", "under-18.json"), trauma]
        let conclusions = [
            "victim of a severe form of trafficking", "unusual and severe harm", "extreme hardship", "do not have to comply",
            "complied with", "reasonable request", "involuntary servitude", "debt bondage", "peonage", "slavery",
            "derivative T nonimmigrant status", "subject me to", "I understand that",
        ]
        for data in cases {
            let declaration = try text("t-visa/declaration", data)
            let found = conclusions.filter { declaration.contains($0) }
            #expect(found.isEmpty, "\(found)")
            #expect(declaration.contains("I am applying for T nonimmigrant status. I make this declaration from my own knowledge"))
        }
        let rich = try text("t-visa/declaration", cases[0])
        #expect(rich.contains("I have described what I fear would happen to me if I had to return to Viet Nam."))
        #expect(rich.contains("Trần Văn Bé is applying with me as a member of my family."))
        let young = try text("t-visa/declaration", cases[2])
        #expect(young.contains("began, on June 10, 2023, I was 16 years old."))
        #expect(try text("t-visa/declaration", trauma).contains("I have not been able to help law enforcement more than I describe in"))
    }

    // MARK: - Missing element: Continued Presence

    @Test func continuedPresenceIsAFactInTheDeclarationAndEvidenceInTheCoverLetter() throws {
        let declaration = try text("t-visa/declaration", try load("t-visa/declaration", "rich.yaml"))
        #expect(declaration.contains("On November 10, 2025, I was granted Continued Presence, which Homeland Security Investigations requested for me. It lasts until November 9, 2027."))
        let letter = try text("t-visa/cover-letter", try load("t-visa/cover-letter", "rich.yaml"))
        #expect(letter.contains("On November 10, 2025, Ms. Trần was granted Continued Presence at the request of Homeland Security Investigations, for a period that ends on November 9, 2027 (22 U.S.C. § 7105(c)(3))."))
        #expect(letter.contains("documentation of the grant is among the evidence of this element that USCIS considers (8 C.F.R. § 214.206(a)(3)(ii))"))
        // Without a grant neither document mentions it.
        #expect(!(try text("t-visa/declaration", try load("t-visa/declaration", "minimal.json"))).contains("Continued Presence"))
        #expect(!(try text("t-visa/cover-letter", try load("t-visa/cover-letter", "minimal.json"))).contains("Continued Presence"))
        // A grant needs the agency that requested it.
        let noAgency = try setting(try load("t-visa/cover-letter", "minimal.json"), ["continuedPresence"], to: #"{"granted": "2025-11-10"}"#)
        #expect(try errors("t-visa/cover-letter", noAgency) == ["continuedPresence.requestedBy required"])
    }

    @Test func inThePacketTheCoverLetterCitesTheContinuedPresenceParagraphAndExhibit() throws {
        let packetCase = fixture("packets/t-visa/case.json")
        let packet = try Packet(engine: engine, id: "packets/t-visa")
        let (assembly, diagnostics) = packet.assemble(try CaseFile.load(path: packetCase), caseFile: packetCase)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.formatted))")
        let built = try #require(assembly)
        var documents: [String: Document] = [:]
        for case .document(let part) in built.items { documents[part.name] = part.document }
        let declaration = try #require(documents["declaration"])
        let number = try #require(declaration.paragraphIDs["continuedPresence"]?.first)
        let letter = Self.plain(String(decoding: try OutputFormat.txt.write(try #require(documents["cover-letter"])), as: UTF8.self))
        let exhibit = try #require(built.exhibits.first { $0.id == "continued-presence" })
        #expect(letter.contains("Decl. ¶ \(number) (Continued Presence); Exs. B–D; Ex. \(exhibit.letter) (the grant of Continued Presence)."))
    }

    // MARK: - Missing element: 8 U.S.C. § 1367(a)(1)(F)

    @Test func theCoverLetterStatesTheBarOnDeterminationsFromTheTraffickersInformation() throws {
        for name in ["rich.yaml", "minimal.json"] {
            let letter = try text("t-visa/cover-letter", try load("t-visa/cover-letter", name))
            #expect(letter.contains("Under § 1367(a)(1)(F), USCIS may not make an adverse determination of admissibility or deportability about an applicant for T nonimmigrant status on the basis of information furnished only by the trafficker or perpetrator"))
        }
    }

    @Test func theReviewedTemplatesCarryTheReviewDate() throws {
        for id in ["t-visa/declaration", "t-visa/cover-letter"] {
            #expect(try engine.prepare(id).template.meta.reviewed == "2026-12-02", "\(id)")
        }
    }
}
