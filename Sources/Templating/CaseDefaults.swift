import CaseData

/// Fills in the `default` of every declared field the case file leaves out.
public enum CaseDefaults {
    /// `root` with defaults added for missing fields (in groups and in every list item too).
    public static func apply(_ fields: [FieldDeclaration], to root: CaseValue) -> CaseValue {
        guard case .object(var object) = root.kind else { return root }
        var changed = false
        // Only fields with a default, or holding one, can change anything (most fields have none).
        for field in fields where hasDefault(field) {
            changed = true
            let current = object[field.name]
            if current == nil || current?.isNull == true {
                if let text = field.defaultValue {
                    object[field.name] = typedDefault(text, for: field)
                } else if field.type == .group, field.requiredIf == nil {
                    // A group that is needed only on a condition is not conjured up by its defaults.
                    let filled = apply(field.children, to: CaseValue(.object(CaseObject())))
                    if filled.objectValue?.isEmpty == false { object[field.name] = filled }
                }
            } else if let current {
                switch (field.type, current.kind) {
                case (.group, .object):
                    object[field.name] = apply(field.children, to: current)
                case (.list, .list(let items)):
                    object[field.name] = CaseValue(.list(items.map { apply(field.children, to: $0) }), position: current.position)
                default:
                    break
                }
            }
        }
        return changed ? CaseValue(.object(object), position: root.position) : root
    }

    /// Whether the field, or a field inside it, has a default.
    private static func hasDefault(_ field: FieldDeclaration) -> Bool {
        field.defaultValue != nil || field.children.contains(where: hasDefault)
    }

    /// A field's `default` as the case file would hold it: `false`, not `"false"`; a number for
    /// integer and money fields.
    static func typedDefault(_ text: String, for field: FieldDeclaration) -> CaseValue {
        switch field.type {
        case .boolean: return .bool(text == "true")
        case .integer, .money: return CaseValue(numeral: text) ?? .string(text)
        default: return .string(text)
        }
    }
}
