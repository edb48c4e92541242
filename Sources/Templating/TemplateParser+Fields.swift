import CaseData
import Foundation

extension TemplateParser {
    private static let fieldAttributes: Set<String> = [
        "name", "type", "label", "help", "required", "required-if", "pattern", "min", "max", "sensitive", "redact",
        "default", "multiple",
    ]

    /// Whether `name` can be a field or loop variable name: letters, digits and `_`, not starting
    /// with a digit, and no reserved word of the expression language.
    static func isUsableName(_ name: String) -> Bool {
        guard let first = name.first, !first.isNumber else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && !["loop", "true", "false", "null", "and", "or", "not"].contains(name)
    }

    /// The field declarations and rules inside `<fields>` (or a `<group>` or `<list>`).
    mutating func parseFieldList(_ element: XMLElement) -> ([FieldDeclaration], [RuleDeclaration]) {
        if element.name == "fields" { check(element, allowed: []) }
        var fields: [FieldDeclaration] = []
        var rules: [RuleDeclaration] = []
        var names: [String: Int] = [:]
        for child in ownElements(of: element) {
            switch child.name {
            case "field", "group", "list":
                guard let field = parseField(child) else { continue }
                if let first = names[field.name] {
                    report(.duplicateField, "the field '\(field.name)' is declared twice (first on line \(first))", line: child.line)
                    continue
                }
                names[field.name] = child.line
                fields.append(field)
            case "rule":
                if let rule = parseRule(child) { rules.append(rule) }
            default:
                report(.unknownElement, "<\(child.name)> cannot appear in <\(element.name)>; use <field>, <group>, <list> or <rule>", line: child.line)
            }
        }
        return (fields, rules)
    }

    private mutating func parseRule(_ element: XMLElement) -> RuleDeclaration? {
        check(element, allowed: ["test", "message", "field"])
        guard let testText = required(element, "test"), let message = required(element, "message"),
            let test = expression(testText, in: element, attribute: "test")
        else { return nil }
        return RuleDeclaration(
            test: test, testText: testText, message: message, field: element.attribute("field"),
            location: TemplateLocation(file: file, line: element.line))
    }

