import CaseData
import TextSafety

/// A problem found in a case file. Never holds the value of a sensitive field.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    /// Stable codes that scripts can rely on. Documented in docs/TEMPLATES.md.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        case required
        case wrongType = "wrong-type"
        case invalidDate = "invalid-date"
        case notAnOption = "not-an-option"
        case patternMismatch = "pattern-mismatch"
        case outOfRange = "out-of-range"
        case tooFewItems = "too-few-items"
        case tooManyItems = "too-many-items"
        case invalidEmail = "invalid-email"
        case invalidPhone = "invalid-phone"
        case invalidState = "invalid-state"
        case invalidPronouns = "invalid-pronouns"
        case invalidANumber = "invalid-a-number"
        case invalidReceiptNumber = "invalid-receipt-number"
        case invalidMoney = "invalid-money"
        case invalidInteger = "invalid-integer"
        case ruleFailed = "rule-failed"
        case unknownField = "unknown-field"
        case notAGroup = "not-a-group"
        /// A batch record that could not be read (a malformed JSON line, a broken case file).
        case unreadable
        /// A packet's exhibit file that is missing, unreadable, protected by a password, or not a
        /// PDF, PNG or JPEG.
        case exhibitFile = "exhibit-file"
        /// Two exhibits of a packet with the same id.
        case duplicateID = "duplicate-id"
        /// A citation in a packet document of paragraphs or an exhibit that the packet does not have.
        case brokenCitation = "broken-citation"
    }

    public var severity: Severity
    public var code: Code
    /// The field path with list indexes, e.g. `incidents[2].date`; empty for the whole file.
    public var path: String
    /// The field's label, e.g. "Date of the incident".
    public var label: String?
    /// What is wrong, in plain words.
    public var message: String
    /// How to fix it.
    public var help: String?
    /// The case file, as the user named it.
    public var file: String?
    /// Where in the case file, when known.
    public var position: SourcePosition?

    public init(
        _ severity: Severity, _ code: Code, path: String, label: String?, message: String, help: String? = nil,
        file: String? = nil, position: SourcePosition? = nil
    ) {
        self.severity = severity
        self.code = code
        self.path = path
        self.label = label
        self.message = message
        self.help = help
        self.file = file
        self.position = position
    }

    /// `case.json:12:5: error: incidents[2].date (Date of the incident): message [code]`, then
    /// an indented `help:` line. Every part is printable (see `printable`).
    public var formatted: String {
        let safe = printable
        var place = safe.file ?? "<case>"
        if let position { place += ":\(position.line):\(position.column)" }
        var subject = safe.path.isEmpty ? "" : safe.path
        if let label = safe.label { subject += subject.isEmpty ? label : " (\(label))" }
        var text = "\(place): \(severity.rawValue): " + (subject.isEmpty ? "" : "\(subject): ") + "\(safe.message) [\(code.rawValue)]"
        if let help = safe.help { text += "\n    help: \(help)" }
        return text
    }

    /// Longest path, label, message or help a printed diagnostic shows, in characters.
    static let printedPathLimit = 200
    static let printedTextLimit = 1_000

    /// The diagnostic as it is shown to people and written to reports: control characters and
    /// bidirectional overrides escaped (a key or value holding a newline or an ESC can neither
    /// forge a line nor colour a terminal), and each part cut to a few hundred characters (a 10 MB
    /// key is not echoed). The diagnostic itself keeps the exact path, for lookups.
    public var printable: Diagnostic {
        var copy = self
        copy.path = TextSafety.forMessage(path, limit: Self.printedPathLimit)
        copy.label = label.map { TextSafety.forMessage($0, limit: Self.printedPathLimit) }
        copy.message = TextSafety.forMessage(message, limit: Self.printedTextLimit)
        copy.help = help.map { TextSafety.forMessage($0, limit: Self.printedTextLimit) }
        copy.file = file.map { TextSafety.forMessage($0, limit: Self.printedTextLimit) }
        return copy
    }

    /// The diagnostic as a JSON object, printable (see `printable`).
    public var json: CaseValue {
        let printable = self.printable
        let (path, label, message, help, file) = (printable.path, printable.label, printable.message, printable.help, printable.file)
        var entries: [(String, CaseValue)] = [
            ("severity", .string(severity.rawValue)), ("code", .string(code.rawValue)), ("path", .string(path)),
        ]
        entries.append(("label", label.map(CaseValue.string) ?? .null))
        entries.append(("message", .string(message)))
        entries.append(("help", help.map(CaseValue.string) ?? .null))
        entries.append(("file", file.map(CaseValue.string) ?? .null))
        entries.append(("line", position.map { .number(Double($0.line)) } ?? .null))
        entries.append(("column", position.map { .number(Double($0.column)) } ?? .null))
        return .object(entries)
    }
}
