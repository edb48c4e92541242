import CaseData
import FormPDF
import Templating
import WriterPDF

extension PreparedTemplate {
    /// How to fill a form.
    public struct FormOptions: Sendable {
        /// Replace sensitive values as documents do (`--redact`).
        public var redact: Bool
        /// Print the fields into the pages, leaving no fields (`--flatten`).
        public var flatten: Bool
        /// A flattened copy as PDF/A-2b (`--pdfa`); a live form stays the blank's own file.
        public var archival: Bool

        public init(redact: Bool = false, flatten: Bool = false, archival: Bool = false) {
            self.redact = redact
            self.flatten = flatten
            self.archival = archival
        }
    }

    /// Checks that `blank` is the edition this form template was written for (`EditionCheck`).
    public func checkBlank(_ blank: BlankForm) throws(FormRenderError) {
        guard template.isForm else {
            throw FormRenderError(.notAForm, "\(template.id) is not a form template (kind=\"form\"); it has no blank to fill")
        }
        if let problem = EditionCheck.problem(template, blank: blank) { throw problem }
    }

    /// The blank filled from a case file, as PDF bytes. Validate the case file first.
    ///
    /// A text too long for its box (`BlankForm.fits`) gets the addendum's `see` text, and the whole
    /// value goes on the addendum pages appended to the form. The same input gives the same bytes.
    ///
    /// ```swift
    /// let form = try engine.prepare("forms/example-i-000")
    /// let blank = try BlankForm(path: FormsFolder.locate(explicit: nil).blankPath(for: form.template.form!.blank))
    /// let pdf = try form.renderForm(data, blank: blank, options: .init(redact: false, flatten: true))
    /// ```
    public func renderForm(_ data: CaseValue, blank: BlankForm, options: FormOptions = FormOptions()) throws(FormRenderError) -> [UInt8] {
        try checkBlank(blank)
        guard let form = template.form else { return [] }
        let content = FormEvaluator(template: template, today: evaluator.today).evaluate(data, redact: options.redact)
        var values: [String: FormValue] = [:]
        var continued: [ContinuedValue] = []
        for entry in content.entries {
            // The edition check has made sure that every field is there.
            guard let field = blank.field(named: entry.field) else { continue }
            switch entry.value {
            case .text(let text) where blank.fits(text, in: field):
                values[entry.field] = .text(text)
            case .text(let text):
                guard let addendum = form.addendum else {
                    throw FormRenderError(.doesNotFit,
                        "the value for \(entry.field) does not fit its box, and \(template.id) has no <addendum> to continue it on; add one to its <form>")
                }
                guard blank.fits(addendum.see, in: field) else {
                    throw FormRenderError(.doesNotFit,
                        "the value for \(entry.field) does not fit its box, and neither does the addendum's see=\"\(addendum.see)\"; shorten see=\"…\"")
                }
                values[entry.field] = .text(addendum.see)
                continued.append(ContinuedValue(page: field.widgets.first?.page, part: entry.part, item: entry.item, text: text))
            case .checked(let on):
                values[entry.field] = .checked(on)
            case .option(let option):
                if field.kind != .radio, !field.options.contains(option) {
                    throw FormRenderError(.unknownOption,
                        "the value for \(entry.field) is not one of the blank's options (\(field.options.joined(separator: ", "))); "
                            + "restrict the template's field to those options, or map it with format=\"…\" to one of them")
                }
                values[entry.field] = .option(option)
            }
        }
        var addendumBytes: [UInt8]?
        if let addendum = form.addendum, !continued.isEmpty {
            let document = addendum.document(lines: content.addendumLines, continued: continued, template: template, date: evaluator.today.description)
            // The footer names the form and its edition, as a continuation sheet should.
            let footer = "\(form.edition) · Part \(addendum.part). \(addendum.title)"
            do { addendumBytes = try PDFWriter().render(document, options: PDFWriter.Options(date: evaluator.today.description, footerLabel: footer)) } catch {
                throw FormRenderError(.fillFailed, "cannot write the addendum of \(template.id): \(error.reason)")
            }
        }
        do {
            return try FormFiller.fill(blank, values: values,
                options: FormFiller.Options(flatten: options.flatten, addendum: addendumBytes, date: evaluator.today.description,
                    title: template.meta.title, archival: options.archival))
        } catch {
            throw FormRenderError(.fillFailed, error.message)
        }
    }
}
