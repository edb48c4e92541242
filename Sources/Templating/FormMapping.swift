/// What a form template (`kind="form"`) fills in a blank PDF form: the `<form>` element.
///
/// Each entry names one field of the blank by its fully qualified name and says where its value
/// comes from; `<leave>` names a field left empty on purpose, so that the edition check can tell a
/// field the template forgot from one it chose not to fill.
public struct FormMapping: Sendable, Equatable {
    /// The blank's file name in the forms folder (no `/`, no `..`).
    public var blank: String
    /// Text printed on the blank that identifies its edition ("Form I-000 Edition 11/29/26").
    public var edition: String
    /// Where values too long for their box continue; nil when the template has none.
    public var addendum: FormAddendum?
    /// The fields to fill, in the template's order.
    public var entries: [FormEntry]
    public var location: TemplateLocation
}

/// The continuation page: values that do not fit their box are printed here in full, and the box
/// gets the `see` text.
public struct FormAddendum: Sendable, Equatable {
    /// The form's part that holds additional information, e.g. `8`.
    public var part: String
    /// Its title, e.g. "Additional Information".
    public var title: String
    /// What a box that continues says, e.g. "See Part 8".
    public var see: String
    /// The lines at the top of the page (the applicant's name, A-number), as the form asks.
    public var lines: [FormAddendumLine]
    public var location: TemplateLocation
}

/// One line at the top of the continuation page: a label and its value.
public struct FormAddendumLine: Sendable, Equatable {
    public var label: String
    /// The value, as running text (a single `value` node for `of`).
    public var content: [TemplateNode]
    public var location: TemplateLocation
}

/// One field of the blank and what fills it.
public struct FormEntry: Sendable, Equatable {
    /// The field's fully qualified name in the blank, e.g. `form1[0].#subform[0].Pt1Line1a_FamilyName[0]`.
    public var field: String
    public var fill: Fill
    /// The form's part and item numbers, for the continuation page ("Part Number 3 · Item Number 4").
    public var part: String?
    public var item: String?
    public var location: TemplateLocation

    /// The element that names the field, which says what kind of field it must be.
    public var element: String {
        switch fill {
        case .text: "text"
        case .check: "check"
        case .radio: "radio"
        case .choice: "choice"
        case .leave: "leave"
        }
    }

    /// What fills a field.
    public enum Fill: Sendable, Equatable {
        /// A text box: running text (a single `value` node for `of`, or the element's content).
        case text([TemplateNode])
        /// A check box, checked when the condition is true. `sensitive` when it reads a
        /// sensitive field (filled in when the template is bound).
        case check(when: Expression, sensitive: Bool)
        /// Radio buttons: the button whose option matches the value (as the case file writes it).
        case radio(ValueNode, options: [FormRadioOption])
        /// A combo or list box: the formatted value is the option chosen.
        case choice(ValueNode)
        /// A field the template leaves empty on purpose (a signature, an office-use box).
        case leave
    }
}

/// One button of a `<radio>`: the case value that selects it and the button's state in the blank.
public struct FormRadioOption: Sendable, Equatable {
    /// The value as the case file writes it (a choice's value, `true`, `false`, text).
    public var value: String
    /// The button's on-state name in the blank, e.g. `F`.
    public var state: String
    public var location: TemplateLocation
}
