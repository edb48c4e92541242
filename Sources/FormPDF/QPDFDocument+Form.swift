import PDFFinishing

/// qpdf's errors, told as a form's: the file's name and what to do about it.
extension FormPDFError {
    init(_ error: QPDFError, name: String) {
        switch error.kind {
        case .encrypted:
            self.init(.encrypted, "\(name) is a PDF protected by a password; download the form again, or save an unprotected copy, and name that")
        case .damaged:
            self.init(.damaged, "\(name) is not a PDF that can be read (\(error.detail)); download the blank form again")
        case .failed:
            self.init(.failed, "\(name): \(error.detail)")
        }
    }
}

extension QPDFDocument {
    /// Opens a blank or filled form; errors name the file as the user knows it.
    static func form(_ bytes: [UInt8], name: String) throws(FormPDFError) -> QPDFDocument {
        do { return try QPDFDocument(bytes: bytes, name: name) } catch { throw FormPDFError(error, name: name) }
    }

    /// The form's bytes (streams as they are); `name` is used in messages.
    func writeForm(name: String) throws(FormPDFError) -> [UInt8] {
        do { return try write() } catch { throw FormPDFError(error, name: name) }
    }
}
