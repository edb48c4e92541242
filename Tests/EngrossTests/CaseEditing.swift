import CaseData
import Engross
import Testing

extension CaseValue {
    /// This case with `value` set at the dotted `path` ("relief.custody"), groups made on the way;
    /// `nil` removes the key. For tests that vary one fixture.
    func setting(_ path: String, to value: CaseValue?) -> CaseValue {
        var keys = path.split(separator: ".").map(String.init)[...]
        guard let key = keys.popFirst() else { return self }
        var object = objectValue ?? CaseObject()
        object[key] = keys.isEmpty ? value : (object[key] ?? CaseValue(.object(CaseObject()))).setting(keys.joined(separator: "."), to: value)
        return CaseValue(.object(object))
    }
}

/// The document template `id` makes from `data`, as plain text with every run of white space one
/// space (so that phrases wrapped across lines are found); records an issue when `data` has errors.
func plainText(of id: String, _ data: CaseValue, engine: Engine, redact: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation) throws -> String
{
    let template = try engine.prepare(id)
    let problems = template.validate(data, file: "case").filter { $0.severity == .error }
    #expect(problems.isEmpty, "\(problems.map(\.formatted))", sourceLocation: sourceLocation)
    return TemplateLibraryTests.normalized(String(decoding: try OutputFormat.txt.write(template.render(data, redact: redact)), as: UTF8.self))
}
