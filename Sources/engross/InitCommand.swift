import ArgumentParser
import Engross
import Foundation
import Templating

extension EngrossCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a skeleton case file for TEMPLATE, with every field to fill in.",
            discussion: """
                Dates are written yyyy-mm-dd; lists start with one item to copy. Without -o the \
                skeleton goes to standard output. An existing file is never overwritten unless \
                --force is given.

                Examples:
                  engross init letters/support -o case.json
                  engross init letters/support > case.json
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The template id.") var template: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the case file (.json).", valueName: "file"))
        var output: String?
        @Flag(help: "Overwrite the output file if it exists.") var force = false

        func run() throws {
            let prepared = try common.engine().prepareOrExit(template)
            let text = CaseSchema.skeleton(for: prepared.template).jsonText()
            guard let output, output != "-" else {
                Console.output(text)
                return
            }
            guard output.lowercased().hasSuffix(".json") else {
                throw ValidationError("the skeleton is JSON: name the output file with .json")
            }
            if FileManager.default.fileExists(atPath: output), !force {
                Console.error("engross: \(output) already exists; pass --force to overwrite it")
                throw ExitCode(ExitStatus.usage)
            }
            do {
                try AtomicFile.write(Array(text.utf8), to: output)
            } catch {
                Console.error("engross: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            Console.error("wrote \(output): fill it in, then run `engross validate \(template) \(output)`")
        }
    }
}
