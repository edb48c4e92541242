import CaseData
import Foundation
import TextSafety

/// Checks a case file against a template's fields and rules, collecting every problem in one
/// pass. Messages name the field path and label and never quote a sensitive value.
public struct CaseValidator: Sendable {
    public let template: Template
    let evaluator: ExpressionEvaluator
    /// Compiled `pattern`s by source (checked when the template was loaded).
    private let patterns: [String: FieldPattern]

    /// A validator for a loaded template; `today` is the date rules and `today` bounds use.
    public init(template: Template, today: CivilDate) {
        self.template = template
        self.evaluator = ExpressionEvaluator(today: today)
        var patterns: [String: FieldPattern] = [:]
        func collect(_ fields: [FieldDeclaration]) {
            for field in fields {
                if let pattern = field.pattern, let compiled = try? FieldPattern(pattern) { patterns[pattern] = compiled }
                collect(field.children)
            }
        }
        collect(template.fields)
        self.patterns = patterns
    }

    /// Every problem in `root` (the parsed case file, defaults not yet applied).
    /// - Parameter file: the case file's name, for messages.
    public func validate(_ root: CaseValue, file: String?) -> [Diagnostic] {
        var run = Run(validator: self, file: file)
        return check(root, with: &run)
    }

    /// `validate(root, file:)` and `conditionallyRequired(root)` in one walk of the case, for a
    /// form page, which shows both: the conditions validation evaluates anyway are kept.
    public func validateFindingRequired(_ root: CaseValue, file: String?) -> (diagnostics: [Diagnostic], required: Set<String>) {
        var run = Run(validator: self, file: file)
        run.required = []
        let diagnostics = check(root, with: &run)
        return (diagnostics, run.required ?? [])
    }

    private func check(_ root: CaseValue, with run: inout Run) -> [Diagnostic] {
        let withDefaults = CaseDefaults.apply(template.fields, to: root)
        guard case .object(let object) = withDefaults.kind else {
            run.report(.error, .notAGroup, path: FieldPath(), field: nil,
                "the case file must hold a group of fields ({ … } in JSON, key: value lines in YAML), not \(root.shapeDescription)",
                at: root.position)
            return run.diagnostics
        }
        run.checkObject(object, at: withDefaults.position, fields: template.fields, rules: template.rules,
            path: FieldPath(), scope: Scope(root: object))
        // In file order, so that a reader can work down the case file; problems without a place last.
        return run.diagnostics.enumerated().sorted { a, b in
            let left = a.element.position.map { ($0.line, $0.column) } ?? (Int.max, Int.max)
            let right = b.element.position.map { ($0.line, $0.column) } ?? (Int.max, Int.max)
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element)
    }

    /// One validation pass, accumulating diagnostics.
    private struct Run {
        let validator: CaseValidator
        let file: String?
        var diagnostics: [Diagnostic] = []
        /// The paths whose `required-if` holds, when asked (`validateFindingRequired`).
        var required: Set<String>?

        mutating func report(
            _ severity: Diagnostic.Severity, _ code: Diagnostic.Code, path: FieldPath, field: FieldDeclaration?,
            _ message: String, help: String? = nil, at position: SourcePosition?
        ) {
            diagnostics.append(Diagnostic(severity, code, path: path.description, label: field?.displayLabel,
                message: message, help: help, file: file, position: position))
        }

        /// `"value"` for messages, or "this value" for a sensitive field.
        func quote(_ text: String, _ field: FieldDeclaration, sensitive: Bool) -> String {
            guard !sensitive else { return "the value given" }
            return TextSafety.quoted(text)
        }

