import CaseData

/// The kinds of value a field can hold.
public enum FieldType: String, Sendable, Equatable, CaseIterable {
    case text, paragraphs, date, boolean, integer, money, choice, email, phone
    case usState = "us-state"
    case pronouns
    case aNumber = "a-number"
    case receiptNumber = "receipt-number"
    case group, list
}

/// How a sensitive value is shown in a redacted document.
public enum RedactionStyle: String, Sendable, Equatable, CaseIterable {
    /// "[REDACTED]".
    case mark
    /// Initials only: "J. D.".
    case initials
    /// The last four characters, the rest masked: "•••••6789".
    case last4
}

/// One option of a `choice` field.
public struct ChoiceOption: Sendable, Equatable {
    /// What the case file holds, e.g. `t`.
    public var value: String
    /// What a document shows, e.g. "T visa (Form I-914)".
    public var label: String
}

/// A place in a template file.
public struct TemplateLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A field a template declares: what the case file must (or may) hold.
public struct FieldDeclaration: Sendable, Equatable {
    public var name: String
    public var type: FieldType
    public var label: String?
    /// A hint for the person filling in the case file.
    public var help: String?
    public var required: Bool
    /// Required when this expression is true.
    public var requiredIf: Expression?
    /// The source text of `requiredIf`, for documentation.
    public var requiredIfText: String?
    /// A regular expression the whole value must match (text-like fields).
    public var pattern: String?
    /// Lower and upper bounds: numbers for integer and money, dates (or `today`) for dates,
    /// item counts for lists.
    public var minimum: String?
    public var maximum: String?
    /// Whether the value identifies or endangers the client; it never appears in messages,
    /// and `--redact` removes it from documents.
    public var sensitive: Bool
    public var redact: RedactionStyle
    /// The value used when the case file has none.
    public var defaultValue: String?
    /// The options of a choice field.
    public var options: [ChoiceOption]
    /// Whether a choice field takes several options (a list of values).
    public var multiple: Bool
    /// The fields of a group, or of each item of a list.
    public var children: [FieldDeclaration]
    /// Rules checked inside each item of a list (or in a group).
    public var rules: [RuleDeclaration]
    public var location: TemplateLocation

    /// The label, or the name made readable ("fullName" → "Full name").
    public var displayLabel: String {
        if let label { return label }
        var words = ""
        for character in name {
            if character.isUppercase, !words.isEmpty { words += " " + character.lowercased() } else { words.append(character) }
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The child field called `name`.
    public func child(_ name: String) -> FieldDeclaration? { children.first { $0.name == name } }

    /// The label of option `value`.
    public func optionLabel(_ value: String) -> String? { options.first { $0.value == value }?.label }
}

/// A cross-field rule: when `test` is false, `message` is reported.
public struct RuleDeclaration: Sendable, Equatable {
    public var test: Expression
    public var testText: String
    public var message: String
    /// The field the message is about, if the rule names one.
    public var field: String?
    public var location: TemplateLocation
}
