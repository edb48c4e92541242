/// Why a blank form cannot be read or filled. The message names the file and the field, never a
/// value from the case file.
public struct FormPDFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that act on it.
    public enum Reason: Sendable, Equatable {
        /// The file cannot be read (missing, unreadable, larger than `BlankForm.maximumSize`).
        case unreadable
        /// Not a PDF, or a PDF too damaged to read.
        case damaged
        /// A PDF that needs a password.
        case encrypted
        /// A PDF without form fields (no /AcroForm, or no fields in it).
        case noForm
        /// A value names a field the blank does not have.
        case unknownField
        /// A value's kind does not suit the field (text for a check box, …).
        case wrongKind
        /// An option or on-state the field does not have.
        case unknownOption
        /// A text longer than the field's MaxLen.
        case tooLong
        /// A text with characters the form's font cannot print (outside WinAnsiEncoding).
        case unprintable
        /// The PDF library failed while filling or writing.
        case failed
    }

    /// What went wrong.
    public var reason: Reason
    /// A sentence naming the file and the field, and what to do.
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
