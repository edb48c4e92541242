import ArgumentParser
import CaseData
import Engross
import Foundation
import Templating

extension EngrossCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a skeleton case file for TEMPLATE, with every field to fill in.",
            discussion: """
                Lists start with one item to copy. A .yaml or .yml file (or --yaml) gets a note \
                beside each field: its label, whether it is required, and the form of its value. \
                Without -o the skeleton goes to standard output. An existing file is never \
                overwritten unless --force is given.

                Examples:
                  engross init letters/support -o case.yaml
                  engross init letters/support -o case.json
                  engross init letters/support > case.json
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The template id.") var template: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the case file (.json, .yaml or .yml).", valueName: "file"))
        var output: String?
        @Flag(help: "Overwrite the output file if it exists.") var force = false
        @Flag(help: "Write YAML with a note on each field (the default for .yaml and .yml files).") var yaml = false

        func run() throws {
            let prepared = try common.engine().prepareOrExit(template)
            let wantsYAML = yaml || output.map { CaseFile.format(of: $0) == .yaml } == true
            if let output, output != "-", CaseFile.format(of: output) == nil {
                throw ValidationError("name the case file with .json, .yaml or .yml")
            }
            let text = wantsYAML
                ? CaseSchema.yamlSkeleton(for: prepared.template)
                : CaseSchema.skeleton(for: prepared.template).jsonText()
            try NewFile.write(text, to: output, force: force,
                done: "wrote \(output ?? ""): fill it in, then run `engross validate \(template) \(output ?? "")`")
        }
    }
}
