import ArgumentParser
import CaseData
import Foundation
import Engross
import Templating
import TextSafety

extension EngrossCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check case files against TEMPLATE's fields and rules; report every problem at once.",
            discussion: """
                Each problem names the case file, line and column, the field path (with list \
                indexes, like incidents[2].date), the field's label, what is wrong and how to fix it. \
                The value of a sensitive field is never shown.

                Exit status: 0 all valid (warnings allowed); 1 some case data is invalid; 2 a case \
                file cannot be read or parsed, or the template is broken.

                Examples:
                  engross validate letters/support case.json
                  engross validate letters/support cases/ --json > report.json
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The template id.") var template: String
        @Argument(help: "Case files (.json, .yaml or .yml; - for standard input), or folders of them.") var cases: [String]
        @Flag(help: "Print the diagnostics as JSON on standard output.") var json = false

        func validate() throws {
            if cases.isEmpty { throw ValidationError("give at least one case file to check") }
        }

        func run() throws {
            let prepared = try common.engine().prepareOrExit(template)
            let checks = try CaseFile.expand(cases).map { CaseCheck(file: $0, template: prepared) }
            if json {
                Console.output(report(checks).jsonText())
            } else {
                for check in checks {
                    check.printDiagnostics()
                    // A folder's file names come from whoever made the folder: printed escaped.
                    Console.error("\(TextSafety.forMessage(check.file, limit: 1_000)): " + (check.isValid ? "valid" : "not valid") + " (\(check.summary))")
                }
            }
            if checks.contains(where: { $0.unreadable != nil }) { throw ExitCode(ExitStatus.usage) }
            if checks.contains(where: { !$0.isValid }) { throw ExitCode(ExitStatus.invalidData) }
        }

        private func report(_ checks: [CaseCheck]) -> CaseValue {
            ValidationReport.report(template: template, files: checks.map {
                ValidationReport.entry(file: $0.file, diagnostics: $0.diagnostics, unreadable: $0.unreadable)
            })
        }
    }
}

extension CaseFile {
    /// The case files named by `arguments`: files as given, and for each folder the case files
    /// directly in it (.json, .yaml, .yml), sorted by name. Exits 2 when a folder has none.
    static func expand(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                files.append(argument)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
            let found = names.filter { CaseFile.format(of: $0) != nil && !$0.hasPrefix(".") }
                .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            guard !found.isEmpty else {
                Console.error("engross: the folder \(argument) holds no case files (.json, .yaml or .yml)")
                throw ExitCode(ExitStatus.usage)
            }
            let folder = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            files += found.map { "\(folder)/\($0)" }
        }
        return files
    }
}

