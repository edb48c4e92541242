import ArgumentParser
import Engross
import Templating

extension EngrossCommand {
    struct Fields: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fields",
            abstract: "Show the fields a case file for TEMPLATE needs.",
            discussion: """
                Each line gives the field's path in the case file, its type, whether it is required, \
                and its label. Lists show their items' fields as path[].field.

                Examples:
                  engross fields letters/support
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The template id, e.g. letters/support.") var template: String

        func run() throws {
            let prepared = try common.engine().prepareOrExit(template)
            let meta = prepared.template.meta
            var lines = ["\(prepared.template.id) \(prepared.template.version): \(meta.title)"]
            if let authority = meta.authority { lines.append("Authority: \(authority)") }
            if let reviewed = meta.reviewed { lines.append("Legal content last reviewed: \(reviewed)") }
            lines.append("")
            describe(prepared.template.fields, prefix: "", into: &lines)
            lines.append("")
            lines.append("* required   (s) sensitive: never shown in messages, removed by --redact")
            Console.output(lines.joined(separator: "\n") + "\n")
        }

        private func describe(_ fields: [FieldDeclaration], prefix: String, into lines: inout [String]) {
            for field in fields {
                let path = prefix + field.name
                var type = field.type.rawValue
                if field.type == .choice && field.multiple { type = "choice, several" }
                if field.type == .list {
                    let bounds = [field.minimum.map { "at least \($0)" }, field.maximum.map { "at most \($0)" }].compactMap { $0 }
                    if !bounds.isEmpty { type += " (\(bounds.joined(separator: ", ")))" }
                }
                if field.type == .date { type += " yyyy-mm-dd" }
                var flags = field.required ? "*" : " "
                if field.requiredIfText != nil { flags = "?" }
                let sensitive = field.sensitive ? " (s)" : ""
                var line = "\(flags) \(path.padded(34)) \(type.padded(18)) \(field.displayLabel)\(sensitive)"
                if let condition = field.requiredIfText { line += " [required if \(condition)]" }
                if let value = field.defaultValue { line += " [default: \(value)]" }
                lines.append(line)
                if let help = field.help { lines.append("    \(String(repeating: " ", count: 34)) \(help)") }
                for option in field.options {
                    lines.append("    \(String(repeating: " ", count: 34))   \(option.value): \(option.label)")
                }
                if field.type == .group { describe(field.children, prefix: path + ".", into: &lines) }
                if field.type == .list { describe(field.children, prefix: path + "[].", into: &lines) }
            }
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema (2020-12) of TEMPLATE's case file.",
            discussion: """
                Editors and form builders can use it to check or complete case files.

                Examples:
                  engross schema letters/support > support.schema.json
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The template id.") var template: String

        func run() throws {
            let prepared = try common.engine().prepareOrExit(template)
            Console.output(CaseSchema.jsonSchema(for: prepared.template).jsonText())
        }
    }
}