    private mutating func parseField(_ element: XMLElement) -> FieldDeclaration? {
        check(element, allowed: Self.fieldAttributes)
        guard let name = required(element, "name") else { return nil }
        if !Self.isUsableName(name) {
            report(.invalidAttribute, "name=\"\(name)\" is not a usable field name; use letters, digits and _ (e.g. fullName), not a reserved word", line: element.line)
        }
        let type: FieldType
        switch element.name {
        case "group": type = .group
        case "list": type = .list
        default:
            let typeName = element.attribute("type") ?? "text"
            guard let known = FieldType(rawValue: typeName), known != .group, known != .list else {
                let names = FieldType.allCases.filter { $0 != .group && $0 != .list }.map(\.rawValue).joined(separator: ", ")
                report(.invalidAttribute, "type=\"\(typeName)\" is not a field type; use one of \(names) (or <group>/<list>)", line: element.line)
                return nil
            }
            type = known
        }
        var field = FieldDeclaration(
            name: name, type: type, label: element.attribute("label"), help: element.attribute("help"),
            required: bool(element, "required"), requiredIf: nil, requiredIfText: element.attribute("required-if"),
            pattern: element.attribute("pattern"), minimum: element.attribute("min"), maximum: element.attribute("max"),
            sensitive: bool(element, "sensitive"), redact: .mark, defaultValue: element.attribute("default"),
            options: [], multiple: bool(element, "multiple"), children: [], rules: [],
            location: TemplateLocation(file: file, line: element.line))
        if let text = field.requiredIfText {
            field.requiredIf = expression(text, in: element, attribute: "required-if")
        }
        if let redact = element.attribute("redact") {
            if let style = RedactionStyle(rawValue: redact) { field.redact = style } else {
                report(.invalidAttribute, "redact=\"\(redact)\" must be mark, initials or last4", line: element.line)
            }
        }
        if let pattern = field.pattern {
            do { _ = try FieldPattern(pattern) } catch {
                let shown = pattern.count > 80 ? String(pattern.prefix(60)) + "…" : pattern
                report(.invalidAttribute, "pattern=\"\(shown)\" \(error.message) (at character \(error.offset + 1))", line: element.line)
            }
        }
        checkBounds(&field, element)
        switch type {
        case .group, .list:
            (field.children, field.rules) = parseFieldList(element)
            if field.children.isEmpty {
                report(.missingAttribute, "<\(element.name) name=\"\(name)\"> declares no fields", line: element.line)
            }
        case .choice:
            field.options = parseOptions(element)
        default:
            for child in ownElements(of: element) {
                report(.misplacedElement, "<\(child.name)> cannot appear in a \(type.rawValue) field; only choice fields have <option>s", line: child.line)
            }
        }
        if field.multiple && type != .choice {
            report(.invalidAttribute, "multiple=\"true\" applies only to choice fields", line: element.line)
        }
        if let defaultValue = field.defaultValue, type == .choice, field.optionLabel(defaultValue) == nil || field.multiple {
            report(.invalidAttribute, field.multiple
                ? "default does not apply to a choice field with multiple=\"true\""
                : "default=\"\(defaultValue)\" is not one of the field's options", line: element.line)
        }
        if field.defaultValue != nil, type == .group || type == .list {
            report(.invalidAttribute, "default does not apply to a \(type.rawValue); give defaults to the fields inside it", line: element.line)
        }
        let textLike: Set<FieldType> = [.text, .email, .phone, .usState, .aNumber, .receiptNumber]
        if field.pattern != nil, !textLike.contains(type) {
            report(.invalidAttribute, "pattern applies only to text-like fields (text, email, phone, us-state, a-number, receipt-number), not \(type.rawValue)", line: element.line)
        }
        return field
    }

    private mutating func parseOptions(_ element: XMLElement) -> [ChoiceOption] {
        var options: [ChoiceOption] = []
        for child in ownElements(of: element) {
            guard child.name == "option" else {
                report(.misplacedElement, "<\(child.name)> cannot appear in a choice field; use <option value=\"…\">label</option>", line: child.line)
                continue
            }
            check(child, allowed: ["value"])
            guard let value = required(child, "value") else { continue }
            if options.contains(where: { $0.value == value }) {
                report(.duplicateField, "the option '\(value)' is listed twice", line: child.line)
            }
            let label = text(of: child)
            options.append(ChoiceOption(value: value, label: label.isEmpty ? value : label))
        }
        if options.isEmpty {
            report(.missingAttribute, "the choice field '\(element.attribute("name") ?? "")' has no <option>s", line: element.line)
        }
        return options
    }

    private mutating func checkBounds(_ field: inout FieldDeclaration, _ element: XMLElement) {
        for (attribute, bound) in [("min", field.minimum), ("max", field.maximum)] {
            guard let bound else { continue }
            let valid: Bool
            switch field.type {
            case .integer, .list: valid = Int64(bound) != nil
            case .money: if case .value = Formatters.moneyCents(bound) { valid = true } else { valid = false }
            case .date: valid = bound == "today" || CivilDate(iso: bound) != nil
            default:
                report(.invalidAttribute, "'\(attribute)' does not apply to \(field.type.rawValue) fields", line: element.line)
                continue
            }
            if !valid {
                let expected = field.type == .date ? "a date (yyyy-mm-dd) or today" : (field.type == .money
                    ? "an amount of money within \(Formatters.smallestMoney) and \(Formatters.largestMoney), such as 1250.50"
                    : "a whole number within \(Formatters.grouped(Int(Int64.min))) and \(Formatters.grouped(Int(Int64.max)))")
                report(.invalidAttribute, "\(attribute)=\"\(bound)\" must be \(expected)", line: element.line)
            }
        }
    }
}
