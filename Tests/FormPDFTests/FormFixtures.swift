import FormPDF
import Foundation
import TestSupport

/// The test blanks made by scripts/make-fixture-forms.
enum FormFixtures {
    static let folder = repositoryRoot.appendingPathComponent("Fixtures/forms")
    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    static var edition2026: BlankForm { get throws(FormPDFError) { try BlankForm(path: path("example-i-000.pdf")) } }
    static var edition2027: BlankForm { get throws(FormPDFError) { try BlankForm(path: path("example-i-000-2027.pdf")) } }

    /// Fully qualified names: `page1("X")` is `form1[0].#subform[0].X`.
    static func page1(_ name: String) -> String { "form1[0].#subform[0].\(name)" }
    static func page2(_ name: String) -> String { "form1[0].#subform[1].\(name)" }
}
