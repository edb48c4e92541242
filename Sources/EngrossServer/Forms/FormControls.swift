import CaseData
import Templating

/// The view model of a form's controls, made from field declarations, the document's data and
/// its diagnostics. The page templates (`field.mustache`) turn it into HTML; no template knows a
/// particular legal document.
///
/// Every control sets every key its partial reads: Mustache looks a missing key up in the
/// enclosing contexts, and a nested field must never inherit its group's flags.
struct FormControls {
    /// The document's diagnostics by field path.
    let diagnostics: [String: [Diagnostic]]
    /// The paths whose `required-if` condition holds now.
    let requiredNow: Set<String>
    /// Whether to show the problems beside the fields (after the step was submitted).
    let showProblems: Bool

    /// The `id` of a field's control: `services[1].since` → `f-services-1-since`.
    static func inputID(_ path: String) -> String {
        var id = "f-"
        for character in path.unicodeScalars {
            id.unicodeScalars.append(character == "." || character == "[" ? "-" : character)
            if character == "]" { id.removeLast() }
        }
        return id
    }

    /// The controls of `fields` whose values sit in `object`, under `prefix`.
    func controls(_ fields: [FieldDeclaration], in object: CaseObject?, prefix: String) -> [[String: Any]] {
        fields.map { control($0, value: object?[$0.name], path: prefix.isEmpty ? $0.name : prefix + "." + $0.name) }
    }

    /// What the user reads for a diagnostic: "Date of the letter is after today", "Date of the
    /// letter: "2026-02-30" is not a real date…", or a rule's own sentence.
    static func sentence(_ diagnostic: Diagnostic) -> String {
        let shown = diagnostic.printable
        guard let first = shown.message.unicodeScalars.first, let label = shown.label else { return shown.message }
        if first.properties.isLowercase { return label + " " + shown.message }
        if first == "\"" { return label + ": " + shown.message }
        return shown.message
    }

    /// The help of a diagnostic, unless it speaks of the case file's keys, which the form hides
    /// (`add "services" as a list` for a list with no items).
    static func help(_ diagnostic: Diagnostic) -> String? {
        guard diagnostic.code != .required, diagnostic.code != .unknownField, diagnostic.code != .tooFewItems else { return nil }
        return diagnostic.printable.help
    }

