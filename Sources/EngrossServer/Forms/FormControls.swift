import CaseData
import Templating

/// A form's controls as HTML, made from field declarations, the document's data and its
/// diagnostics: no page knows a particular legal document.
///
/// The controls are written here rather than by a Mustache partial: they are most of a form
/// page, and swift-mustache, which looks every tag up through `Any` casts and escapes text a
/// `Character` at a time, spent two thirds of the form page's time on them (BENCHMARKS.md).
/// The markup is the partial's, byte for byte; the rest of the page is still Mustache.
struct FormControls {
    /// The document's diagnostics by field path.
    let diagnostics: [String: [Diagnostic]]
    /// The paths whose `required-if` condition holds now.
    let requiredNow: Set<String>
    /// Whether to show the problems beside the fields (after the step was submitted).
    let showProblems: Bool

    /// The `id` of a field's control: `services[1].since` → `f-services-1-since`.
    static func inputID(_ path: String) -> String {
        var id: [UInt8] = [UInt8(ascii: "f"), UInt8(ascii: "-")]
        id.reserveCapacity(path.utf8.count + 2)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "["): id.append(UInt8(ascii: "-"))
            case UInt8(ascii: "]"): break
            default: id.append(byte)
            }
        }
        return String(decoding: id, as: UTF8.self)
    }

    /// The HTML of the controls of `fields` whose values sit in `object`, under `prefix`.
    func html(_ fields: [FieldDeclaration], in object: CaseObject?, prefix: String) -> String {
        var html = HTMLText(capacity: 16_384)
        write(fields, in: object, prefix: prefix, into: &html)
        return html.string
    }

    /// What the user reads for a diagnostic: "Date of the letter is after today", "Date of the
    /// letter: \"2026-02-30\" is not a real date…", "Service (item 2) is required…", or a rule's own sentence.
    static func sentence(_ diagnostic: Diagnostic) -> String {
        let shown = diagnostic.printable
        guard let first = shown.message.unicodeScalars.first, let label = shown.label.map({ $0 + Self.item(diagnostic.path) }) else {
            return shown.message
        }
        if first.properties.isLowercase { return label + " " + shown.message }
        if first == "\"" { return label + ": " + shown.message }
        return shown.message
    }

    /// " (item 2)" for a field inside the second item of a list, so that a summary says which.
    static func item(_ path: String) -> String {
        guard let open = path.lastIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
            let index = Int(path[path.index(after: open)..<close])
        else { return "" }
        return " (item \(index + 1))"
    }

    /// The help of a diagnostic, unless it speaks of the case file's keys, which the form hides
    /// (`add "services" as a list` for a list with no items).
    static func help(_ diagnostic: Diagnostic) -> String? {
        guard diagnostic.code != .required, diagnostic.code != .unknownField, diagnostic.code != .tooFewItems else { return nil }
        return diagnostic.printable.help
    }

    private func write(_ fields: [FieldDeclaration], in object: CaseObject?, prefix: String, into html: inout HTMLText) {
        for field in fields {
            write(field, value: object?[field.name], path: prefix.isEmpty ? field.name : prefix + "." + field.name, into: &html)
        }
    }

    /// What every kind of control needs to know about its field.
    private struct Control {
        var field: FieldDeclaration
        var id: String
        var path: String
        var problems: [Diagnostic]
        var isRequired: Bool
        /// ` aria-describedby="…"` for a fieldset, or nothing.
        var groupAttributes: String
        /// The attributes of an input, select or text area, each with its leading space.
        var attributes: String
        var hasErrors: Bool { !problems.isEmpty }
    }

    private func write(_ field: FieldDeclaration, value: CaseValue?, path: String, into html: inout HTMLText) {
        let id = Self.inputID(path)
        let problems = showProblems ? (diagnostics[path] ?? []) : []
        let minimumItems = field.type == .list ? field.minimum.flatMap { Int($0) } ?? 0 : 0
        let isRequired = field.required || requiredNow.contains(path) || minimumItems > 0
        var describedBy: [String] = []
        if field.help != nil || field.type == .paragraphs { describedBy.append(id + "-help") }
        if !problems.isEmpty { describedBy.append(id + "-error") }
        var attributes: [(String, String)] = []
        if !describedBy.isEmpty { attributes.append(("aria-describedby", describedBy.joined(separator: " "))) }
        if isRequired { attributes.append(("aria-required", "true")) }
        if !problems.isEmpty { attributes.append(("aria-invalid", "true")) }
        var control = Control(field: field, id: id, path: path, problems: problems, isRequired: isRequired,
            groupAttributes: describedBy.isEmpty ? "" : " aria-describedby=\"\(Self.escape(describedBy.joined(separator: " ")))\"",
            attributes: "")
        switch field.type {
        case .group:
            fieldset("group", control, into: &html) { html in
                html.markup("  ")
                write(field.children, in: value?.objectValue, prefix: path, into: &html)
                html.markup("\n")
            }
        case .list:
            list(control, items: value?.listValue ?? [], into: &html)
        case .boolean:
            control.attributes = Self.attributes(attributes)
            let checked = value.map { if case .bool(true) = $0.kind { true } else { false } } ?? false
            checkbox(control, checked: checked, into: &html)
        case .choice where field.multiple:
            let chosen = Set((value?.listValue ?? []).compactMap(\.stringValue))
            let options = field.options.map { (value: $0.value, label: $0.label, chosen: chosen.contains($0.value)) }
            fieldset("field checkboxes", control, into: &html) { html in self.options(options, type: "checkbox", control, into: &html) }
        case .choice:
            let chosen = value?.stringValue
            let options = field.options.map { (value: $0.value, label: $0.label, chosen: $0.value == chosen) }
            control.attributes = Self.attributes(attributes)
            if field.options.count <= 4 {
                fieldset("field radios", control, into: &html) { html in self.options(options, type: "radio", control, into: &html) }
            } else {
                select(control, options: options, into: &html)
            }
        case .pronouns:
            let chosen = value?.stringValue?.lowercased()
            var options: [(value: String, label: String, chosen: Bool)] = ["she", "he", "they"].map { ($0, $0, $0 == chosen) }
            // A case file's own set of pronouns is offered as it is, so saving the form keeps it.
            if let custom = value?.objectValue {
                let label = ["subject", "object", "possessive"].compactMap { custom[$0]?.stringValue }.joined(separator: "/")
                options.append((value: CaseValue(.object(custom)).jsonText(pretty: false), label: label + " (from the case file)", chosen: true))
            }
            control.attributes = Self.attributes(attributes)
            select(control, options: options, into: &html)
        case .paragraphs:
            control.attributes = Self.attributes(attributes)
            textarea(control, text: Self.text(value, paragraphs: true), into: &html)
        default:
            switch field.type {
            case .date:
                if let minimum = Self.dateBound(field.minimum) { attributes.append(("min", minimum)) }
                if let maximum = Self.dateBound(field.maximum) { attributes.append(("max", maximum)) }
            case .integer: attributes.append(("inputmode", "numeric"))
            case .money: attributes += [("inputmode", "decimal"), ("placeholder", "1250.00")]
            case .aNumber: attributes.append(("placeholder", "A000000000"))
            case .receiptNumber: attributes.append(("placeholder", "EAC0000000000"))
            case .usState: attributes.append(("placeholder", "TX"))
            default: break
            }
            // Browsers must not offer a survivor's details to the next person who uses the computer.
            attributes.append(("autocomplete", "off"))
            control.attributes = Self.attributes(attributes)
            let type = switch field.type {
            case .date: "date"
            case .email: "email"
            case .phone: "tel"
            default: "text"
            }
            input(control, type: type, text: Self.text(value, paragraphs: false), into: &html)
        }
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        var html = HTMLText(capacity: 128)
        for (name, value) in pairs {
            html.markup(" ")
            html.markup(name)
            html.markup("=\"")
            html.text(value)
            html.markup("\"")
        }
        return html.string
    }

    // MARK: The markup of each kind of control

    private func input(_ control: Control, type: String, text: String, into html: inout HTMLText) {
        openField("field", control, into: &html)
        label(control, into: &html)
        help(control, into: &html)
        errors(control, into: &html)
        html.markup("  <input id=\"\(control.id)\" name=\"")
        html.text(control.path)
        html.markup("\" type=\"\(type)\" value=\"")
        html.text(text)
        html.markup("\"\(control.attributes)>\n</div>\n")
    }

    private func textarea(_ control: Control, text: String, into html: inout HTMLText) {
        openField("field", control, into: &html)
        label(control, into: &html)
        html.markup("  <p class=\"help\" id=\"\(control.id)-help\">")
        if let help = control.field.help {
            html.text(help)
            html.markup("<br>")
        }
        html.markup("Leave a blank line between paragraphs.</p>\n")
        errors(control, into: &html)
        html.markup("  <textarea id=\"\(control.id)\" name=\"")
        html.text(control.path)
        html.markup("\" rows=\"8\"\(control.attributes)>")
        html.text(text)
        html.markup("</textarea>\n</div>\n")
    }

    private func checkbox(_ control: Control, checked: Bool, into html: inout HTMLText) {
        openField("field checkbox", control, into: &html)
        errors(control, into: &html)
        html.markup("  <input type=\"hidden\" name=\"")
        html.text(control.path)
        html.markup("\" value=\"false\">\n  <input id=\"\(control.id)\" name=\"")
        html.text(control.path)
        html.markup("\" type=\"checkbox\" value=\"true\"\(checked ? " checked" : "")\(control.attributes)>\n  <label for=\"\(control.id)\">")
        html.text(control.field.displayLabel)
        html.markup("</label>\n")
        help(control, into: &html)
        html.markup("</div>\n")
    }

    private func select(_ control: Control, options: [(value: String, label: String, chosen: Bool)], into html: inout HTMLText) {
        openField("field", control, into: &html)
        label(control, into: &html)
        help(control, into: &html)
        errors(control, into: &html)
        html.markup("  <select id=\"\(control.id)\" name=\"")
        html.text(control.path)
        html.markup("\"\(control.attributes)>\n    <option value=\"\">Choose…</option>\n    ")
        for option in options {
            html.markup("<option value=\"")
            html.text(option.value)
            html.markup(option.chosen ? "\" selected>" : "\">")
            html.text(option.label)
            html.markup("</option>")
        }
        html.markup("\n  </select>\n</div>\n")
    }

    /// Radio buttons or check boxes, one per option.
    private func options(_ options: [(value: String, label: String, chosen: Bool)], type: String, _ control: Control, into html: inout HTMLText) {
        html.markup("  ")
        for (index, option) in options.enumerated() {
            html.markup("<div class=\"option\"><input type=\"\(type)\" id=\"\(control.id)-\(index)\" name=\"")
            html.text(control.path)
            html.markup("\" value=\"")
            html.text(option.value)
            html.markup(option.chosen ? "\" checked><label for=\"\(control.id)-\(index)\">" : "\"><label for=\"\(control.id)-\(index)\">")
            html.text(option.label)
            html.markup("</label></div>")
        }
        html.markup("\n")
    }

    private func list(_ control: Control, items: [CaseValue], into html: inout HTMLText) {
        fieldset("list", control, into: &html) { html in
            html.markup("  <input type=\"hidden\" name=\"")
            html.text(control.path)
            html.markup("#count\" value=\"")
            html.number(items.count)
            html.markup("\">\n")
            for (index, item) in items.enumerated() {
                let itemPath = "\(control.path)[\(index)]"
                let itemID = Self.inputID(itemPath)
                html.markup("  <fieldset class=\"item\" id=\"\(itemID)\" data-field=\"\(itemID)\">\n    <legend>")
                html.text(control.field.displayLabel)
                html.markup(": item \(index + 1)</legend>\n    ")
                write(control.field.children, in: item.objectValue, prefix: itemPath, into: &html)
                html.markup("\n    <div class=\"item-actions\">\n")
                for (verb, words, disabled) in [("up", "Move up", index == 0), ("down", "Move down", index == items.count - 1)] {
                    html.markup("      <button type=\"submit\" name=\"action\" value=\"\(verb):")
                    html.text(itemPath)
                    html.markup("\" class=\"small\"\(disabled ? " disabled" : "")>\(words)<span class=\"visually-hidden\"> item \(index + 1)</span></button>\n")
                }
                html.markup("      <button type=\"submit\" name=\"action\" value=\"remove:")
                html.text(itemPath)
                html.markup("\" class=\"small danger\">Remove item \(index + 1)</button>\n    </div>\n  </fieldset>\n")
            }
            html.markup("  <button type=\"submit\" name=\"action\" value=\"add:")
            html.text(control.path)
            html.markup("\" class=\"add-item\">Add an item to “")
            html.text(control.field.displayLabel)
            html.markup("”</button>\n")
        }
    }

    // MARK: Pieces shared by the controls

    /// `<div class="field" data-field="…">`, with `has-error` when the problems are shown.
    private func openField(_ classes: String, _ control: Control, into html: inout HTMLText) {
        html.markup("<div class=\"\(classes)\(control.hasErrors ? " has-error" : "")\" data-field=\"\(control.id)\">\n")
    }

    /// A fieldset with its legend, help and problems, around `content`.
    private func fieldset(_ classes: String, _ control: Control, into html: inout HTMLText, content: (inout HTMLText) -> Void) {
        html.markup("<fieldset class=\"\(classes)\(control.hasErrors ? " has-error" : "")\" id=\"\(control.id)\" data-field=\"\(control.id)\"\(control.groupAttributes)>\n  <legend>")
        html.text(control.field.displayLabel)
        marker(control, into: &html)
        html.markup("</legend>\n")
        help(control, into: &html)
        errors(control, into: &html)
        content(&html)
        html.markup("</fieldset>\n")
    }

    private func label(_ control: Control, into html: inout HTMLText) {
        html.markup("  <label for=\"\(control.id)\">")
        html.text(control.field.displayLabel)
        marker(control, into: &html)
        html.markup("</label>\n")
    }

    /// "(required)", shown or hidden as `required-if` changes, and "confidential" for sensitive fields.
    private func marker(_ control: Control, into html: inout HTMLText) {
        html.markup("<span class=\"required-marker\" data-required-for=\"\(control.id)\"")
        if control.field.requiredIf != nil { html.markup(" data-conditional") }
        if !control.isRequired { html.markup(" hidden") }
        html.markup("> (required)</span>")
        if control.field.sensitive {
            html.markup("<span class=\"sensitive-marker\" title=\"Kept out of redacted copies and of every message\"> · confidential</span>")
        }
        html.markup("\n")
    }

    /// The field's help, or an empty line where it would be.
    private func help(_ control: Control, into html: inout HTMLText) {
        html.markup("  ")
        if let help = control.field.help {
            html.markup("<p class=\"help\" id=\"\(control.id)-help\">")
            html.text(help)
            html.markup("</p>")
        }
        html.markup("\n")
    }

    /// The field's problems, when they are shown; an empty, hidden paragraph the script fills otherwise.
    private func errors(_ control: Control, into html: inout HTMLText) {
        html.markup("  <p class=\"error-message\" id=\"\(control.id)-error\"\(control.hasErrors ? "" : " hidden")>")
        for problem in control.problems {
            html.markup("<span>")
            html.text(Self.sentence(problem))
            if let help = Self.help(problem) {
                html.markup(" (")
                html.text(help)
                html.markup(")")
            }
            html.markup("</span> ")
        }
        html.markup("</p>\n")
    }

    /// A date bound the browser's date picker can use (a fixed date; `today` is left to validation).
    private static func dateBound(_ bound: String?) -> String? {
        guard let bound, CivilDate(iso: bound) != nil else { return nil }
        return bound
    }

    /// Text for an HTML attribute value in double quotes.
    static func escape(_ text: String) -> String { HTMLText.escaped(text) }

    /// A stored value as a control shows it.
    static func text(_ value: CaseValue?, paragraphs: Bool) -> String {
        guard let value else { return "" }
        switch value.kind {
        case .string(let text): return text
        case .number(_, let literal): return literal
        case .bool(let flag): return flag ? "true" : "false"
        case .list(let items) where paragraphs: return items.compactMap(\.stringValue).joined(separator: "\n\n")
        default: return ""
        }
    }
}
