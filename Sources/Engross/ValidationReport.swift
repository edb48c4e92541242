import CaseData
import Templating

/// The JSON of `engross validate --json`, which the web app's HTTP API also answers: one entry per
/// case file, with its diagnostics (printable, never a sensitive value) and their counts.
public enum ValidationReport {
    /// `{"template": …, "files": [entry, …]}`, each entry made by `entry`.
    public static func report(template: String, files: [CaseValue]) -> CaseValue {
        .object([("template", .string(template)), ("files", .list(files))])
    }

    /// One case file's entry: `file` (when given), `valid`, `errors`, `warnings`, `diagnostics`.
    /// A file that could not be read has one error, coded `unreadable`, and no other diagnostic.
    public static func entry(file: String?, diagnostics: [Diagnostic], unreadable: CaseFileError? = nil) -> CaseValue {
        var list = diagnostics.map(\.json)
        if let unreadable { list.insert(self.unreadable(unreadable, file: file), at: 0) }
        let errors = diagnostics.filter { $0.severity == .error }.count + (unreadable == nil ? 0 : 1)
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        var entries: [(String, CaseValue)] = file.map { [("file", .string($0))] } ?? []
        entries += [
            ("valid", .bool(errors == 0)), ("errors", .number(Double(errors))), ("warnings", .number(Double(warnings))),
            ("diagnostics", .list(list)),
        ]
        return .object(entries)
    }

    /// The diagnostic of a case file that could not be read or parsed.
    private static func unreadable(_ error: CaseFileError, file: String?) -> CaseValue {
        .object([
            ("severity", .string("error")), ("code", .string("unreadable")), ("path", .string("")),
            ("label", .null), ("message", .string(error.message)), ("help", .null),
            ("file", file.map(CaseValue.string) ?? .null),
            ("line", error.position.map { .number(Double($0.line)) } ?? .null),
            ("column", error.position.map { .number(Double($0.column)) } ?? .null),
        ])
    }
}
