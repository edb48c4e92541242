import CPangoCairo
import CQPDF
import Foundation

/// A PDF opened with poppler-glib: the pages' text, and text and choice fields set with new
/// appearance streams (poppler draws them when it saves, combs as combs).
final class PopplerForm {
    private let document: OpaquePointer

    init(bytes: [UInt8], name: String) throws(FormPDFError) {
        let gbytes = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            let encrypted = error?.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
            g_clear_error(&error)
            if encrypted {
                throw FormPDFError(.encrypted, "\(name) is a PDF protected by a password; download the form again, or save an unprotected copy, and name that")
            }
            throw FormPDFError(.damaged, "\(name) is not a PDF that can be read; download the blank form again")
        }
        self.document = document
    }

    deinit { engross_object_unref(UnsafeMutableRawPointer(document)) }

    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    /// The text of each page, in order.
    func pageTexts() -> [String] {
        (0..<Int32(pageCount)).map { index in
            guard let page = poppler_document_get_page(document, index) else { return "" }
            defer { engross_object_unref(UnsafeMutableRawPointer(page)) }
            guard let text = poppler_page_get_text(page) else { return "" }
            defer { g_free(text) }
            return String(cString: text)
        }
    }

    /// Sets the text fields and choice fields named in `values`; `choiceIndex` gives the
    /// position in /Opt of a choice field's option. Other kinds are left to qpdf.
    func set(_ values: [String: FormValue], choiceIndex: (String, String) -> Int?) {
        for index in 0..<Int32(pageCount) {
            guard let page = poppler_document_get_page(document, index) else { continue }
            defer { engross_object_unref(UnsafeMutableRawPointer(page)) }
            let mappings = poppler_page_get_form_field_mapping(page)
            defer { poppler_page_free_form_field_mapping(mappings) }
            var item = mappings
            while let node = item {
                item = node.pointee.next
                guard let mapping = node.pointee.data?.assumingMemoryBound(to: PopplerFormFieldMapping.self),
                    let field = mapping.pointee.field, let rawName = poppler_form_field_get_name(field)
                else { continue }
                let name = String(cString: rawName)
                g_free(rawName)
                switch (values[name], poppler_form_field_get_field_type(field)) {
                case (.text(let text)?, POPPLER_FORM_FIELD_TEXT):
                    poppler_form_field_text_set_text(field, text)
                case (.option(let option)?, POPPLER_FORM_FIELD_CHOICE):
                    guard let position = choiceIndex(name, option), position < poppler_form_field_choice_get_n_items(field) else { continue }
                    poppler_form_field_choice_unselect_all(field)
                    poppler_form_field_choice_select_item(field, Int32(position))
                default:
                    continue
                }
            }
        }
    }

    /// The document with its changes, as bytes. Written to a file that lives in memory only
    /// (Linux's memfd), reopened by poppler through /proc, so a client's values never touch the
    /// disk; elsewhere, to a private temporary folder removed at once.
    func save() throws(FormPDFError) -> [UInt8] {
        var error: UnsafeMutablePointer<GError>?
        let descriptor = engross_memory_file()
        if descriptor >= 0 {
            defer { close(descriptor) }
            guard poppler_document_save(document, "file:///proc/self/fd/\(descriptor)", &error) != 0 else {
                g_clear_error(&error)
                throw FormPDFError(.failed, "cannot save the filled form")
            }
            return try Self.readAll(descriptor)
        }
        let folder = NSTemporaryDirectory() + "engross-form-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(folder, 0o700) == 0 else { throw FormPDFError(.failed, "cannot create a private temporary folder for the filled form") }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard poppler_document_save(document, "file://\(folder)/filled.pdf", &error) != 0 else {
            g_clear_error(&error)
            throw FormPDFError(.failed, "cannot save the filled form")
        }
        let file = open(folder + "/filled.pdf", O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw FormPDFError(.failed, "cannot read the filled form back") }
        defer { close(file) }
        return try Self.readAll(file)
    }

    private static func readAll(_ descriptor: Int32) throws(FormPDFError) -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FormPDFError(.failed, "cannot read the filled form back") }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + offset, $0.count - offset, off_t(offset)) }
            guard count > 0 else { throw FormPDFError(.failed, "cannot read the filled form back") }
            offset += count
        }
        return bytes
    }
}