        mutating func checkObject(
            _ object: CaseObject, at position: SourcePosition?, fields: [FieldDeclaration], rules: [RuleDeclaration],
            path: FieldPath, scope: Scope, sensitive: Bool = false
        ) {
            for field in fields {
                let entry = object.entry(field.name)
                let fieldPath = path.appending(field.name)
                let conditionHolds = field.requiredIf.map { validator.evaluator.evaluate($0, in: scope).isTruthy }
                if conditionHolds == true { required?.insert(fieldPath.description) }
                if field.type == .group, entry?.value.isNull ?? true, conditionHolds ?? true {
                    // A missing group is checked as an empty one, so each required field in it is named;
                    // a required group with no required field in it is reported itself.
                    let before = diagnostics.count
                    checkObject(CaseObject(), at: entry?.keyPosition ?? position, fields: field.children, rules: [],
                        path: fieldPath, scope: scope.withSiblings(CaseObject(), declared: field.children.map(\.name)),
                        sensitive: sensitive || field.sensitive)
                    if field.required, !diagnostics[before...].contains(where: { $0.severity == .error }) {
                        let container = path.components.isEmpty ? "the top level of the case file" : "\"\(path)\""
                        report(.error, .required, path: fieldPath, field: field, "is required but missing",
                            help: "add \"\(field.name)\" under \(container)", at: entry?.keyPosition ?? position)
                    }
                    continue
                }
                guard let value = entry?.value, field.type == .group || !RuntimeValue(value).isEmpty || isEmptyListAllowed(field, value) else {
                    if field.type == .group { findRequired(inMissing: field, path: fieldPath, scope: scope) }
                    let needed = field.required || conditionHolds == true
                    let minimumItems = field.type == .list ? field.minimum.flatMap(Int.init) ?? 0 : 0
                    if needed {
                        let container = path.components.isEmpty ? "the top level of the case file" : "\"\(path)\""
                        let why = field.required ? "is required" : "is required here (because \(field.requiredIfText ?? "a condition holds"))"
                        var help = entry == nil ? "add \"\(field.name)\" under \(container)"
                            : (field.type == .list ? "add at least one item" : "fill in a value")
                        if let hint = field.help { help += " (\(hint))" }
                        if field.type == .choice { help += "; the choices are " + field.options.map { "\"\($0.value)\"" }.joined(separator: ", ") }
                        report(.error, .required, path: fieldPath, field: field,
                            entry == nil ? "\(why) but missing" : "\(why) but empty", help: help,
                            at: entry?.keyPosition ?? position)
                    } else if minimumItems > 0, conditionHolds ?? true {
                        report(.error, .tooFewItems, path: fieldPath, field: field,
                            "has no items but needs at least \(minimumItems)",
                            help: entry == nil ? "add \"\(field.name)\" as a list" : nil, at: entry?.keyPosition ?? position)
                    }
                    continue
                }
                checkValue(value, field: field, path: fieldPath, scope: scope, sensitive: sensitive || field.sensitive)
            }
            let declared = fields.map(\.name)
            for entry in object.entries where !declared.contains(entry.key) {
                let suggestion = Suggestions.closest(to: entry.key, in: declared)
                report(.warning, .unknownField, path: path.appending(entry.key), field: nil,
                    "the template does not use a field named \(TextSafety.quoted(entry.key)); it will be ignored",
                    help: suggestion.map { "did you mean \"\($0)\"?" } ?? "check the spelling against `engross fields \(validator.template.id)`",
                    at: entry.keyPosition)
            }
            let declaredHere = Set(declared)
            for rule in rules {
                // A rule about a value that is already reported as malformed would only repeat it.
                let readsBrokenValue = rule.test.paths.contains { read in
                    let base = declaredHere.contains(read.head) ? path : FieldPath()
                    let full = FieldPath(base.components + [.key(read.head)] + read.rest).description
                    return diagnostics.contains { problem in
                        problem.severity == .error && problem.code != .ruleFailed
                            && (Self.isWithin(problem.path, full) || Self.isWithin(full, problem.path))
                    }
                }
                if readsBrokenValue { continue }
                var strict = validator.evaluator
                strict.strict = true
                guard let result = try? strict.evaluateStrictly(rule.test, in: scope), !result.isTruthy else { continue }
                let target = rule.field.flatMap { name in fields.first { $0.name == name } }
                let targetPath = rule.field.map { path.appending($0) } ?? path
                let targetPosition = rule.field.flatMap { object.entry($0)?.value.position } ?? position
                report(.error, .ruleFailed, path: targetPath, field: target, rule.message, at: targetPosition)
            }
        }

        /// The fields of a group that validation does not look into (missing, and not required
        /// now; or not a group) whose `required-if` holds, as `conditionallyRequired` finds them.
        private mutating func findRequired(inMissing field: FieldDeclaration, path: FieldPath, scope: Scope) {
            guard required != nil else { return }
            validator.collectRequired(CaseObject(), fields: field.children, path: path,
                scope: scope.withSiblings(CaseObject(), declared: field.children.map(\.name)), into: &required!)
        }

