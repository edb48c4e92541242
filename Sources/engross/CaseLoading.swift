import ArgumentParser
import CaseData
import Engross
import Templating

/// How one case file fared in validation.
struct CaseCheck {
    var file: String
    var diagnostics: [Diagnostic]
    /// Set when the file could not be read or parsed.
    var unreadable: CaseFileError?
    var data: CaseValue?

    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count + (unreadable == nil ? 0 : 1) }
    var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    var isValid: Bool { errorCount == 0 }

    /// Reads and validates `file` against `template`.
    init(file: String, template: PreparedTemplate) {
        self.file = file
        self.diagnostics = []
        do {
            let data = try CaseFile.load(path: file)
            self.data = data
            self.diagnostics = template.validate(data, file: file)
        } catch {
            self.unreadable = error
        }
    }

    /// Prints the diagnostics to standard error, as `file:line:col: error: …` lines.
    func printDiagnostics() {
        if let unreadable { Console.error(unreadable.description) }
        for diagnostic in diagnostics { Console.error(diagnostic.formatted) }
    }

    /// "2 errors, 1 warning".
    var summary: String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(errorCount, "error")), \(count(warningCount, "warning"))"
    }
}