    private func control(_ field: FieldDeclaration, value: CaseValue?, path: String) -> [String: Any] {
        let id = Self.inputID(path)
        let problems = showProblems ? (diagnostics[path] ?? []) : []
        let conditional = field.requiredIf != nil
        let minimumItems = field.type == .list ? field.minimum.flatMap { Int($0) } ?? 0 : 0
        let isRequired = field.required || requiredNow.contains(path) || minimumItems > 0
        var describedBy: [String] = []
        if field.help != nil || field.type == .paragraphs { describedBy.append(id + "-help") }
        if !problems.isEmpty { describedBy.append(id + "-error") }
        var view: [String: Any] = [
            "id": id, "name": path, "label": field.displayLabel, "help": field.help ?? "", "hasHelp": field.help != nil,
            "required": isRequired, "conditional": conditional, "conditionText": field.requiredIfText ?? "",
            "sensitive": field.sensitive,
            "errors": problems.map { ["text": Self.sentence($0), "help": Self.help($0) ?? "", "hasHelp": Self.help($0) != nil] },
            "hasErrors": !problems.isEmpty,
            "isInput": false, "isTextarea": false, "isCheckbox": false, "isRadios": false, "isSelect": false,
            "isCheckboxes": false, "isGroup": false, "isList": false,
            "inputType": "text", "value": "", "checked": false,
            "options": [[String: Any]](), "children": [[String: Any]](), "items": [[String: Any]](),
        ]
        // Optional attributes are written here, escaped, rather than in the page template:
        // Mustache treats an empty string as present.
        var attributes: [(String, String)] = []
        if !describedBy.isEmpty { attributes.append(("aria-describedby", describedBy.joined(separator: " "))) }
        if isRequired { attributes.append(("aria-required", "true")) }
        if !problems.isEmpty { attributes.append(("aria-invalid", "true")) }
        switch field.type {
        case .group:
            view["isGroup"] = true
            view["children"] = controls(field.children, in: value?.objectValue, prefix: path)
        case .list:
            view["isList"] = true
            let items = value?.listValue ?? []
            view["count"] = items.count
            view["items"] = items.enumerated().map { index, item -> [String: Any] in
                let itemPath = "\(path)[\(index)]"
                return [
                    "id": Self.inputID(itemPath), "path": itemPath, "number": index + 1,
                    "first": index == 0, "last": index == items.count - 1,
                    "children": controls(field.children, in: item.objectValue, prefix: itemPath),
                ]
            }
        case .boolean:
            view["isCheckbox"] = true
            view["checked"] = value.map { if case .bool(true) = $0.kind { true } else { false } } ?? false
        case .choice where field.multiple:
            view["isCheckboxes"] = true
            let chosen = Set((value?.listValue ?? []).compactMap(\.stringValue))
            view["options"] = options(field, id: id) { chosen.contains($0) }
        case .choice:
            let chosen = value?.stringValue
            view[field.options.count <= 4 ? "isRadios" : "isSelect"] = true
            view["options"] = options(field, id: id) { $0 == chosen }
        case .pronouns:
            view["isSelect"] = true
            let chosen = value?.stringValue?.lowercased()
            var options = ["she", "he", "they"].enumerated().map { index, name -> [String: Any] in
                ["value": name, "label": name, "selected": name == chosen, "id": "\(id)-\(index)"]
            }
            // A case file's own set of pronouns is offered as it is, so saving the form keeps it.
            if let custom = value?.objectValue {
                let label = ["subject", "object", "possessive"].compactMap { custom[$0]?.stringValue }.joined(separator: "/")
                options.append(["value": CaseValue(.object(custom)).jsonText(pretty: false), "label": label + " (from the case file)",
                    "selected": true, "id": "\(id)-custom"])
            }
            view["options"] = options
        case .paragraphs:
            view["isTextarea"] = true
            view["value"] = Self.text(value, paragraphs: true)
        default:
            view["isInput"] = true
            view["value"] = Self.text(value, paragraphs: false)
            switch field.type {
            case .date:
                view["inputType"] = "date"
                if let minimum = Self.dateBound(field.minimum) { attributes.append(("min", minimum)) }
                if let maximum = Self.dateBound(field.maximum) { attributes.append(("max", maximum)) }
            case .email: view["inputType"] = "email"
            case .phone: view["inputType"] = "tel"
            case .integer: attributes.append(("inputmode", "numeric"))
            case .money: attributes += [("inputmode", "decimal"), ("placeholder", "1250.00")]
            case .aNumber: attributes.append(("placeholder", "A000000000"))
            case .receiptNumber: attributes.append(("placeholder", "EAC0000000000"))
            case .usState: attributes.append(("placeholder", "TX"))
            default: break
            }
            // Browsers must not offer a survivor's details to the next person who uses the computer.
            attributes.append(("autocomplete", "off"))
        }
        view["groupAttributes"] = describedBy.isEmpty ? "" : " aria-describedby=\"\(Self.escape(describedBy.joined(separator: " ")))\""
        view["attributes"] = attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined()
        return view
    }

    private func options(_ field: FieldDeclaration, id: String, isChosen: (String) -> Bool) -> [[String: Any]] {
        field.options.enumerated().map { index, option in
            ["value": option.value, "label": option.label, "selected": isChosen(option.value), "id": "\(id)-\(index)"]
        }
    }

    /// A date bound the browser's date picker can use (a fixed date; `today` is left to validation).
    private static func dateBound(_ bound: String?) -> String? {
        guard let bound, CivilDate(iso: bound) != nil else { return nil }
        return bound
    }

    /// Text for an HTML attribute value in double quotes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

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
