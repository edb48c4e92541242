/// Why a form template cannot fill a blank: the blank is missing or of another edition, a value
/// does not fit and has nowhere to continue, or the PDF library failed. The message names the
/// file and the fields, never a value from the case file. Every one is a usage error (exit 2).
public struct FormRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that act on it.
    public enum Reason: Sendable, Equatable {
        /// The template is not a form template.
        case notAForm
        /// No blank where the template's `blank` or `--blank` points, or it leads out of the forms folder.
        case blankNotFound
        /// The blank cannot be read as a PDF form.
        case blankUnreadable
        /// The blank is not the edition the template was written for (the edition check).
        case wrongEdition
        /// A value does not fit its field and cannot continue on the addendum.
        case doesNotFit
        /// A choice the blank's list does not offer.
        case unknownOption
        /// Filling or writing the PDF failed.
        case fillFailed
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
