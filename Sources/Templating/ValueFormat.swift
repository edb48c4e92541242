/// The `format` names a `value` may use, by the type of field it shows.
enum ValueFormat {
    static let dates = ["long-date", "form-date", "iso-date"]
    static let numbers = ["digits", "words", "number-words"]
    static let lists = ["list", "list-or"]

    /// The formats that make sense for a field of `type` (`multiple` for multi-choice fields).
    static func allowed(for type: FieldType, multiple: Bool) -> [String] {
        switch type {
        case .text: return ["initials"] + PersonName.formats
        case .email: return ["initials"]
        case .date: return dates
        case .integer: return numbers
        case .money: return ["money"]
        case .choice: return multiple ? lists + ["value"] : ["label", "value"]
        case .usState: return ["name", "code"]
        case .pronouns: return Pronouns.formats
        case .aNumber: return ["a-number", "digits"]
        case .boolean, .phone, .receiptNumber, .paragraphs, .group, .list: return []
        }
    }

    /// Every format name, for values computed by an expression.
    static let all: Set<String> = Set(FieldType.allCases.flatMap { allowed(for: $0, multiple: false) + allowed(for: $0, multiple: true) })
}
