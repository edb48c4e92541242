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
        return .object(entries)
    }

    private static func objectSchema(_ fields: [FieldDeclaration]) -> CaseValue {
        var properties: [(String, CaseValue)] = []
        for field in fields { properties.append((field.name, schema(for: field))) }
        var entries: [(String, CaseValue)] = [("type", .string("object")), ("properties", .object(properties))]
        let required = fields.filter { $0.required && $0.defaultValue == nil }.map { CaseValue.string($0.name) }
        if !required.isEmpty { entries.append(("required", .list(required))) }
        return .object(entries)
    }

    private static func schema(for field: FieldDeclaration) -> CaseValue {
        var entries: [(String, CaseValue)] = [("title", .string(field.displayLabel))]
        if let help = field.help { entries.append(("description", .string(help))) }
        func number(_ text: String?) -> CaseValue? { text.flatMap(Double.init).map(CaseValue.number) }
        switch field.type {
        case .text, .email, .phone, .aNumber, .receiptNumber:
            entries.append(("type", .string("string")))
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
            entries.append(("type", .string("integer")))
            if let minimum = number(field.minimum) { entries.append(("minimum", minimum)) }
            if let maximum = number(field.maximum) { entries.append(("maximum", maximum)) }
        case .money:
            var numeric: [(String, CaseValue)] = [("type", .string("number"))]
            if let minimum = number(field.minimum) { numeric.append(("minimum", minimum)) }
            if let maximum = number(field.maximum) { numeric.append(("maximum", maximum)) }
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
            entries.append(("type", .string("string")))
            entries.append(("enum", .list(USStates.names.keys.sorted().map(CaseValue.string))))
        case .pronouns:
            entries.append(("anyOf", .list([
                .object([("enum", .list(Pronouns.named.keys.sorted().map(CaseValue.string)))]),
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

    /// A case file with every field, to fill in: empty text, `false`, `null` for numbers and
    /// dates (with the expected form noted in a `_help` key), one item in each list.
    public static func skeleton(for template: Template) -> CaseValue {
        skeletonObject(template.fields)
    }

    private static func skeletonObject(_ fields: [FieldDeclaration]) -> CaseValue {
        .object(fields.map { ($0.name, skeletonValue($0)) })
    }

    private static func skeletonValue(_ field: FieldDeclaration) -> CaseValue {
        if let value = field.defaultValue {
            switch field.type {
            case .boolean: return .bool(value == "true")
            case .integer, .money: return Double(value).map(CaseValue.number) ?? .string(value)
            default: return .string(value)
            }
        }
        switch field.type {
        case .group: return skeletonObject(field.children)
        case .list: return .list([skeletonObject(field.children)])
        case .boolean: return .bool(false)
        case .integer, .money: return .null
        case .choice where field.multiple: return .list([])
        case .paragraphs: return .list([.string("")])
        case .date: return .string("yyyy-mm-dd")
        default: return .string("")
        }
    }
}

extension CaseValue {
    fileprivate var entriesList: [(String, CaseValue)] {
        objectValue?.entries.map { ($0.key, $0.value) } ?? []
    }
}
