import Foundation
import Templating

/// Checks templates as `engross lint` does: against the vocabulary's RELAX NG schema, then by
/// loading them (includes, parent, every field path, every reference).
public struct Linter: Sendable {
    public let library: TemplateLibrary

    public init(library: TemplateLibrary) { self.library = library }

    /// The problems in template `id`; empty when it is sound.
    ///
    /// The engine's own checks run first, since their messages say what is wrong in template
    /// terms; the schema is a backstop, consulted only when the engine finds nothing (a RELAX NG
    /// validator reports one mistake as several confusing ones).
    /// - Parameter schemaPath: the RELAX NG schema; nil to check without one.
    public func lint(_ id: String, schemaPath: String?) -> [TemplateError] {
        if id.hasPrefix(TemplateLibrary.packetFolder + "/") { return lintPacket(id) }
        do {
            _ = try library.load(id)
        } catch {
            return error.errors
        }
        guard let schemaPath else { return [] }
        do {
            return try library.schemaProblems(id, schemaPath: schemaPath)
        } catch {
            return error.errors
        }
    }

    /// The problems in packet definition `id`: the definition itself, the templates it names,
    /// and every citation of another document's paragraphs.
    private func lintPacket(_ id: String) -> [TemplateError] {
        do {
            _ = try Packet(engine: Engine(templatesPath: library.root.path), id: id)
            return []
        } catch {
            return error.errors
        }
    }
}
