import CaseData
import Foundation
import PDFFinishing

/// A blank PDF form (an official form as downloaded), read once: its fields, pages and text.
///
/// ```swift
/// let blank = try BlankForm(path: "Forms/i-914.pdf")
/// for field in blank.fields { print(field.name, field.kind, field.maxLength ?? 0) }
/// let family = "form1[0].#subform[0].Pt1Line1a_FamilyName[0]"
/// guard let box = blank.field(named: family), blank.fits("Testcase", in: box) else { … }  // else: the addendum
/// let bytes = try FormFiller.fill(blank, values: [family: .text("Testcase")])
/// ```
public struct BlankForm: Sendable, CustomStringConvertible {
    /// The largest blank accepted, like exhibits: 50 MB (USCIS forms are under 2 MB).
    public static let maximumSize = 50 * 1024 * 1024

    /// The file's name as the user gave it, for messages.
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
    private let pageTexts: [String]

    /// Reads the blank at `path`.
    public init(path: String) throws(FormPDFError) {
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            guard let data = try BoundedRead.data(from: handle, limit: Self.maximumSize) else {
                throw FormPDFError(.unreadable, "\(path) is larger than \(Self.maximumSize / 1024 / 1024) MB, too large for a blank form; download the form again")
            }
            bytes = [UInt8](data)
        } catch let error as FormPDFError {
            throw error
        } catch {
            throw FormPDFError(.unreadable, "cannot read the blank form \(path): \(Self.reason(error))")
        }
        try self.init(bytes: bytes, name: path)
    }

    /// Reads a blank from its bytes; `name` is used in messages.
    public init(bytes: [UInt8], name: String) throws(FormPDFError) {
        guard bytes.count <= Self.maximumSize else {
            throw FormPDFError(.unreadable, "\(name) is larger than \(Self.maximumSize / 1024 / 1024) MB, too large for a blank form; download the form again")
        }
        guard bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil else {
            throw FormPDFError(.damaged, "\(name) is not a PDF file; download the blank form (a PDF) again")
        }
        let document = try QPDFDocument.form(bytes, name: name)
        let tree = try FieldTree(document, name: name)
        let text = try PopplerForm(bytes: bytes, name: name)
        self.name = name
        self.bytes = bytes
        fields = tree.nodes.map(\.info)
        hasXFA = tree.hasXFA
        pageCount = document.pageCount
        pageTexts = text.pageTexts()
    }

    /// The file's name and its size in fields and pages (never its bytes).
    public var description: String { "BlankForm(\(name): \(fields.count) fields, \(pageCount) pages)" }

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
    /// in a multi-line box in as many lines as the box's height holds, and only of characters
    /// the form's font prints (WinAnsiEncoding: "Peña" fits, "Nguyễn" goes to the addendum).
    public func fits(_ text: String, in field: FormFieldInfo) -> Bool {
        TextFit.fits(text, in: field)
    }

    private static func reason(_ error: Error) -> String {
        let error = error as NSError
        if error.domain == NSCocoaErrorDomain, error.code == NSFileReadNoSuchFileError || error.code == NSFileNoSuchFileError {
            return "no such file"
        }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}
