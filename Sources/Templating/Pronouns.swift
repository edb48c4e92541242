import CaseData

/// A person's pronouns, for letters that speak of the client in the third person.
///
/// A case file gives `she`, `he` or `they`, or a group with `subject`, `object`, `possessive`,
/// `possessivePronoun`, `reflexive` and `plural` (whether verbs agree as with "they").
public struct Pronouns: Sendable, Equatable {
    public var subject: String
    public var object: String
    public var possessive: String
    public var possessivePronoun: String
    public var reflexive: String
    /// Whether verbs agree in the plural ("they are").
    public var plural: Bool

    /// The sets a case file can name with one word.
    public static let named: [String: Pronouns] = [
        "she": Pronouns(subject: "she", object: "her", possessive: "her", possessivePronoun: "hers", reflexive: "herself", plural: false),
        "he": Pronouns(subject: "he", object: "him", possessive: "his", possessivePronoun: "his", reflexive: "himself", plural: false),
        "they": Pronouns(subject: "they", object: "them", possessive: "their", possessivePronoun: "theirs", reflexive: "themselves", plural: true),
    ]

    /// The keys a custom pronoun group must have.
    public static let requiredKeys = ["subject", "object", "possessive"]

    /// The pronouns a case value names; nil when it names none.
    public init?(_ value: CaseValue) {
        switch value.kind {
        case .string(let name):
            guard let known = Self.named[name.lowercased()] else { return nil }
            self = known
        case .object(let object):
            guard let subject = object["subject"]?.stringValue, let objectForm = object["object"]?.stringValue,
                let possessive = object["possessive"]?.stringValue
            else { return nil }
            self.subject = subject
            self.object = objectForm
            self.possessive = possessive
            self.possessivePronoun = object["possessivePronoun"]?.stringValue ?? possessive
            self.reflexive = object["reflexive"]?.stringValue ?? "\(objectForm)self"
            if case .bool(let plural)? = object["plural"]?.kind { self.plural = plural } else { self.plural = false }
        default:
            return nil
        }
    }

    init(subject: String, object: String, possessive: String, possessivePronoun: String, reflexive: String, plural: Bool) {
        self.subject = subject
        self.object = object
        self.possessive = possessive
        self.possessivePronoun = possessivePronoun
        self.reflexive = reflexive
        self.plural = plural
    }

    /// The form a `value` format names: subject, object, possessive, possessive-pronoun, reflexive.
    public func form(_ format: String?) -> String? {
        switch format ?? "subject" {
        case "subject": return subject
        case "object": return object
        case "possessive": return possessive
        case "possessive-pronoun": return possessivePronoun
        case "reflexive": return reflexive
        default: return nil
        }
    }

    /// The format names `form(_:)` accepts.
    public static let formats = ["subject", "object", "possessive", "possessive-pronoun", "reflexive"]
}
