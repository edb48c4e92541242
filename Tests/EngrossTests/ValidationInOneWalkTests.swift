import CaseData
import Engross
import Foundation
import Templating
import Testing
import TestSupport

/// `validateFindingRequired` (one walk, for the web form) answers exactly as `validate` and
/// `conditionallyRequired` do apart, for every fixture of every template, as it is and with
/// each of its top-level groups and lists taken out (so that groups validation skips are met).
@Suite struct ValidationInOneWalkTests {
    @Test func everyFixtureGivesTheSameAnswersAsTheTwoWalks() throws {
        let engine = Engine(templatesPath: templatesPath, today: fixtureToday)
        let fixtures = repositoryRoot.appendingPathComponent("Fixtures/cases")
        var checked = 0
        for case let url as URL in FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)! {
            guard ["json", "yaml"].contains(url.pathExtension) else { continue }
            let relative = url.path.dropFirst(fixtures.path.count + 1).split(separator: "/")
            guard relative.count >= 3, let template = try? engine.prepare(relative[0] + "/" + relative[1]) else { continue }
            let data = try CaseFile.load(path: url.path)
            var variants = [data]
            for field in template.template.fields where !field.children.isEmpty {
                if var object = data.objectValue {
                    object[field.name] = nil
                    variants.append(CaseValue(.object(object)))
                    object[field.name] = .string("not a group")
                    variants.append(CaseValue(.object(object)))
                }
            }
            for value in variants {
                let (diagnostics, required) = template.validator.validateFindingRequired(value, file: nil)
                #expect(diagnostics == template.validate(value, file: nil), "\(url.lastPathComponent)")
                #expect(required == template.validator.conditionallyRequired(value), "\(url.lastPathComponent)")
                checked += 1
            }
        }
        #expect(checked > 300)
    }
}
