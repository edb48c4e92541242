/// A problem with a template: it cannot be read, parsed, resolved or bound to its fields.
/// Printed as `file:line: error: message`.
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
    }

    public var reason: Reason
    public var message: String
    public var location: TemplateLocation

    public init(_ reason: Reason, _ message: String, at location: TemplateLocation) {
        self.reason = reason
        self.message = message
        self.location = location
    }

    public var description: String {
        location.line > 0 ? "\(location.file):\(location.line): error: \(message)" : "\(location.file): error: \(message)"
    }
}

/// Several template problems found at once.
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [TemplateError]

    public init(_ errors: [TemplateError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
