import FormPDF
import Templating

/// Whether a blank is the edition of the form a template was written for: every field the
/// template names is in the blank with a kind that fits, every field of the blank but its push
/// buttons is named by the template (`<leave>` for those left empty), every radio option's state
/// is one of the buttons, and the template's `edition` text is printed on some page.
///
/// A new edition usually renames, removes or adds a few fields; filling it by the old mapping
/// would put answers into the wrong boxes, or silently leave new questions unanswered.
public enum EditionCheck {
    /// What differs, one line each ("missing in the blank: …"); empty when the blank fits.
    public static func differences(_ form: FormMapping, blank: BlankForm) -> [String] {
        var missing: [String] = []
        var wrongKind: [String] = []
        var missingStates: [String] = []
        for entry in form.entries {
            guard let field = blank.field(named: entry.field) else {
                missing.append("\(entry.field) (line \(entry.location.line))")
                continue
            }
            if !fits(entry, field.kind) {
                wrongKind.append("\(entry.field) (<\(entry.element)> in the template, a \(field.kind.rawValue) field in the blank)")
            }
            if case .radio(_, let options) = entry.fill, field.kind == .radio {
                for option in options where !field.options.contains(option.state) {
                    missingStates.append("\(entry.field) has no button '\(option.state)' (its buttons: \(field.options.joined(separator: ", ")))")
                }
            }
        }
        let named = Set(form.entries.map(\.field))
        let unnamed = blank.fields.filter { $0.kind != .pushButton && !named.contains($0.name) }.map(\.name)
        var lines: [String] = []
        if !missing.isEmpty { lines.append("missing in the blank: " + missing.joined(separator: ", ")) }
        if !unnamed.isEmpty { lines.append("in the blank but not in the template: " + unnamed.joined(separator: ", ")) }
        if !wrongKind.isEmpty { lines.append("of another kind in the blank: " + wrongKind.joined(separator: ", ")) }
        if !missingStates.isEmpty { lines.append("radio buttons missing in the blank: " + missingStates.joined(separator: "; ")) }
        let edition = spacesCollapsed(form.edition)
        if !(1...max(1, blank.pageCount)).contains(where: { spacesCollapsed(blank.text(ofPage: $0)).contains(edition) }) {
            lines.append("the edition: no page of the blank shows \"\(form.edition)\"")
        }
        return lines
    }

    /// The whole message for a blank that differs, or nil when it fits.
    static func problem(_ template: Template, blank: BlankForm) -> FormRenderError? {
        guard let form = template.form else { return nil }
        let lines = differences(form, blank: blank)
        guard !lines.isEmpty else { return nil }
        return FormRenderError(.wrongEdition,
            "\(blank.name) is not the edition of the form that \(template.id) fills (\(form.edition)):\n"
                + lines.map { "  " + $0 }.joined(separator: "\n")
                + "\nUse the blank of that edition, or update the template to this one (`engross form-fields \(blank.name)` lists its fields); nothing was written")
    }

    /// Whether a field of `kind` is what the element that names it fills.
    static func fits(_ entry: FormEntry, _ kind: FormFieldKind) -> Bool {
        switch entry.fill {
        case .text: kind == .text
        case .check: kind == .checkBox
        case .radio: kind == .radio
        case .choice: kind == .comboBox || kind == .listBox
        case .leave: true
        }
    }

    /// Text with every run of white space as one space, so that a line break in a page's text
    /// does not hide the edition.
    static func spacesCollapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