        /// Whether `path` is `ancestor` or lies below it (`a.b` and `a[0]` lie below `a`).
        static func isWithin(_ path: String, _ ancestor: String) -> Bool {
            path == ancestor || path.hasPrefix(ancestor + ".") || path.hasPrefix(ancestor + "[")
        }

        /// An empty list is fine for an optional list (its `min`, if any, is checked by the count
        /// rule); a required list must have at least one item.
        private func isEmptyListAllowed(_ field: FieldDeclaration, _ value: CaseValue) -> Bool {
            field.type == .list && value.listValue != nil && !field.required
        }

        mutating func checkValue(_ value: CaseValue, field: FieldDeclaration, path: FieldPath, scope: Scope, sensitive: Bool) {
            let at = value.position
            switch field.type {
            case .group:
                guard case .object(let object) = value.kind else {
                    findRequired(inMissing: field, path: path, scope: scope)
                    return report(.error, .wrongType, path: path, field: field,
                        "must be a group of fields, not \(value.shapeDescription)",
                        help: "write it as { \"\(field.children.first?.name ?? "name")\": … }", at: at)
                }
                let before = diagnostics.count
                checkObject(object, at: at, fields: field.children, rules: field.rules, path: path,
                    scope: scope.withSiblings(object, declared: field.children.map(\.name)), sensitive: sensitive)
                if field.required, object.isEmpty, !diagnostics[before...].contains(where: { $0.severity == .error }) {
                    report(.error, .required, path: path, field: field, "is required but empty",
                        help: "fill in the fields of \"\(field.name)\"", at: at)
                }
            case .list:
                guard case .list(let items) = value.kind else {
                    return report(.error, .wrongType, path: path, field: field,
                        "must be a list ([ … ] in JSON, lines starting with - in YAML), not \(value.shapeDescription)", at: at)
                }
                checkCount(items.count, field: field, path: path, at: at)
                for (index, item) in items.enumerated() {
                    let itemPath = path.appending(index: index)
                    guard case .object(let object) = item.kind else {
                        report(.error, .wrongType, path: itemPath, field: field,
                            "each item must be a group of fields, not \(item.shapeDescription)", at: item.position)
                        continue
                    }
                    checkObject(object, at: item.position, fields: field.children, rules: field.rules, path: itemPath,
                        scope: scope.withSiblings(object, declared: field.children.map(\.name)), sensitive: sensitive)
                }
            case .choice where field.multiple:
                guard case .list(let items) = value.kind else {
                    return report(.error, .wrongType, path: path, field: field,
                        "takes a list of choices, e.g. [\"\(field.options.first?.value ?? "")\"], not \(value.shapeDescription)", at: at)
                }
                for (index, item) in items.enumerated() {
                    checkScalar(item, field: field, path: path.appending(index: index), sensitive: sensitive)
                }
            default:
                checkScalar(value, field: field, path: path, sensitive: sensitive)
            }
        }

        private mutating func checkCount(_ count: Int, field: FieldDeclaration, path: FieldPath, at: SourcePosition?) {
            if let minimum = field.minimum.flatMap(Int.init), count < minimum {
                report(.error, .tooFewItems, path: path, field: field,
                    "has \(count) item\(count == 1 ? "" : "s") but needs at least \(minimum)", at: at)
            }
            if let maximum = field.maximum.flatMap(Int.init), count > maximum {
                report(.error, .tooManyItems, path: path, field: field,
                    "has \(count) items but may have at most \(maximum)", at: at)
            }
        }

        /// The text of a scalar, or nil (with a report) when the value is a list or group.
        private mutating func scalarText(_ value: CaseValue, field: FieldDeclaration, path: FieldPath, expected: String) -> String? {
            switch value.kind {
            case .string(let text): return text
            case .number(_, let literal): return literal
            case .bool(let flag): return flag ? "true" : "false"
            default:
                report(.error, .wrongType, path: path, field: field, "must be \(expected), not \(value.shapeDescription)", at: value.position)
                return nil
            }
        }

