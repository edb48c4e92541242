import Foundation
import CaseData
import DocumentModel

/// Evaluates a form template (`kind="form"`) against a (validated) case file: the value of each
/// field of the blank.
///
/// Text boxes are running text evaluated exactly as a document's paragraph (`DocumentEvaluator`),
/// and redacted by the same rule (`[Inline].redacted()`). A check box, radio button or choice
/// whose value reads a sensitive field is left empty in a redacted form: the mark in the box is
/// the answer, and it cannot be written as "[REDACTED]".
public struct FormEvaluator: Sendable {
    public let template: Template
    private let documents: DocumentEvaluator

    /// - Parameter template: a loaded form template (`template.form` is not nil).
    public init(template: Template, today: CivilDate) {
        self.template = template
        self.documents = DocumentEvaluator(template: template, today: today)
    }

    /// The fields to fill for `root`; redacted when `redact` is true. Run `CaseValidator` first:
    /// missing or malformed values are simply left out here.
    public func evaluate(_ root: CaseValue, redact: Bool = false) -> FormContent {
        guard let form = template.form else { return FormContent(entries: [], addendumLines: []) }
        let scope = documents.scope(for: root)
        let expressions = ExpressionEvaluator(today: documents.today)
        func text(_ nodes: [TemplateNode]) -> String {
            let inlines = documents.inlines(nodes, in: scope)
            return Self.trimmed((redact ? inlines.redacted() : inlines).plainText)
        }
        var entries: [FormContent.Entry] = []
        for entry in form.entries {
            let value: FormFieldValue?
            switch entry.fill {
            case .text(let nodes):
                let shown = text(nodes)
                value = shown.isEmpty ? nil : .text(shown)
            case .check(let test, let sensitive):
                value = .checked(!(redact && sensitive) && expressions.evaluate(test, in: scope).isTruthy)
            case .radio(let node, let options):
                guard !(redact && node.sensitive) else { value = nil; break }
                let written = Self.written(expressions.evaluate(node.expression, in: scope))
                value = options.first { $0.value == written }.map { .option($0.state) }
            case .choice(let node):
                guard !(redact && node.sensitive) else { value = nil; break }
                let shown = text([.value(node)])
                value = shown.isEmpty ? nil : .option(shown)
            case .leave:
                value = nil
            }
            if let value { entries.append(FormContent.Entry(field: entry.field, value: value, part: entry.part, item: entry.item)) }
        }
        let lines = (form.addendum?.lines ?? []).map { FormContent.Line(label: $0.label, text: text($0.content)) }
        return FormContent(entries: entries, addendumLines: lines)
    }

    /// A value as a case file writes it, for matching a radio option: text as is, `true` or
    /// `false`, a number's digits; nil for anything else.
    static func written(_ value: RuntimeValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return CaseValue.formatNumber(number)
        default: return nil
        }
    }

    /// Text without the spaces and line breaks at its ends (a `<br/>` after the last line of a
    /// repetition adds nothing).
    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
