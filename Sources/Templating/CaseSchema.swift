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
        if let description = template.meta.description { entries.append(("description", .string(description))) }
        entries += objectSchema(template.fields).entriesList
        if !template.rules.isEmpty {
            // Rules cannot be said in JSON Schema; they are listed for tools that want to show them.
            entries.append(("x-rules", .list(template.rules.map { rule in
                .object([("test", .string(rule.testText)), ("message", .string(rule.message))])
            })))
        }
        return .object(entries)
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

    private static func schema(for field: FieldDeclaration) -> CaseValue {
        var entries: [(String, CaseValue)] = [("title", .string(field.displayLabel))]
        if let help = field.help { entries.append(("description", .string(help))) }
        func number(_ text: String?) -> CaseValue? { text.flatMap(Double.init).map(CaseValue.number) }
        switch field.type {
        case .text:
            // A number is accepted in a text field (a ZIP code written without quotes).
            entries.append(("type", .list([.string("string"), .string("number")])))
            if field.required { entries.append(("minLength", .number(1))) }
        case .email, .phone, .aNumber, .receiptNumber:
            entries.append(("type", .string("string")))
            if field.required { entries.append(("minLength", .number(1))) }
            if field.type == .email { entries.append(("format", .string("email"))) }
            if field.type == .aNumber { entries.append(("pattern", .string("^[Aa]?[- ]?[0-9][0-9- ]{7,11}$"))) }
            if field.type == .receiptNumber { entries.append(("pattern", .string("^[A-Za-z]{3}[- ]?[0-9]{10}$"))) }
        case .paragraphs:
            entries.append(("anyOf", .list([
                .object([("type", .string("string"))]),
                .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]),
            ])))
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
            entries.append(("anyOf", .list([
                .object(numeric),
                .object([("type", .string("string")), ("pattern", .string("^-?\\$?[0-9][0-9,]*(\\.[0-9]{1,2})?$"))]),
            ])))
        case .choice:
            let choices = CaseValue.object([
                ("enum", .list(field.options.map { .string($0.value) })),
                ("x-labels", .object(field.options.map { ($0.value, .string($0.label)) })),
            ])
            if field.multiple {
                entries.append(("type", .string("array")))
                entries.append(("items", choices))
                entries.append(("uniqueItems", .bool(true)))
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
        if let pattern = field.pattern { entries.append(("pattern", .string(pattern))) }
        if field.sensitive { entries.append(("x-sensitive", .bool(true))) }
        if let value = field.defaultValue { entries.append(("default", .string(value))) }
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
        if let value = field.defaultValue {
            switch field.type {
            case .boolean: return .bool(value == "true")
            case .integer, .money: return CaseValue(numeral: value) ?? .string(value)
            default: return .string(value)
            }
        }
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
