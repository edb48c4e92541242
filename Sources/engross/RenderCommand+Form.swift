import ArgumentParser
import Engross
import FormPDF

extension EngrossCommand.Render {
    /// For a form template, its blank, read and checked against the template's edition; nil for
    /// any other template. Exits 2 when the options do not suit the template, or the blank is
    /// missing, unreadable or of another edition.
    func formBlank(_ prepared: PreparedTemplate, formats: [OutputFormat]) throws -> BlankForm? {
        guard let form = prepared.template.form else {
            if flatten || blank != nil || forms != nil {
                Console.error("engross: --flatten, --blank and --forms are for form templates (kind=\"form\"); \(template) is a \(prepared.template.kind)")
                throw ExitCode(ExitStatus.usage)
            }
            return nil
        }
        guard formats == [.pdf] else {
            Console.error("engross: \(template) is a form template: it fills the blank PDF form \(form.blank), so it renders to -f pdf only")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            let path = try blank ?? FormsFolder.locate(explicit: forms).blankPath(for: form.blank, alternative: "pass --blank PATH")
            let blankForm = try BlankForm(path: path)
            try prepared.checkBlank(blankForm)
            return blankForm
        } catch {
            // A FormRenderError or FormPDFError: it names the file and the fields, never a value.
            Console.error("engross: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
