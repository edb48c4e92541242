/// Fills a blank form with values.
public enum FormFiller {
    /// How to fill.
    public struct Options: Sendable {
        /// Print the fields into the pages' content, leaving no fields (`--flatten`).
        public var flatten: Bool
        /// A PDF whose pages are appended after the form's (the continuation addendum).
        public var addendum: [UInt8]?

        public init(flatten: Bool = false, addendum: [UInt8]? = nil) {
            self.flatten = flatten
            self.addendum = addendum
        }
    }

    /// Fills `blank` with `values` (by fully qualified field name), removes the XFA, sets
    /// /NeedAppearances, appends the addendum and flattens when asked. The bytes are the same
    /// for the same input; no case value goes into the document information or XMP.
    ///
    /// A value for a field the blank lacks, an option the field lacks, or a text longer than
    /// the field's MaxLen is an error naming the field: the caller moves such text to the
    /// addendum first.
    public static func fill(_ blank: BlankForm, values: [String: FormValue], options: Options = Options()) throws(FormPDFError) -> [UInt8] {
        throw FormPDFError(.failed, "\(blank.name): filling forms is not built yet")
    }
}
