import CaseData

/// Describes the case file a template needs: as a JSON Schema (2020-12) for tools, and as a
/// skeleton case file for people to fill in.
public enum CaseSchema {
    /// The JSON Schema of the template's case file.
    public static func jsonSchema(for template: Template) -> CaseValue {
        var entries: [(String, CaseValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("urn:engross:case:\(template.id):\(template.version)")),
            ("title", .string(template.meta.title)),
        ]
        let beyond = checksBeyondSchema(template.fields, rules: template.rules, path: "")
        let note = beyond.isEmpty ? nil
            : "engross validate also checks what this schema cannot state: " + beyond.joined(separator: "; ") + "."
        let description = [template.meta.description, note].compactMap { $0 }.joined(separator: "\n\n")
        if !description.isEmpty { entries.append(("description", .string(description))) }
        entries += objectSchema(template.fields).entriesList
        if !template.rules.isEmpty {
            // Rules cannot be said in JSON Schema; they are listed for tools that want to show them.
            entries.append(("x-rules", .list(template.rules.map { rule in
                .object([("test", .string(rule.testText)), ("message", .string(rule.message))])
            })))
        }
        return .object(entries)
    }

    /// The checks of `validate` that JSON Schema cannot say, in words, for the schema's
    /// description: the template's rules (`<rule>`), `required-if` conditions other than "beside
    /// it equals a text", and the bounds of dates.
    private static func checksBeyondSchema(_ fields: [FieldDeclaration], rules: [RuleDeclaration], path: String) -> [String] {
        var checks = rules.map { "\($0.message) (\($0.testText))" }
        for field in fields {
            let name = path.isEmpty ? field.name : path + "." + field.name
            if let condition = field.requiredIfText, conditionalRequirement(field, siblings: fields) == nil {
                checks.append("\(name) is required if \(condition)")
            }
            if field.type == .date, field.minimum != nil || field.maximum != nil {
                checks.append("\(name) is a date" + (field.minimum.map { " on or after \($0)" } ?? "")
                    + (field.minimum != nil && field.maximum != nil ? " and" : "") + (field.maximum.map { " on or before \($0)" } ?? ""))
            }
            checks += checksBeyondSchema(field.children, rules: field.rules, path: field.type == .list ? name + "[]" : name)
        }
        return checks
    }

    /// Whether a case file must hold `field` at all: required, a list with a minimum, or a group
    /// (not conditional) with something required inside.
    static func mustBePresent(_ field: FieldDeclaration) -> Bool {
        if field.defaultValue != nil { return false }
        if field.required { return true }
        switch field.type {
        case .list: return (field.minimum.flatMap(Int.init) ?? 0) > 0 && field.requiredIf == nil
        case .group: return field.requiredIf == nil && field.children.contains(where: mustBePresent)
        default: return false
        }
    }

    /// `required-if="name == 'value'"` (a field beside it equal to a text) as JSON Schema's
    /// if/then; nil for conditions JSON Schema cannot say.
    private static func conditionalRequirement(_ field: FieldDeclaration, siblings: [FieldDeclaration]) -> CaseValue? {
        guard case .compare(.equal, .path(let path), .literal(.string(let value)))? = field.requiredIf, path.rest.isEmpty,
            siblings.contains(where: { $0.name == path.head })
        else { return nil }
        return .object([
            ("if", .object([
                ("properties", .object([(path.head, .object([("const", .string(value))]))])),
                ("required", .list([.string(path.head)])),
            ])),
            ("then", .object([("required", .list([.string(field.name)]))])),
        ])
    }

    /// What the validator takes as a phone number (`Formatters.phoneDigits`): a U.S. number of
    /// ten digits (or 1 and ten), or `+` and 8 to 15 digits, with spaces, dashes, dots, slashes
    /// and parentheses anywhere between them.
    static let phonePattern = #"^ *(\+[ ()./-]*([0-9][ ()./-]*){8,15}|[ ()./-]*(1[ ()./-]*)?([0-9][ ()./-]*){10})$"#

