import Foundation
import Templating
import TextSafety

extension TemplateError {
    /// The message as compilers print it, with the template's source line under it:
    ///
    ///     Templates/letters/x.xml:7: error: 'caseNumber' uses 'caseNumber', which is not a declared field …
    ///         <p>Your case number is <value of="caseNumber"/>.</p>
    ///
    /// Only template lines are ever shown; a case file's lines may hold a survivor's data. The line
    /// is printable and cut to `sourceLineLimit` characters: a template may be one line of
    /// megabytes.
    public var descriptionWithSource: String {
        guard location.line > 0, let text = try? String(contentsOfFile: location.file, encoding: .utf8) else {
            return description
        }
        var lineNumber = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if lineNumber == location.line {
                guard let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) else {
                    return description
                }
                return description + "\n    " + TextSafety.forMessage(line[first...last], limit: Self.sourceLineLimit)
            }
            lineNumber += 1
        }
        return description
    }

    /// How much of a template's source line an error shows, in characters.
    static let sourceLineLimit = 160
}