        private mutating func checkScalar(_ value: CaseValue, field: FieldDeclaration, path: FieldPath, sensitive: Bool) {
            let at = value.position
            switch field.type {
            case .boolean:
                guard case .bool = value.kind else {
                    return report(.error, .wrongType, path: path, field: field,
                        "must be true or false, not \(value.shapeDescription)",
                        help: "write true or false (in JSON without quotes; in YAML not yes/no)", at: at)
                }
            case .integer:
                guard case .number(_, let literal) = value.kind else {
                    return report(.error, .invalidInteger, path: path, field: field,
                        "must be a whole number (without quotes)", at: at)
                }
                switch ExactNumber.read(literal) {
                case .value(let whole):
                    checkBounds(whole, field: field, path: path, at: at, read: { Int64($0) },
                        show: { Formatters.grouped(Int($0)) })
                case .tooLarge:
                    report(.error, .outOfRange, path: path, field: field,
                        "is out of range: a whole number must be between \(Formatters.grouped(Int(ExactNumber.smallestInteger))) and \(Formatters.grouped(Int(ExactNumber.largestInteger)))",
                        at: at)
                case .fractional, .notANumber:
                    report(.error, .invalidInteger, path: path, field: field, "must be a whole number (without quotes)", at: at)
                }
            case .money:
                switch Formatters.moneyCents(of: value) {
                case .value(let cents):
                    checkBounds(cents, field: field, path: path, at: at,
                        read: { if case .value(let bound) = Formatters.moneyCents($0) { bound } else { nil } },
                        show: Formatters.money(cents:))
                case .tooLarge:
                    report(.error, .outOfRange, path: path, field: field,
                        "is out of range: an amount of money must be between \(Formatters.smallestMoney) and \(Formatters.largestMoney)",
                        at: at)
                case .fractional:
                    report(.error, .invalidMoney, path: path, field: field,
                        "must be in whole cents: an amount of money has at most two decimals, such as 1250.50", at: at)
                case .notANumber:
                    report(.error, .invalidMoney, path: path, field: field,
                        "must be an amount of money such as 1250.50 or \"$1,250.50\"", at: at)
                }
            case .date:
                guard let text = value.stringValue else {
                    return report(.error, .invalidDate, path: path, field: field,
                        "must be a date written as text yyyy-mm-dd, e.g. \"2025-03-04\"", at: at)
                }
                guard let date = CivilDate(iso: text) else {
                    if CivilDate.hasISOShape(text) {
                        let parts = text.split(separator: "-").compactMap { Int($0) }
                        let detail = parts[0] == 0 ? "there is no year 0"
                            : parts[2] == 0 ? "there is no day 0"
                            : (1...12).contains(parts[1])
                            ? "\(Formatters.monthNames[parts[1] - 1]) \(parts[0]) has \(CivilDate.daysIn(month: parts[1], year: parts[0])) days"
                            : "there is no month \(parts[1])"
                        return report(.error, .invalidDate, path: path, field: field,
                            sensitive ? "is not a real date" : "\(quote(text, field, sensitive: false)) is not a real date: \(detail)",
                            help: "check the day and month; dates are written yyyy-mm-dd", at: at)
                    }
                    return report(.error, .invalidDate, path: path, field: field,
                        "\(quote(text, field, sensitive: sensitive)) is not a date written yyyy-mm-dd",
                        help: "write it like 2025-03-04 (year, month, day)", at: at)
                }
                checkDateBounds(date, field: field, path: path, at: at, sensitive: sensitive)
            case .choice:
                guard let text = scalarText(value, field: field, path: path, expected: "one of the choices") else { return }
                if field.optionLabel(text) == nil {
                    let choices = field.options.map { "\"\($0.value)\" (\($0.label))" }.joined(separator: ", ")
                    // A near miss would reveal a sensitive value, so sensitive fields get no suggestion.
                    let suggestion = sensitive ? nil : Suggestions.closest(to: text, in: field.options.map(\.value))
                    report(.error, .notAnOption, path: path, field: field,
                        "\(quote(text, field, sensitive: sensitive)) is not one of the choices",
                        help: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "use one of: \(choices)", at: at)
                }
            case .paragraphs:
                if case .list(let items) = value.kind {
                    for (index, item) in items.enumerated() where item.stringValue == nil {
                        report(.error, .wrongType, path: path.appending(index: index), field: field,
                            "each paragraph must be text, not \(item.shapeDescription)", at: item.position)
                    }
                } else if value.stringValue == nil {
                    report(.error, .wrongType, path: path, field: field,
                        "must be text (paragraphs separated by a blank line) or a list of paragraphs, not \(value.shapeDescription)", at: at)
                }
            case .text, .email, .phone, .usState, .pronouns, .aNumber, .receiptNumber:
                if field.type == .pronouns, case .object = value.kind {
                    if Pronouns(value) == nil {
                        report(.error, .invalidPronouns, path: path, field: field,
                            "a pronoun group needs subject, object and possessive (e.g. { \"subject\": \"ze\", \"object\": \"zir\", \"possessive\": \"zir\" })", at: at)
                    }
                    return
                }
                guard let text = scalarText(value, field: field, path: path, expected: "text") else { return }
                checkText(text, field: field, path: path, at: at, sensitive: sensitive)
            case .group, .list:
                break  // handled by checkValue
            }
        }

