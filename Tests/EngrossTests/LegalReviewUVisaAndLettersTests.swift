import CaseData
import Engross
import Foundation
import Templating
import TestSupport
import Testing

/// Legal review of the U visa templates and the letters (issue "[1/6] Legal review of the template
/// library"): each correction and each added element, checked on the rendered text, so that each
/// test fails on the wording it replaced. The exact diagnostics of the new rules are checked with the
/// other invalid fixtures in `TemplateLibraryTests.invalidCases`.
@Suite("Legal review: U visa templates and letters")
struct LegalReviewUVisaAndLettersTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    // MARK: - Helpers

    func load(_ path: String) throws -> CaseValue {
        try CaseFile.load(path: fixture("cases/" + path))
    }

    /// `data` with `value` set at the dotted `path`, creating groups on the way.
    func setting(_ path: String, to value: CaseValue, in data: CaseValue) -> CaseValue { data.setting(path, to: value) }

    /// `data` with each JSON value of `changes` set at its dotted path.
    func variant(_ data: CaseValue, _ changes: [String: String]) throws -> CaseValue {
        var data = data
        for (path, json) in changes.sorted(by: { $0.key < $1.key }) {
            data = setting(path, to: try CaseFile.parse(Data(json.utf8), format: .json, file: "variant.json"), in: data)
        }
        return data
    }

    /// The document as plain text, every run of white space one space (so that phrases wrapped
    /// across lines are found). Fails the test if the case data is not valid.
    func text(_ id: String, _ data: CaseValue, redact: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try plainText(of: id, data, engine: engine, redact: redact, sourceLocation: sourceLocation)
    }

    func diagnostics(_ id: String, _ data: CaseValue) throws -> [String] {
        try engine.prepare(id).validate(data, file: "case").map { "\($0.path) \($0.code.rawValue)" }
    }

    // MARK: - 1. Blank items on Supplement B

    @Test func supplementBBlankItemsAreGoodPracticeNotARejectionGround() throws {
        for (id, file) in [("u-visa/certification-request", "rich.yaml"), ("u-visa/certification-request", "minimal.json"),
                           ("u-visa/enclosure-list", "rich.yaml")] {
            let letter = try text(id, load("\(id)/\(file)"))
            #expect(!letter.contains("reject"), "\(id) \(file)")
            #expect(letter.contains("answer every item"), "\(id) \(file)")
            #expect(letter.contains(#"writing "N/A" or "None" where an item does not apply"#), "\(id) \(file)")
        }
    }

    // MARK: - 5. U support letters: abuse, not hardship

    @Test func uSupportLetterDescribesTheAbuseUnderItsFactors() throws {
        let letter = try text("letters/support", load("letters/support/rich.yaml"))
        #expect(letter.contains("The abuse Leila Mithal suffered"))
        #expect(letter.contains("8 C.F.R. § 214.14(b)(1)"))
        for factor in ["the nature of the injury", "the severity of the offender's conduct and of the harm", "how long the harm went on",
                       "permanent or serious harm to the victim's appearance, health, or physical or mental soundness, including a pre-existing condition made worse"] {
            #expect(letter.contains(factor), "\(factor)")
        }
        for heading in ["The injury", "The offender's conduct", "How long it lasted", "Lasting harm"] {
            #expect(letter.contains(heading + " "), "\(heading)")
        }
        #expect(!letter.contains("Hardship"))
        #expect(!letter.contains("hardship"))
    }

    @Test func tSupportLetterKeepsHardshipAndHasNoAbuseSection() throws {
        let letter = try text("letters/support", load("letters/support/valid.json"))
        #expect(letter.contains("Hardship if removed"))
        #expect(!letter.contains("214.14"))
        let support = try engine.prepare("letters/support").template
        #expect(support.meta.authority?.contains("214.206(a)(3)(ii)(F)") == true)
        #expect(support.meta.authority?.contains("214.209") == true)
        #expect(support.meta.authority?.contains("214.14(b)(1)") == true)
    }

    @Test func aUSupportLetterRefusesHardshipAndSaysWhatToWriteInstead() throws {
        let data = try load("letters/support/invalid/u-visa-with-hardship.json")
        let problems = try engine.prepare("letters/support").validate(data, file: "case")
        #expect(problems.map { "\($0.path) \($0.code.rawValue)" } == ["hardship rule-failed"])
        #expect(problems.first?.message.contains("abuse") == true)
        #expect(problems.first?.message.contains("8 C.F.R. § 214.14(b)(1)") == true)
    }

    // MARK: - 8. The interpreter's place of signing

    func declarationWithInterpreter(_ interpreter: String, signingPlace: String = "us") throws -> CaseValue {
        try variant(load("t-visa/declaration/minimal.json"), [
            "signing": #"{ "place": "\#(signingPlace)", "date": "2026-11-25" }"#,
            "interpreted": "true",
            "interpreter": interpreter,
        ])
    }

    @Test func aRemoteInterpreterAbroadSignsUnderSection1746One() throws {
        let data = try declarationWithInterpreter(#"""
            { "fullName": "Nour Example", "language": "Arabic", "remote": true,
              "signingPlace": "abroad", "signingDate": "2026-11-26" }
            """#)
        let declaration = try text("t-visa/declaration", data)
        // The declarant signs in the United States: § 1746(2).
        #expect(declaration.contains("I declare under penalty of perjury that the foregoing is true and correct. Executed on November 25, 2026."))
        // The interpreter signs abroad, on their own date: § 1746(1).
        #expect(declaration.contains("I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct. Executed on November 26, 2026."))
        #expect(declaration.contains("in Arabic, by telephone or video."))
        #expect(declaration.contains("signed it while we were still connected."))
        #expect(!declaration.contains("in my presence"))
    }

    @Test func anInterpreterInTheRoomSignsWhereTheDeclarantSigns() throws {
        let data = try declarationWithInterpreter(#"{ "fullName": "Nour Example", "language": "Arabic" }"#, signingPlace: "abroad")
        let declaration = try text("t-visa/declaration", data)
        let clause = "I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct. Executed on November 25, 2026."
        #expect(declaration.components(separatedBy: clause).count == 3, "the declarant's clause and the interpreter's")
        #expect(declaration.contains("signed it in my presence."))

        let elsewhere = try declarationWithInterpreter(#"{ "fullName": "Nour Example", "language": "Arabic", "signingPlace": "us" }"#, signingPlace: "abroad")
        #expect(try diagnostics("t-visa/declaration", elsewhere) == ["interpreter.signingPlace rule-failed"])
    }

    /// The interpreter's certificate writes the § 1746 clause itself (an include cannot be given the
    /// interpreter's place); its words must stay those of common/declaration-1746.
    @Test func theInterpretersClauseIsWordForWordTheDeclarationClause() throws {
        for place in ["us", "abroad"] {
            let alone = try text("common/declaration-1746", variant(.object([]), ["signing": #"{ "place": "\#(place)", "date": "2026-11-25" }"#]))
            let remote = try declarationWithInterpreter(#"{ "fullName": "Nour Example", "language": "Arabic", "remote": true, "signingPlace": "\#(place)" }"#,
                signingPlace: place == "us" ? "abroad" : "us")
            let declaration = try text("t-visa/declaration", remote)
            let certificate = try #require(declaration.range(of: "Certificate of interpreter")).upperBound
            #expect(declaration[certificate...].contains(alone.trimmingCharacters(in: .whitespaces)), "\(place)")
        }
    }

    // MARK: - U certification request: state law

    @Test func aCaliforniaRequestCitesSection67910AndItsDeadline() throws {
        let rich = try load("u-visa/certification-request/rich.yaml")
        let letter = try text("u-visa/certification-request", rich)
        #expect(letter.contains("California law also governs this request (Cal. Penal Code § 679.10)."))
        #expect(letter.contains("helpfulness is presumed unless the victim has refused or failed to provide information and assistance that law enforcement reasonably requested"))
        #expect(letter.contains("requires your agency to process this request within 90 days."))
        #expect(!letter.contains("Whether to certify is for your agency to decide."))
        #expect(!letter.contains("679.11"), "§ 679.11 is the T visa (Form I-914, Supplement B) counterpart")

        let inRemoval = try text("u-visa/certification-request", variant(rich, ["victim.inRemovalProceedings": "true"]))
        #expect(inRemoval.contains("requires your agency to process this request within 14 days, because Leila Mithal is in removal proceedings."))
        #expect(!inRemoval.contains("90 days"))
    }

    @Test func anotherStatesLawIsCitedAsTheAttorneyNamesIt() throws {
        let minimal = try load("u-visa/certification-request/minimal.json")
        let none = try text("u-visa/certification-request", minimal)
        #expect(none.contains("Whether to certify is for your agency to decide."))
        #expect(!none.contains("679.10"))

        let illinois = try text("u-visa/certification-request", variant(minimal, [
            "stateLaw": #"{ "law": "other", "citation": "5 ILCS 825/10" }"#, "victim.inRemovalProceedings": "true",
        ]))
        #expect(illinois.contains("I also make this request under 5 ILCS 825/10."))
        #expect(illinois.contains("Because Wei Shili is in removal proceedings, I ask your agency to decide this request as soon as it can."))
        #expect(!illinois.contains("679.10"))
        #expect(!illinois.contains("90 days"))
        #expect(!illinois.contains("Whether to certify is for your agency to decide."))
    }

    // MARK: - U certification request: who asks

    @Test func anIndirectVictimIsNamedWithTheDirectVictim() throws {
        let data = try variant(load("u-visa/certification-request/minimal.json"), [
            "victimType": #""indirect""#,
            "directVictim": #"{ "fullName": "Lan Shili", "relationship": "spouse", "status": "deceased" }"#,
            "crime.activities": #"["murder"]"#,
        ])
        let letter = try text("u-visa/certification-request", data)
        #expect(letter.contains("I represent Wei Shili, the spouse of Lan Shili, the direct victim of the criminal activity described below"))
        #expect(letter.contains("(8 C.F.R. § 214.14(a)(14)(i))"))
        #expect(letter.contains("Lan Shili died as a result of the criminal activity, and Wei Shili is Lan Shili's spouse."))

        let incapacitated = try text("u-visa/certification-request", variant(data, ["directVictim.status": #""incapacitated""#]))
        #expect(incapacitated.contains("Lan Shili is incompetent or incapacitated, and so cannot give information about it or help"))
    }

    @Test func aBystanderIsAVictimOfTheHarmDoneToThem() throws {
        let data = try variant(load("u-visa/certification-request/minimal.json"), ["victimType": #""bystander""#])
        let letter = try text("u-visa/certification-request", data)
        #expect(letter.contains("I represent Wei Shili, who was directly harmed by the criminal activity described below"))
        #expect(letter.contains("He was not its target."))
        #expect(letter.contains("direct and proximate harm as a result of it (8 C.F.R. § 214.14(a)(14))"))
    }

    @Test func aParentMayHelpForAVictimUnder16() throws {
        let data = try variant(load("u-visa/certification-request/minimal.json"), [
            "victim.dateOfBirth": #""2012-03-01""#,
            "helper": #"{ "fullName": "Mei Shili", "relationship": "parent" }"#,
        ])
        let letter = try text("u-visa/certification-request", data)
        #expect(letter.contains("His parent, Mei Shili, has helped your agency in its investigation or prosecution of that activity on his behalf."))
        #expect(letter.contains("Because Wei Shili was under 16 when the criminal activity began, a parent, guardian or next friend may hold the information about it and give the help in his place (8 C.F.R. § 214.14(b)(2)-(3))."))
        #expect(letter.contains("that he, or Mei Shili on his behalf, has information about it and has been, is being or is likely to be helpful"))

        // 14 years old on the first date of the crime, but 16 on a later one: the age counts on the first.
        let laterBirthday = try variant(data, ["victim.dateOfBirth": #""2010-02-15""#, "crime.dateTo": #""2026-03-01""#])
        #expect(try text("u-visa/certification-request", laterBirthday).contains("was under 16 when the criminal activity began"))

        let incapacitated = try text("u-visa/certification-request", variant(load("u-visa/certification-request/minimal.json"), [
            "victim.incapacitated": "true", "helper": #"{ "fullName": "Mei Shili", "relationship": "guardian" }"#,
        ]))
        #expect(incapacitated.contains("Because Wei Shili is incompetent or incapacitated, a parent, guardian or next friend may hold the information"))

        let adult = try text("u-visa/certification-request", load("u-visa/certification-request/minimal.json"))
        #expect(!adult.contains("214.14(b)(2)-(3)"))
    }

    @Test func theNamesOfTheDirectVictimAndTheHelperAreRedacted() throws {
        let data = try variant(load("u-visa/certification-request/minimal.json"), [
            "victimType": #""indirect""#,
            "victim.dateOfBirth": #""2013-03-01""#,
            "directVictim": #"{ "fullName": "Lan Shili", "relationship": "parent", "status": "deceased", "dateOfBirth": "1988-01-01" }"#,
            "crime.activities": #"["manslaughter"]"#,
            "helper": #"{ "fullName": "Mei Shili", "relationship": "guardian" }"#,
        ])
        #expect(try diagnostics("u-visa/certification-request", data) == ["directVictim.relationship rule-failed"])
        let child = try variant(data, ["directVictim.relationship": #""child""#])
        let plain = try text("u-visa/certification-request", child)
        let redacted = try text("u-visa/certification-request", child, redact: true)
        for name in ["Lan Shili", "Mei Shili"] {
            #expect(plain.contains(name))
            #expect(!redacted.contains(name), "\(name)")
        }
    }

    // MARK: - Continued Presence

    @Test func continuedPresenceCitesTheRegulationAndTheFederalPartner() throws {
        let letter = try text("letters/continued-presence-request", load("letters/continued-presence-request/rich.yaml"))
        #expect(letter.contains("Only a federal law enforcement official can request it (28 C.F.R. § 1100.35(a)); a state, local, tribal or territorial agency that investigates the trafficking asks for it through a federal law enforcement partner."))
        #expect(letter.contains("granted for two years at a time and may be renewed"))
        #expect(letter.contains("I write to ask that your agency apply for Continued Presence for him under 22 U.S.C. § 7105(c)(3)."))

        let local = try variant(load("letters/continued-presence-request/minimal.json"), ["agency.level": #""stateLocal""#])
        #expect(try text("letters/continued-presence-request", local)
            .contains("I write to ask that your agency seek Continued Presence for her, through its federal law enforcement partner, under 22 U.S.C. § 7105(c)(3)."))
        let authority = try engine.prepare("letters/continued-presence-request").template.meta.authority ?? ""
        #expect(authority.contains("28 C.F.R. § 1100.35"))
    }

    // MARK: - Review dates

    @Test func everyReviewedTemplateCarriesTheReviewDate() throws {
        for id in ["u-visa/certification-request", "u-visa/enclosure-list", "letters/support", "letters/continued-presence-request",
                   "common/interpreter-certificate"] {
            #expect(try engine.prepare(id).template.meta.reviewed == "2026-12-02", "\(id)")
        }
    }
}
