import TextSafety

/// A case file that could not be read or parsed.
public struct CaseFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        case unreadable(String)
        case unsupportedExtension(String)
        case syntax(String)
        case duplicateKey(String)
        case unsupportedFeature(String)
        case tooDeep
        /// Larger than `CaseFile.maximumBytes`.
        case tooLarge
    }

    public var reason: Reason
    /// The file's path as the user gave it.
    public var file: String
    public var position: SourcePosition?

    public init(_ reason: Reason, file: String, position: SourcePosition? = nil) {
        self.reason = reason
        self.file = file
        self.position = position
    }

    /// The message, without the file and position; printable (control characters escaped, any
    /// quoted key cut short).
    public var message: String {
        TextSafety.forMessage(rawMessage, limit: 1_000)
    }

    private var rawMessage: String {
        switch reason {
        case .unreadable(let detail): return "cannot read the case file: \(detail)"
        case .unsupportedExtension(let ext):
            return "cannot tell the format of a '.\(ext)' file; case files end in .json, .yaml or .yml"
        case .syntax(let detail): return detail
        case .duplicateKey(let key):
            return "the key \(TextSafety.quoted(key)) appears twice in the same group; keep one of them"
        case .unsupportedFeature(let detail): return detail
        case .tooDeep: return "the case file nests groups and lists more than 64 levels deep"
        case .tooLarge:
            return "the case file is larger than \(CaseFile.maximumBytes >> 20) MB, the most Engross reads; shorten its narratives"
        }
    }

    /// `file:line:col: error: message`, as compilers print it.
    public var description: String {
        let file = TextSafety.forMessage(self.file, limit: 1_000)
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): error: \(message)"
    }
}
