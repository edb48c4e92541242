import Foundation
import Templating

extension TemplateError {
    /// The message as compilers print it, with the template's source line under it:
    ///
    ///     Templates/letters/x.xml:7: error: 'caseNumber' uses 'caseNumber', which is not a declared field …
    ///         <p>Your case number is <value of="caseNumber"/>.</p>
    ///
    /// Only template lines are ever shown; a case file's lines may hold a survivor's data.
    public var descriptionWithSource: String {
        guard location.line > 0, let text = try? String(contentsOfFile: location.file, encoding: .utf8) else {
            return description
        }
        var lineNumber = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if lineNumber == location.line {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? description : description + "\n    " + trimmed
            }
            lineNumber += 1
        }
        return description
    }
}
