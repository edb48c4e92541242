/// A blank PDF form (an official form as downloaded), read once: its fields, pages and text.
///
/// ```swift
/// let blank = try BlankForm(path: "Forms/i-914.pdf")
/// for field in blank.fields { print(field.name, field.kind, field.maxLength ?? 0) }
/// let bytes = try FormFiller.fill(blank, values: ["form1[0].#subform[0].Pt1Line1a_FamilyName[0]": .text("Testcase")],
///                                 options: .init())
/// ```
public struct BlankForm: Sendable {
    /// The largest blank accepted, like exhibits: 50 MB (USCIS forms are under 2 MB).
    public static let maximumSize = 50 * 1024 * 1024

    /// The file's name, for messages.
    public let name: String
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The terminal fields, in document order.
    public let fields: [FormFieldInfo]
    /// How many pages the blank has.
    public let pageCount: Int
    /// The blank carries an XFA form (which Engross removes when filling).
    public let hasXFA: Bool
    /// Each page's text (index 0 is page 1).
    let pageTexts: [String]

    /// Reads the blank at `path`.
    public init(path: String) throws(FormPDFError) {
        throw FormPDFError(.failed, "\(path): reading blank forms is not built yet")
    }

    /// Reads a blank from its bytes; `name` is used in messages.
    public init(bytes: [UInt8], name: String) throws(FormPDFError) {
        throw FormPDFError(.failed, "\(name): reading blank forms is not built yet")
    }

    /// The field of that fully qualified name.
    public func field(named name: String) -> FormFieldInfo? {
        fields.first { $0.name == name }
    }

    /// The text of page `page` (1-based), for the edition check; empty when out of range.
    public func text(ofPage page: Int) -> String {
        pageTexts.indices.contains(page - 1) ? pageTexts[page - 1] : ""
    }

    /// Whether `text` fits the field as a viewer draws it: within MaxLen (a comb or a limited
    /// box counts characters), as wide as the box at the /DA size (auto-size: an 8 pt floor),
    /// and, in a multi-line box, in as many lines as the box's height holds.
    public func fits(_ text: String, in field: FormFieldInfo) -> Bool {
        false
    }
}
