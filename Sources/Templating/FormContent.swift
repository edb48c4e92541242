/// What a form template fills in for one case file: the value of each field of the blank, and the
/// lines at the top of the continuation page.
public struct FormContent: Sendable, Equatable {
    /// The fields to fill, in the template's order. Fields left empty (a `<leave>`, an empty
    /// value, a radio whose value matches no option) are not listed.
    public var entries: [Entry]
    /// The continuation page's heading lines (label and text), in the template's order.
    public var addendumLines: [Line]

    /// One field of the blank and its value.
    public struct Entry: Sendable, Equatable {
        /// The field's fully qualified name in the blank.
        public var field: String
        public var value: FormFieldValue
        /// The form's part and item numbers, for the continuation page.
        public var part: String?
        public var item: String?
    }

    /// One heading line of the continuation page.
    public struct Line: Sendable, Equatable {
        public var label: String
        public var text: String
    }
}

/// The value of one field of a blank form.
public enum FormFieldValue: Sendable, Equatable {
    /// A text box's text (lines separated by "\n").
    case text(String)
    /// A check box, checked or not.
    case checked(Bool)
    /// The state of a radio button, or the option of a combo or list box.
    case option(String)
}
