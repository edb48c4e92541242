import ArgumentParser
import Engross
import FormPDF
import Foundation

extension EngrossCommand {
    struct FormFields: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "form-fields",
            abstract: "List the fields of a blank PDF form, or write a first form template for it.",
            discussion: """
                Each line gives the field's full name, its type, the page and size of its box in \
                points, its maximum length, its flags (comb, multi-line, read-only) and its options \
                (the on-states of check boxes and radio buttons, the export values of lists). \
                --json prints the same as JSON. --skeleton ID writes a form template declaring one \
                case field per PDF field and mapping every PDF field, for you to rename and label; \
                without -o it goes to standard output, and an existing file is never overwritten \
                unless --force is given.

                Examples:
                  engross form-fields Forms/i-914.pdf
                  engross form-fields Forms/i-914.pdf --json
                  engross form-fields Forms/i-914.pdf --skeleton forms/i-914 -o Templates/forms/i-914.xml
                """)

        @Argument(help: ArgumentHelp("The blank PDF form.", valueName: "blank.pdf")) var blank: String
        @Flag(help: "Print the fields as JSON.") var json = false
        @Option(help: ArgumentHelp("Write a form template with this id instead of the list.", valueName: "id"))
        var skeleton: String?
        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the skeleton template.", valueName: "file"))
        var output: String?
        @Flag(help: "Overwrite the output file if it exists.") var force = false

        func validate() throws {
            if output != nil, skeleton == nil { throw ValidationError("-o writes a skeleton template; give --skeleton ID too") }
            if json, skeleton != nil { throw ValidationError("give either --json or --skeleton, not both") }
        }

        func run() throws {
            let form: BlankForm
            do {
                form = try BlankForm(path: blank)
            } catch {
                Console.error("engross: \(error.message)")
                throw ExitCode(ExitStatus.usage)
            }
            if let skeleton {
                let xml = FormSkeleton(blank: form, id: skeleton, blankName: URL(fileURLWithPath: blank).lastPathComponent).xml
                try NewFile.write(xml, to: output, force: force, done: "wrote \(output ?? ""): rename and label its fields, then run `engross lint`")
            } else if json {
                Console.output(try FormFieldList.json(form))
            } else {
                Console.output(FormFieldList.table(form))
            }
        }
    }
}

/// The fields of a blank as `engross form-fields` prints them.
enum FormFieldList {
    /// A table, one field a line.
    static func table(_ form: BlankForm) -> String {
        let header = ["NAME", "TYPE", "PAGE", "BOX (PT)", "MAX", "FLAGS", "OPTIONS"]
        let rows = form.fields.map { field -> [String] in
            let pages = Array(Set(field.widgets.map(\.page))).sorted().map(String.init).joined(separator: ",")
            let box = field.widgets.first.map { "\(number($0.width)) x \(number($0.height))" } ?? ""
            return [field.name, field.kind.rawValue, pages, box, field.maxLength.map(String.init) ?? "", flags(field).joined(separator: ","),
                field.options.joined(separator: " | ")]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let line: ([String]) -> String = { cells in
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = ["\(form.name): \(form.fields.count) fields on \(form.pageCount) pages"
            + (form.hasXFA ? "; it also has an XFA form, which filling removes" : ""), ""]
        lines.append(line(header))
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as JSON: an object with the pages, XFA, and the fields in document order.
    static func json(_ form: BlankForm) throws -> String {
        struct Widget: Encodable { var page: Int; var x, y, width, height: Double }
        struct Field: Encodable {
            var name, type: String
            var widgets: [Widget]
            var maxLength: Int?
            var comb, multiline, readOnly: Bool
            var options: [String]
            var fontSize: Double?
        }
        struct Blank: Encodable { var pages: Int; var xfa: Bool; var fields: [Field] }
        let blank = Blank(pages: form.pageCount, xfa: form.hasXFA, fields: form.fields.map { field in
            Field(name: field.name, type: field.kind.rawValue,
                widgets: field.widgets.map { Widget(page: $0.page, x: $0.x, y: $0.y, width: $0.width, height: $0.height) },
                maxLength: field.maxLength, comb: field.isComb, multiline: field.isMultiline, readOnly: field.isReadOnly,
                options: field.options, fontSize: field.fontSize)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(blank), as: UTF8.self) + "\n"
    }

    private static func flags(_ field: FormFieldInfo) -> [String] {
        [field.isComb ? "comb" : nil, field.isMultiline ? "multi-line" : nil, field.isReadOnly ? "read-only" : nil].compactMap { $0 }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