        private mutating func checkText(_ text: String, field: FieldDeclaration, path: FieldPath, at: SourcePosition?, sensitive: Bool) {
            let shown = quote(text, field, sensitive: sensitive)
            switch field.type {
            case .email:
                let parts = text.split(separator: "@", omittingEmptySubsequences: false)
                if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || text.contains(where: \.isWhitespace)
                    || parts[1].hasPrefix(".") || parts[1].hasSuffix(".")
                {
                    report(.error, .invalidEmail, path: path, field: field, "\(shown) is not an email address",
                        help: "write it like name@example.org", at: at)
                }
            case .phone:
                if Formatters.phoneDigits(text) == nil {
                    report(.error, .invalidPhone, path: path, field: field, "\(shown) is not a phone number",
                        help: "give 10 digits for a U.S. number, e.g. (555) 010-0123, or start with + and the country code", at: at)
                }
            case .usState:
                if USStates.code(for: text) == nil {
                    report(.error, .invalidState, path: path, field: field, "\(shown) is not a U.S. state or territory",
                        help: "use the two-letter postal code, e.g. TX, or the full name, e.g. Texas", at: at)
                }
            case .pronouns:
                if Pronouns.named[text.lowercased()] == nil {
                    report(.error, .invalidPronouns, path: path, field: field, "\(shown) is not a set of pronouns this template knows",
                        help: "use \"she\", \"he\" or \"they\", or a group with subject, object and possessive", at: at)
                }
            case .aNumber:
                if Formatters.aNumberDigits(text) == nil {
                    report(.error, .invalidANumber, path: path, field: field, "\(shown) is not an A-number",
                        help: "an A-number is A followed by 8 or 9 digits, e.g. A012345678", at: at)
                }
            case .receiptNumber:
                if Formatters.receiptNumber(text) == nil {
                    report(.error, .invalidReceiptNumber, path: path, field: field, "\(shown) is not a USCIS receipt number",
                        help: "a receipt number is 3 letters and 10 digits, e.g. EAC0000000000", at: at)
                }
            default:
                break
            }
            if let pattern = field.pattern, let compiled = validator.patterns[pattern] {
                if !compiled.matches(text) {
                    report(.error, .patternMismatch, path: path, field: field,
                        "\(shown) does not have the expected form",
                        help: field.help ?? "it must match the pattern \(pattern)", at: at)
                }
            }
        }

        /// Checks a whole number or an amount in cents against the field's `min` and `max`
        /// (`read` turns a bound's text into the same unit; the template parser has checked it).
        private mutating func checkBounds(
            _ number: Int64, field: FieldDeclaration, path: FieldPath, at: SourcePosition?, read: (String) -> Int64?,
            show: (Int64) -> String
        ) {
            if let minimum = field.minimum.flatMap(read), number < minimum {
                report(.error, .outOfRange, path: path, field: field, "must be at least \(show(minimum))", at: at)
            }
            if let maximum = field.maximum.flatMap(read), number > maximum {
                report(.error, .outOfRange, path: path, field: field, "must be at most \(show(maximum))", at: at)
            }
        }

        private mutating func checkDateBounds(_ date: CivilDate, field: FieldDeclaration, path: FieldPath, at: SourcePosition?, sensitive: Bool) {
            func bound(_ text: String?) -> (CivilDate, String)? {
                guard let text else { return nil }
                if text == "today" { return (validator.evaluator.today, "today") }
                return CivilDate(iso: text).map { ($0, Formatters.longDate($0)) }
            }
            if let (minimum, name) = bound(field.minimum), date < minimum {
                report(.error, .outOfRange, path: path, field: field, "must be on or after \(name)", at: at)
            }
            if let (maximum, name) = bound(field.maximum), date > maximum {
                report(.error, .outOfRange, path: path, field: field,
                    name == "today" ? "is in the future; it must be today or earlier" : "must be on or before \(name)", at: at)
            }
        }
    }
}
