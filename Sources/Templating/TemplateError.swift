import TextSafety

/// A problem with a template: it cannot be read, parsed, resolved or bound to its fields; or, as a
/// warning from `engross lint`, something an author should look at (a legal review over a year
/// old). Printed as `file:line: error: message` (or `warning:`).
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Reason: String, Sendable, Equatable {
        case unreadable
        case notFound
        case syntax
        case unknownElement
        case unknownAttribute
        case missingAttribute
        case invalidAttribute
        case misplacedElement
        case expression
        case undeclaredField
        case duplicateField
        case includeCycle
        /// Includes and parents that nest too deeply or expand to too large a template.
        case tooLarge
        case schema
        /// The legal content's `<reviewed>` date is missing or more than a year old (a warning).
        case staleReview
    }

    /// Whether the template cannot be used (`error`) or only needs an author's attention (`warning`).
    public enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    public var reason: Reason
    public var message: String
    public var location: TemplateLocation
    public var severity: Severity

    public init(_ reason: Reason, _ message: String, at location: TemplateLocation, severity: Severity = .error) {
        self.reason = reason
        self.message = message
        self.location = location
        self.severity = severity
    }

    /// The message, printable: control characters escaped and cut to 1,000 characters, since it
    /// may quote a template's text.
    public var printableMessage: String { TextSafety.forMessage(message, limit: 1_000) }

    /// `file:line: error: message` (or `warning:`), printable (see `printableMessage`).
    public var description: String {
        let file = TextSafety.forMessage(location.file, limit: 1_000)
        let place = location.line > 0 ? "\(file):\(location.line)" : file
        return "\(place): \(severity.rawValue): \(printableMessage)"
    }
}

/// Several template problems found at once.
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [TemplateError]

    public init(_ errors: [TemplateError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
