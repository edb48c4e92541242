/// What a field of a PDF form is, as a viewer shows it.
public enum FormFieldKind: String, Sendable, CaseIterable {
    /// A box the user types into (one line, several lines, or a comb of single characters).
    case text
    /// A box that is checked or not.
    case checkBox = "check-box"
    /// A group of buttons of which at most one is on.
    case radio
    /// A drop-down list (possibly editable).
    case comboBox = "combo-box"
    /// A list with its items visible.
    case listBox = "list-box"
    /// A button that runs an action (print, reset); never filled.
    case pushButton = "push-button"
    /// A digital signature field; never filled by Engross (forms are signed by hand).
    case signature
}

/// Where one widget (the visible box) of a field sits.
public struct FormWidget: Sendable, Equatable {
    /// The page, 1-based.
    public var page: Int
    /// The box's lower-left corner and size, in points, in the page's coordinates (origin bottom left).
    public var x, y, width, height: Double

    public init(page: Int, x: Double, y: Double, width: Double, height: Double) {
        self.page = page
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// One terminal field of a blank form, as the PDF declares it.
public struct FormFieldInfo: Sendable, Equatable {
    /// The fully qualified name: the partial names (/T) of the field and its parents joined by
    /// ".", e.g. `form1[0].#subform[0].Pt1Line1a_FamilyName[0]`.
    public var name: String
    /// The kind, from /FT and the /Ff flags.
    public var kind: FormFieldKind
    /// The field's boxes, in the order the PDF lists them (a radio group has one per option).
    public var widgets: [FormWidget]
    /// /MaxLen of a text field, nil when there is none.
    public var maxLength: Int?
    /// A comb text field: MaxLen boxes, one character each.
    public var isComb: Bool
    /// A text field of several lines.
    public var isMultiline: Bool
    /// A field the form marks read-only.
    public var isReadOnly: Bool
    /// Combo and list boxes: the export values of /Opt; check boxes and radio groups: the
    /// on-state names of the widgets' normal appearances (e.g. `Y`, or `F` and `M`).
    public var options: [String]
    /// The font size of /DA; nil when it is 0 (auto-size) or absent.
    public var fontSize: Double?

    public init(
        name: String, kind: FormFieldKind, widgets: [FormWidget] = [], maxLength: Int? = nil, isComb: Bool = false,
        isMultiline: Bool = false, isReadOnly: Bool = false, options: [String] = [], fontSize: Double? = nil
    ) {
        self.name = name
        self.kind = kind
        self.widgets = widgets
        self.maxLength = maxLength
        self.isComb = isComb
        self.isMultiline = isMultiline
        self.isReadOnly = isReadOnly
        self.options = options
        self.fontSize = fontSize
    }

    /// The last partial name, e.g. `Pt1Line1a_FamilyName[0]`.
    public var partialName: String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}

/// A value to put into a field.
public enum FormValue: Sendable, Equatable {
    /// The text of a text field.
    case text(String)
    /// A check box on (its on-state) or off.
    case checked(Bool)
    /// The on-state of a radio group, or the export value of a combo or list box.
    case option(String)
}
