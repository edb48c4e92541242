import Foundation
import CaseData

/// Turns the value of a `value` element into the text a document shows, by the field's type and
/// the element's `format`.
struct ValueFormatter {
    /// The text for `value`, or nil when there is nothing to show.
    /// - Parameter source: the case value a field's path reads, whose number literal gives whole
    ///   numbers and money exactly (a `Double` loses digits past 2^53).
    static func text(for node: ValueNode, value: RuntimeValue, source: CaseValue? = nil) -> String? {
        guard !value.isEmpty else { return node.fallback }
        let text = node.field.map { formatField(value, source: source, field: $0, format: node.format) }
            ?? formatComputed(value, format: node.format)
        guard let text else { return node.fallback }
        switch node.letterCase {
        case "upper": return text.uppercased()
        case "lower": return text.lowercased()
        default: return text
        }
    }

    private static func number(_ value: RuntimeValue) -> Double? {
        switch value {
        case .number(let n): return n
        case .string(let s): return Formatters.moneyAmount(s)
        default: return nil
        }
    }

    private static func formatNumber(_ number: Double, format: String?) -> String {
        guard let whole = Int(exactly: number) else {
            return number.rounded() == number ? Formatters.grouped(whole: number) : CaseValue.formatNumber(number)
        }
        return formatWhole(whole, format: format)
    }

    private static func formatWhole(_ whole: Int, format: String?) -> String {
        switch format {
        case "words": return Formatters.words(whole)
        case "number-words": return Formatters.numberWords(whole)
        default: return Formatters.grouped(whole)
        }
    }

    private static func formatDate(_ date: CivilDate, format: String?) -> String {
        switch format {
        case "form-date": return Formatters.formDate(date)
        case "iso-date": return date.description
        default: return Formatters.longDate(date)
        }
    }

    private static func strings(_ value: RuntimeValue) -> [String] {
        switch value {
        case .list(let items):
            return items.compactMap { item in
                switch item.kind {
                case .string(let s): return s
                case .number(_, let literal): return literal
                default: return nil
                }
            }
        case .string(let s): return [s]
        default: return []
        }
    }

    private static func formatField(_ value: RuntimeValue, source: CaseValue?, field: FieldDeclaration, format: String?) -> String? {
        switch field.type {
        case .date:
            return value.dateValue.map { formatDate($0, format: format) }
        case .money:
            if let source, case .value(let cents) = Formatters.moneyCents(of: source) { return Formatters.money(cents: cents) }
            return number(value).map(Formatters.money)
        case .integer:
            if let whole = source?.exactInteger { return formatWhole(Int(whole), format: format) }
            return number(value).map { formatNumber($0, format: format) }
        case .boolean:
            if case .bool(let flag) = value { return flag ? "yes" : "no" }
            return nil
        case .choice where field.multiple:
            let items = strings(value)
            let shown = format == "value" ? items : items.map { field.optionLabel($0) ?? $0 }
            return ListJoiner.join(shown, format == "list-or" ? .or : .and)
        case .choice:
            guard case .string(let choice) = value else { return nil }
            return format == "value" ? choice : (field.optionLabel(choice) ?? choice)
        case .usState:
            guard case .string(let text) = value, let code = USStates.code(for: text) else { return nil }
            return format == "code" ? code : USStates.names[code]
        case .pronouns:
            let caseValue: CaseValue
            switch value {
            case .string(let s): caseValue = .string(s)
            case .object(let o): caseValue = CaseValue(.object(o))
            default: return nil
            }
            return Pronouns(caseValue)?.form(format)
        case .aNumber:
            guard case .string(let text) = value, let digits = Formatters.aNumberDigits(text) else { return nil }
            return format == "digits" ? digits : Formatters.aNumber(digits)
        case .phone:
            guard case .string(let text) = value, let digits = Formatters.phoneDigits(text) else { return nil }
            // An international number is shown as its owner wrote it.
            return digits.hasPrefix("+") ? text.trimmingCharacters(in: .whitespaces) : Formatters.phone(digits)
        case .receiptNumber:
            guard case .string(let text) = value else { return nil }
            return Formatters.receiptNumber(text)
        case .text, .email, .paragraphs:
            // A number written in a text field (a ZIP code, a house number) is shown as written.
            let text: String?
            if let whole = source?.exactInteger {
                text = String(whole)  // every digit, also past 2^53
            } else if case .number(let n) = value {
                text = CaseValue.formatNumber(n)
            } else {
                text = formatComputed(value, format: nil)
            }
            return text.flatMap { formatText($0, format: format) }
        case .group, .list:
            return nil
        }
    }

    private static func formatComputed(_ value: RuntimeValue, format: String?) -> String? {
        switch value {
        case .null, .object: return nil
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let n):
            return format == "money" ? Formatters.money(n) : formatNumber(n, format: format)
        case .string(let s):
            if let format, ValueFormat.dates.contains(format), let date = CivilDate(iso: s) { return formatDate(date, format: format) }
            return formatText(s, format: format)
        case .date(let date): return formatDate(date, format: format)
        case .list:
            return ListJoiner.join(strings(value), format == "list-or" ? .or : .and)
        }
    }

    /// Text in a text format: initials, or a part of a person's name (nil when the name has no
    /// such part, so that `empty` applies).
    private static func formatText(_ text: String, format: String?) -> String? {
        guard let format else { return text }
        if format == "initials" { return Formatters.initials(text) }
        // Only a name format splits the name (any other format leaves text as it is).
        guard PersonName.formats.contains(format), let part = PersonName(text).part(format) else { return text }
        return part.isEmpty ? nil : part
    }

    /// What replaces a sensitive value in a redacted document.
    static func redaction(of text: String, style: RedactionStyle) -> String {
        switch style {
        case .mark: return "[REDACTED]"
        case .initials: return Formatters.initials(text)
        case .last4: return Formatters.lastFour(text)
        }
    }
}
