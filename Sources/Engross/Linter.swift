import Foundation
import Templating

/// Checks templates as `engross lint` does: against the vocabulary's RELAX NG schema, then by
/// loading them (includes, parent, every field path, every reference).
public struct Linter: Sendable {
    public let library: TemplateLibrary

    public init(library: TemplateLibrary) { self.library = library }

    /// The problems in template `id`, schema problems first; empty when it is sound.
    /// - Parameter schemaPath: the RELAX NG schema; nil to check without one.
    public func lint(_ id: String, schemaPath: String?) -> [TemplateError] {
        var problems: [TemplateError] = []
        if let schemaPath {
            do {
                problems += try library.schemaProblems(id, schemaPath: schemaPath)
            } catch {
                return error.errors
            }
        }
        do {
            _ = try library.load(id)
        } catch {
            for error in error.errors where !problems.contains(error) { problems.append(error) }
        }
        return problems
    }
}
