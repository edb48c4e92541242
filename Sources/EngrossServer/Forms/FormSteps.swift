import Templating

/// A template's form cut into steps: each top-level group is a step of its own, and the fields
/// between groups are gathered into one. A short template is one step.
public struct FormStep: Sendable {
    public var title: String
    public var fields: [FieldDeclaration]

    /// The steps of `template`'s form (without the final review step).
    public static func steps(for template: Template) -> [FormStep] {
        guard leafCount(template.fields) > shortForm else {
            return [FormStep(title: template.meta.title, fields: template.fields)]
        }
        var steps: [FormStep] = []
        var run: [FieldDeclaration] = []
        func closeRun() {
            guard let first = run.first else { return }
            steps.append(FormStep(title: first.displayLabel + (run.count > 1 ? " and more" : ""), fields: run))
            run = []
        }
        for field in template.fields {
            if field.type == .group {
                closeRun()
                steps.append(FormStep(title: field.displayLabel, fields: [field]))
            } else {
                run.append(field)
            }
        }
        closeRun()
        return steps
    }

    /// Forms with at most this many fields to fill are one step.
    static let shortForm = 10

    private static func leafCount(_ fields: [FieldDeclaration]) -> Int {
        fields.reduce(0) { $0 + ($1.children.isEmpty ? 1 : leafCount($1.children)) }
    }

    /// Whether a diagnostic's path is about one of this step's fields.
    public func contains(path: String) -> Bool {
        fields.contains { field in
            path == field.name || path.hasPrefix(field.name + ".") || path.hasPrefix(field.name + "[")
        }
    }
}
