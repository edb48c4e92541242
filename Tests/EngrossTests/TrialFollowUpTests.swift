import CaseData
import Engross
import Foundation
import Templating
import TestSupport
import Testing

/// What a new user's trial of the reviewed library found, each fixed and kept fixed.
@Suite("The library after a new user's trial")
struct TrialFollowUpTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    func text(_ template: String, _ fixture: String, _ change: ((CaseValue) -> CaseValue)? = nil) throws -> String {
        let data = try CaseFile.load(path: self.fixture(template, fixture))
        return try plainText(of: template, change?(data) ?? data, engine: engine)
    }

    func fixture(_ template: String, _ name: String) -> String {
        repositoryRoot.appendingPathComponent("Fixtures/cases/\(template)/\(name)").path
    }

    @Test func aPetitionAsksTheCourtToAwardCustodyNotTheRespondentToRecogniseIt() throws {
        let text = try text("protective-order/petition", "rich.yaml")
        #expect(!text.contains("recognize that Petitioner has temporary custody"))
        #expect(text.contains("not remove the children named above from Petitioner's care;"))
        #expect(text.contains("Temporary custody of the children named above while the order is in effect."))
        #expect(!text.contains("and obey any other order"))
        #expect(text.contains("obey any other order the Court finds necessary"))
    }

    @Test func theTexasApplicationOffersNoChoiceOfVerification() throws {
        let template = try engine.prepare("protective-order/texas-7b").template
        let signing = try #require(template.field("signing"))
        #expect(signing.children.map(\.name) == ["date", "city"])
        var data = try CaseFile.load(path: fixture("protective-order/texas-7b", "minimal.json"))
        data = data.setting("signing.method", to: .string("declaration"))
        let problems = try engine.prepare("protective-order/texas-7b").validate(data, file: "minimal.json")
        #expect(problems.map { "\($0.path) \($0.code.rawValue)" } == ["signing.method unknown-field"])
    }

    @Test func theCertificationRequestAgreesWithTheVictimsPronouns() throws {
        let they = try text("u-visa/certification-request", "rich.yaml") { $0.setting("victim.pronouns", to: .string("they")) }
        #expect(they.contains("They remain willing to help with any further investigation or prosecution, and so are likely to be helpful"))
        let she = try text("u-visa/certification-request", "rich.yaml")
        #expect(she.contains("She remains willing to help with any further investigation or prosecution, and so is likely to be helpful"))
        #expect(!she.contains("does not accept a copy of the signature"))
    }
}
