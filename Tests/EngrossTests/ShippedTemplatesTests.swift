import CaseData
import Engross
import Foundation
import Templating
import TestSupport
import Testing

let templatesPath = repositoryRoot.appendingPathComponent("Templates").path
let fixtureToday = CivilDate(year: 2026, month: 11, day: 29)!

/// The formats whose output is text, compared with golden files.
let textFormats: [OutputFormat] = [.txt, .md, .html]

func fixture(_ path: String) -> String { repositoryRoot.appendingPathComponent("Fixtures/" + path).path }

@Suite("The shipped templates")
struct ShippedTemplatesTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    @Test func everyTemplateLintsClean() {
        let linter = Linter(library: engine.library, today: engine.today)
        let ids = engine.library.templateIDs()
        #expect(ids.contains("letters/support"))
        for id in ids {
            let problems = linter.lint(id, schemaPath: templatesPath + "/engross.rng")
            #expect(problems.isEmpty, "\(id): \(problems)")
        }
    }

    @Test func supportLetterMatchesItsGoldenFiles() throws {
        let support = try engine.prepare("letters/support")
        let data = try CaseFile.load(path: fixture("cases/letters/support/valid.json"))
        #expect(support.validate(data, file: "valid.json").isEmpty)
        let document = support.render(data)
        for format in textFormats {
            try Golden.check(String(decoding: format.write(document), as: UTF8.self), against: "support-letter.\(format.rawValue)")
        }
        try Golden.check(String(decoding: OutputFormat.txt.write(support.render(data, redact: true)), as: UTF8.self),
            against: "support-letter-redacted.txt")
    }

    @Test func redactedLetterHoldsNoSensitiveValue() throws {
        let support = try engine.prepare("letters/support")
        let data = try CaseFile.load(path: fixture("cases/letters/support/valid.json"))
        for format in textFormats {
            let text = String(decoding: try format.write(support.render(data, redact: true)), as: UTF8.self)
            for secret in ["Rosa", "Ejemplo", "1990", "January 1, 1990", "000-000-001", "afraid", "counselling"] {
                #expect(!text.contains(secret), "\(format): \(secret)")
            }
            #expect(text.contains("Example Survivor Services"))
        }
    }

    @Test func sevenProblemsInOneRun() throws {
        let support = try engine.prepare("letters/support")
        let data = try CaseFile.load(path: fixture("cases/letters/support/invalid-seven-problems.json"))
        let problems = support.validate(data, file: "seven-problems.json")
        #expect(problems.map { "\($0.path) \($0.code.rawValue)" }.sorted() == [
            "author.title required", "client.fullName required", "client.pronouns required", "letterDate invalid-date",
            "organization.addressLine1 required", "role required", "visa not-an-option",
        ])
        #expect(problems.allSatisfy { $0.label != nil })
        let all = problems.map { $0.formatted + $0.json.jsonText() }.joined()
        for secret in ["1991", "SECRET", "A000000002"] { #expect(!all.contains(secret)) }
    }

    @Test func sameInputGivesSameBytes() throws {
        let support = try engine.prepare("letters/support")
        let data = try CaseFile.load(path: fixture("cases/letters/support/valid.json"))
        for format in OutputFormat.allCases {
            #expect(try format.write(support.render(data)) == format.write(try engine.prepare("letters/support").render(data)))
        }
    }

    @Test func yamlAndJSONCaseFilesRenderTheSame() throws {
        let support = try engine.prepare("letters/support")
        let json = try CaseFile.load(path: fixture("cases/letters/support/valid.json"))
        let yaml = try CaseFile.load(path: fixture("cases/letters/support/valid.yaml"))
        #expect(support.validate(yaml, file: "valid.yaml").isEmpty)
        #expect(try OutputFormat.txt.write(support.render(json)) == OutputFormat.txt.write(support.render(yaml)))
    }

    @Test func jsonSchemaDescribesTheCaseFile() throws {
        let support = try engine.prepare("letters/support")
        let schema = CaseSchema.jsonSchema(for: support.template)
        let text = schema.jsonText()
        #expect(text.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
        let properties = try #require(schema.objectValue?["properties"]?.objectValue)
        #expect(properties["letterDate"]?.objectValue?["format"]?.stringValue == "date")
        #expect(properties["visa"]?.objectValue?["enum"]?.listValue?.compactMap(\.stringValue) == ["t", "u"])
        #expect(properties["services"]?.objectValue?["minItems"]?.kind == .number(1, literal: "1"))
        let client = try #require(properties["client"]?.objectValue)
        #expect(client["required"]?.listValue?.compactMap(\.stringValue) == ["fullName", "pronouns"])
        #expect(client["title"]?.stringValue == "Client")
    }

    @Test func skeletonListsEveryField() throws {
        let support = try engine.prepare("letters/support")
        let skeleton = CaseSchema.skeleton(for: support.template)
        let problems = support.validate(skeleton, file: "skeleton.json")
        #expect(!problems.contains { $0.code == .unknownField })
        #expect(skeleton.objectValue?["services"]?.listValue?.count == 1)
        #expect(skeleton.objectValue?["author"]?.objectValue?.keys == ["name", "title", "organization", "credentials"])
    }
}
