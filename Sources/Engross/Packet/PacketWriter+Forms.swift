import CaseData
import Digest
import FormPDF
import WriterPDF

extension PacketWriter {
    /// The blank of every form the assembly fills, by template id: read from the forms folder and
    /// checked against its template's edition (`PreparedTemplate.checkBlank`). Run before anything
    /// is rendered, so that a missing blank or one of another edition stops the packet at once.
    /// The error names the packet entry and the template, then says what the form template says.
    public func blanks(for assembly: Packet.Assembly) throws(FormRenderError) -> [String: BlankForm] {
        var blanks: [String: BlankForm] = [:]
        for case .document(let part) in assembly.items {
            guard case .form = part.content, blanks[part.templateID] == nil,
                let template = packet.templates[part.templateID], let form = template.template.form
            else { continue }
            let context = "\(packet.definition.id) includes the form \(part.name) (\(part.templateID)), but "
            do throws(FormRenderError) {
                let path = try forms.blankPath(for: form.blank)
                let blank: BlankForm
                do { blank = try BlankForm(path: path) } catch { throw FormRenderError(.blankUnreadable, error.message) }
                try template.checkBlank(blank)
                blanks[part.templateID] = blank
            } catch {
                throw FormRenderError(error.reason, context + error.message)
            }
        }
        return blanks
    }

    /// A form part filled: the live form (with its addendum pages, if any) for `documents/`, its
    /// pages printed for the combined PDF, and its manifest entry.
    func filled(
        _ part: Packet.Part, data: CaseValue, blanks: [String: BlankForm]
    ) throws(FormRenderError) -> (bytes: [UInt8], part: PacketPart, entry: [(String, CaseValue)]) {
        guard let template = packet.templates[part.templateID], let form = template.template.form, let blank = blanks[part.templateID] else {
            throw FormRenderError(.blankNotFound, "\(packet.definition.id): no blank was read for the form \(part.name) (\(part.templateID))")
        }
        let bytes = try template.renderForm(data, blank: blank)
        // The combined PDF prints the live form's pages, each field by its appearance stream (as
        // `--flatten` does): the answers are in the page, no field is left.
        let file: ExhibitFile
        do { file = try ExhibitFile(bytes: bytes) } catch {
            throw FormRenderError(.fillFailed, "cannot place the filled form \(part.name) (\(part.templateID)) in the packet: it \(error)")
        }
        let entry: [(String, CaseValue)] = [
            ("kind", .string("form")), ("name", .string(part.name)), ("template", .string(part.templateID)),
            ("templateVersion", .string(part.templateVersion)),
            ("blank", .object([("path", .string(form.blank)), ("relativeTo", .string("forms folder")), ("sha256", .string(SHA256.hex(blank.bytes)))])),
        ]
        return (bytes, .form(file: file, outline: template.template.meta.title), entry)
    }
}