    private static func objectSchema(_ fields: [FieldDeclaration]) -> CaseValue {
        var properties: [(String, CaseValue)] = []
        for field in fields { properties.append((field.name, schema(for: field))) }
        var entries: [(String, CaseValue)] = [("type", .string("object")), ("properties", .object(properties))]
        let required = fields.filter(mustBePresent).map { CaseValue.string($0.name) }
        if !required.isEmpty { entries.append(("required", .list(required))) }
        let conditions = fields.compactMap { conditionalRequirement($0, siblings: fields) }
        if !conditions.isEmpty { entries.append(("allOf", .list(conditions))) }
        return .object(entries)
    }

    /// A required text: something other than spaces (the validator calls a blank value empty).
    private static let notBlank: [(String, CaseValue)] = [("minLength", .number(1)), ("allOf", .list([.object([("pattern", .string("\\S"))])]))]

    private static func schema(for field: FieldDeclaration) -> CaseValue {
        var entries: [(String, CaseValue)] = [("title", .string(field.displayLabel))]
        if let help = field.help { entries.append(("description", .string(help))) }
        func number(_ text: String?) -> CaseValue? { text.flatMap(Double.init).map(CaseValue.number) }
        switch field.type {
        case .text:
            // A number is accepted in a text field (a ZIP code written without quotes), but a
            // pattern is checked against text only in JSON Schema: with one, the schema asks for text.
            entries.append(("type", field.pattern == nil ? .list([.string("string"), .string("number")]) : .string("string")))
            if field.required { entries += notBlank }
        case .email, .phone, .aNumber, .receiptNumber:
            entries.append(("type", .string("string")))
            if field.required { entries += notBlank }
            if field.type == .email { entries.append(("format", .string("email"))) }
            if field.type == .phone { entries.append(("pattern", .string(phonePattern))) }
            // Exactly what the validator takes (`Formatters.aNumberDigits`, `receiptNumber`).
            if field.type == .aNumber { entries.append(("pattern", .string("^[Aa]?[- #]*([0-9][- #]*){8,9}$"))) }
            if field.type == .receiptNumber { entries.append(("pattern", .string("^[- ]*([A-Za-z][- ]*){3}([0-9][- ]*){10}$"))) }
        case .paragraphs:
            let text: [(String, CaseValue)] = [("type", .string("string"))] + (field.required ? notBlank : [])
            let list: [(String, CaseValue)] = [("type", .string("array")), ("items", .object(text))]
                + (field.required ? [("minItems", .number(1))] : [])
            entries.append(("anyOf", .list([.object(text), .object(list)])))
        case .date:
            entries.append(("type", .string("string")))
            entries.append(("format", .string("date")))
        case .boolean:
            entries.append(("type", .string("boolean")))
        case .integer:
            // The field's bounds, or else the type's own: whole numbers are 64-bit.
            entries.append(("type", .string("integer")))
            let minimum = field.minimum.flatMap { Int64($0) } ?? ExactNumber.smallestInteger
            let maximum = field.maximum.flatMap { Int64($0) } ?? ExactNumber.largestInteger
            entries.append(("minimum", CaseValue(numeral: String(minimum))!))
            entries.append(("maximum", CaseValue(numeral: String(maximum))!))
        case .money:
            // The field's bounds, or else the type's own: an amount is a 64-bit count of cents.
            func cents(_ bound: String?, _ otherwise: Int64) -> CaseValue {
                var value = otherwise
                if let bound, case .value(let given) = Formatters.moneyCents(bound) { value = given }
                let fraction = value.magnitude % 100
                let decimals = fraction == 0 ? "" : (fraction < 10 ? ".0" : ".") + String(fraction)
                return CaseValue(numeral: (value < 0 ? "-" : "") + String(value.magnitude / 100) + decimals)!
            }
            let numeric: [(String, CaseValue)] = [
                ("type", .string("number")), ("minimum", cents(field.minimum, .min)), ("maximum", cents(field.maximum, .max)),
            ]
            // An amount may also be written as text ("$1,250.00"), but a pattern cannot bound it: a
            // field with bounds takes a number here; without, text of at most twelve digits before
            // the cents, which a 64-bit count of cents always holds.
            if field.minimum != nil || field.maximum != nil {
                entries += numeric
            } else {
                entries.append(("anyOf", .list([
                    .object(numeric),
                    .object([("type", .string("string")), ("pattern", .string("^-?\\$?[0-9]{1,3}(,?[0-9]{3}){0,3}(\\.[0-9]{1,2})?$"))]),
                ])))
            }
        case .choice:
            let choices = CaseValue.object([
                ("enum", .list(field.options.map { .string($0.value) })),
                ("x-labels", .object(field.options.map { ($0.value, .string($0.label)) })),
            ])
            if field.multiple {
                entries.append(("type", .string("array")))
                entries.append(("items", choices))
                entries.append(("uniqueItems", .bool(true)))
                if field.required { entries.append(("minItems", .number(1))) }
            } else {
                entries += choices.entriesList
            }
        case .usState:
            // Codes and names as the validator takes them (it also ignores letter case).
            entries.append(("type", .string("string")))
            let codes = USStates.names.keys.sorted()
            entries.append(("enum", .list((codes + codes.map { USStates.names[$0]! }).map(CaseValue.string))))
        case .pronouns:
            entries.append(("anyOf", .list([
                .object([("type", .string("string")), ("pattern", .string("^([Ss][Hh][Ee]|[Hh][Ee]|[Tt][Hh][Ee][Yy])$"))]),
                .object([
                    ("type", .string("object")),
                    ("properties", .object(Pronouns.requiredKeys.map { ($0, .object([("type", .string("string")), ("minLength", .number(1))])) })),
                    ("required", .list(Pronouns.requiredKeys.map(CaseValue.string))),
                ]),
            ])))
        case .group:
            entries += objectSchema(field.children).entriesList
        case .list:
            entries.append(("type", .string("array")))
            entries.append(("items", objectSchema(field.children)))
            if let minimum = number(field.minimum) { entries.append(("minItems", minimum)) }
            if let maximum = number(field.maximum) { entries.append(("maxItems", maximum)) }
        }
        // A template's pattern must match the whole value; JSON Schema's may match any part of it.
        if let pattern = field.pattern { entries.append(("pattern", .string("^(?:\(pattern))$"))) }
        if field.sensitive { entries.append(("x-sensitive", .bool(true))) }
        if let value = field.defaultValue { entries.append(("default", CaseDefaults.typedDefault(value, for: field))) }
        return .object(entries)
    }

    /// A case file with every field, to fill in: empty text (dates too), `false`, `null` for
    /// numbers, one item in each list, and each field's default where it has one.
    public static func skeleton(for template: Template) -> CaseValue {
        skeletonObject(template.fields)
    }

    private static func skeletonObject(_ fields: [FieldDeclaration]) -> CaseValue {
        .object(fields.map { ($0.name, skeleton(for: $0)) })
    }

    /// The skeleton value of one field.
    static func skeleton(for field: FieldDeclaration) -> CaseValue {
        if let value = field.defaultValue { return CaseDefaults.typedDefault(value, for: field) }
        switch field.type {
        case .group: return skeletonObject(field.children)
        case .list: return .list([skeletonObject(field.children)])
        case .boolean: return .bool(false)
        case .integer, .money: return .null
        case .choice where field.multiple: return .list([])
        case .paragraphs: return .string("")
        default: return .string("")
        }
    }
}

extension CaseValue {
    fileprivate var entriesList: [(String, CaseValue)] {
        objectValue?.entries.map { ($0.key, $0.value) } ?? []
    }
}
