import TextSafety
import CaseData
import Foundation

extension CaseSchema {
    /// A skeleton case file in YAML, with a comment after each field giving its label, whether it
    /// is required, and what form its value takes: the friendliest start for someone filling in a
    /// case by hand.
    public static func yamlSkeleton(for template: Template) -> String {
        var lines = [
            "# Case file for \(template.id): \(comment(template.meta.title))",
            "# Fill in each value after the colon. Dates are written yyyy-mm-dd. Text after # is a note.",
            "# Check it with: engross validate \(template.id) THIS-FILE",
            "",
        ]
        writeFields(template.fields, indent: "", firstPrefix: nil, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func writeFields(_ fields: [FieldDeclaration], indent: String, firstPrefix: String?, into lines: inout [String]) {
        for (index, field) in fields.enumerated() {
            let lead = index == 0 && firstPrefix != nil ? firstPrefix! : indent
            let note = "  # " + comment(describe(field))
            switch field.type {
            case .group:
                lines.append("\(lead)\(field.name):\(note)")
                writeFields(field.children, indent: indent + "  ", firstPrefix: nil, into: &lines)
            case .list:
                lines.append("\(lead)\(field.name):\(note)")
                writeFields(field.children, indent: indent + "    ", firstPrefix: indent + "  - ", into: &lines)
            default:
                lines.append("\(lead)\(field.name): \(yamlValue(skeleton(for: field)))\(note)")
            }
        }
    }

    private static func yamlValue(_ value: CaseValue) -> String {
        switch value.kind {
        case .null: return ""
        case .bool(let flag): return flag ? "true" : "false"
        case .number(_, let literal): return literal
        case .string(let text): return CaseValue.quoted(text)
        case .list(let items) where items.isEmpty: return "[]"
        default: return value.jsonText(pretty: false)
        }
    }

    /// `text` on one line, for a YAML comment: a title, label, help or option written over several
    /// lines of the template would otherwise end the comment, and its next line would be read as data.
    /// Control characters are dropped too: YAML refuses them even in a comment.
    static func comment(_ text: String) -> String {
        let line = text.contains(where: \.isNewline)
            ? text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            : text
        return TextSafety.forDocument(line)
    }

    /// "Client's full legal name (required, date yyyy-mm-dd)".
    static func describe(_ field: FieldDeclaration) -> String {
        var facts: [String] = []
        if field.required { facts.append("required") }
        if let condition = field.requiredIfText { facts.append("required if \(condition)") }
        switch field.type {
        case .date: facts.append("date yyyy-mm-dd")
        case .boolean: facts.append("true or false")
        case .integer: facts.append("whole number")
        case .money: facts.append("amount, e.g. 1250.50")
        case .choice:
            let choices = field.options.map { "\($0.value) = \($0.label)" }.joined(separator: "; ")
            facts.append((field.multiple ? "a list of: " : "one of: ") + choices)
        case .paragraphs: facts.append("paragraphs: write | then the text indented below, a blank line between paragraphs")
        case .pronouns: facts.append("she, he or they")
        case .usState: facts.append("state code, e.g. TX")
        case .aNumber: facts.append("A-number, e.g. A012345678")
        case .receiptNumber: facts.append("3 letters and 10 digits")
        case .email: facts.append("email address")
        case .phone: facts.append("phone number")
        case .list:
            var bounds: [String] = []
            if let minimum = field.minimum { bounds.append("at least \(minimum)") }
            if let maximum = field.maximum { bounds.append("at most \(maximum)") }
            facts.append("a list" + (bounds.isEmpty ? "" : " of " + bounds.joined(separator: ", ")) + "; copy the item for more")
        case .text, .group: break
        }
        if field.sensitive { facts.append("confidential") }
        let label = field.displayLabel + (field.help.map { ": \($0)" } ?? "")
        return facts.isEmpty ? label : "\(label) (\(facts.joined(separator: ", ")))"
    }
}
