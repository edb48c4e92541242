import CaseData
import Foundation
import Templating

/// Checks templates as `engross lint` does: against the vocabulary's RELAX NG schema, then by
/// loading them (includes, parent, every field path, every reference); and warns when a template's
/// legal content is due for another review.
public struct Linter: Sendable {
    public let library: TemplateLibrary
    /// The day against which the age of a legal review is measured.
    public let today: CivilDate

    /// How long a legal review holds: laws, regulations, forms and fees change.
    public static let reviewValidity = 12  // months

    /// - Parameter today: the date of the run (`SOURCE_DATE_EPOCH` fixes it, as for rendering).
    public init(library: TemplateLibrary, today: CivilDate = RenderDate.today()) {
        self.library = library
        self.today = today
    }

    /// The problems in template `id` (errors, and warnings of `severity` `.warning`); empty when it
    /// is sound.
    ///
    /// The engine's own checks run first, since their messages say what is wrong in template
    /// terms; the schema is a backstop, consulted only when the engine finds nothing (a RELAX NG
    /// validator reports one mistake as several confusing ones).
    /// - Parameter schemaPath: the RELAX NG schema; nil to check without one.
    public func lint(_ id: String, schemaPath: String?) -> [TemplateError] {
        if id.hasPrefix(TemplateLibrary.packetFolder + "/") { return lintPacket(id) }
        let template: Template
        do {
            template = try library.load(id)
        } catch {
            return error.errors
        }
        let warnings = reviewWarnings(template)
        guard let schemaPath else { return warnings }
        do {
            return try library.schemaProblems(id, schemaPath: schemaPath) + warnings
        } catch {
            return error.errors + warnings
        }
    }

    /// A warning when the template's legal content has no `<reviewed>` date, or one more than
    /// `reviewValidity` months before `today`: the library says itself when it needs another
    /// legal look. A fragment (`kind="fragment"`) without a date is taken to be reviewed with the
    /// documents that include it; one with a date is held to it.
    func reviewWarnings(_ template: Template) -> [TemplateError] {
        guard let text = template.meta.reviewed, let reviewed = CivilDate(iso: text) else {
            guard template.kind != "fragment" else { return [] }
            return [TemplateError(.staleReview,
                "the template has no <reviewed> date; have its legal content reviewed and add <reviewed>yyyy-mm-dd</reviewed> to <meta>",
                at: template.location, severity: .warning)]
        }
        guard reviewed.adding(months: Self.reviewValidity) < today else { return [] }
        return [TemplateError(.staleReview,
            "the legal content was last reviewed on \(text), more than a year ago; check it against current law, forms and fees, then update <reviewed>",
            at: template.location, severity: .warning)]
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
