import ArgumentParser
import Engross
import Templating

extension EngrossCommand {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check templates against the vocabulary's schema and their own fields.",
            discussion: """
                Reports, with file and line: XML that is not well-formed or does not match the schema \
                (Templates/engross.rng), unknown elements or attributes, malformed expressions, fields \
                used but not declared, missing includes, include or extends cycles, and references to \
                paragraphs that do not exist. With no TEMPLATE, checks every template.

                Warns (without failing) when a template's legal content has no <reviewed> date or \
                was last reviewed more than a year before today (SOURCE_DATE_EPOCH sets today).

                Exit status: 0 when every template is sound (warnings allowed); 2 otherwise.

                Examples:
                  engross lint
                  engross lint letters/support
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "Template ids to check (all when none are given).") var templates: [String] = []
        @Option(help: ArgumentHelp("The RELAX NG schema to check against (default: engross.rng in the templates folder).", valueName: "file"))
        var schema: String?

        func run() throws {
            let engine = try common.engine()
            let linter = Linter(library: engine.library, today: engine.today)
            let schemaPath = schema ?? TemplateLocator.schema(for: engine.library.root.path)
            if schemaPath == nil {
                Console.error("engross: note: no engross.rng found beside the templates; checking without the schema (pass --schema FILE to use one)")
            }
            let ids = templates.isEmpty
                ? engine.library.templateIDs() + engine.library.packetIDs() : templates.map(engine.templateID(for:))
            var problemCount = 0
            var warningCount = 0
            for id in ids {
                let problems = linter.lint(id, schemaPath: schemaPath)
                for problem in problems { Console.error(problem.descriptionWithSource) }
                warningCount += problems.filter { $0.severity == .warning }.count
                problemCount += problems.filter { $0.severity == .error }.count
            }
            Console.error("\(ids.count) template\(ids.count == 1 ? "" : "s") checked, \(problemCount) problem\(problemCount == 1 ? "" : "s")"
                + (warningCount > 0 ? ", \(warningCount) warning\(warningCount == 1 ? "" : "s")" : ""))
            if problemCount > 0 { throw ExitCode(ExitStatus.usage) }
        }
    }
}
