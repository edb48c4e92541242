import CaseData
import DocumentModel
import Foundation
import Templating

/// The library's front door: load a template, validate case files against it, render documents.
///
/// ```swift
/// let engine = Engine(templatesPath: "Templates")
/// let support = try engine.prepare("letters/support")
/// let data = try CaseFile.load(path: "case.json")
/// let problems = support.validate(data, file: "case.json")
/// if !problems.contains(where: { $0.severity == .error }) {
///     let html = OutputFormat.html.write(support.render(data))
/// }
/// ```
public struct Engine: Sendable {
    /// The templates folder.
    public let library: TemplateLibrary
    /// The date `today()` means.
    public let today: CivilDate

    public init(templatesPath: String, today: CivilDate = RenderDate.today()) {
        self.library = TemplateLibrary(path: templatesPath)
        self.today = today
    }

    /// Loads and checks template `id` (or a path ending in `.xml` inside the templates folder).
    public func prepare(_ id: String) throws(TemplateErrors) -> PreparedTemplate {
        let template = try library.load(templateID(for: id))
        return PreparedTemplate(template: template, today: today)
    }

    /// The template id for what a user typed: an id, or the path of a template file inside the
    /// templates folder.
    public func templateID(for argument: String) -> String {
        guard argument.hasSuffix(".xml") else { return argument }
        let path = URL(fileURLWithPath: argument).standardizedFileURL.resolvingSymlinksInPath().path
        let root = library.root.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count).dropLast(4)) : argument
    }
}

/// A template ready to validate and render many case files (thread-safe).
public struct PreparedTemplate: Sendable {
    public let template: Template
    public let validator: CaseValidator
    public let evaluator: DocumentEvaluator

    public init(template: Template, today: CivilDate) {
        self.template = template
        self.validator = CaseValidator(template: template, today: today)
        self.evaluator = DocumentEvaluator(template: template, today: today)
    }

    /// Every problem in a case file.
    public func validate(_ data: CaseValue, file: String?) -> [Diagnostic] {
        validator.validate(data, file: file)
    }

    /// The document for a case file; redacted when asked. Validate first.
    public func render(_ data: CaseValue, redact: Bool = false) -> Document {
        let document = evaluator.evaluate(data)
        return redact ? document.redacted() : document
    }
}
