import CQPDF

/// Something on a page that keeps a PDF from PDF/A-2b, found after finishing.
public struct ArchivalProblem: Sendable, Equatable, CustomStringConvertible {
    /// The page's index in the file (0 is the first page).
    public var page: Int
    /// What is wrong, naming the PDF object (a font's name), never the text.
    public var problem: String

    public init(page: Int, problem: String) {
        self.page = page
        self.problem = problem
    }

    public var description: String { "page \(page + 1): \(problem)" }
}

extension PDFFinisher {
    /// What keeps a PDF from PDF/A-2b that the finisher cannot mend (see `archivalProblems(of:)`),
    /// for a PDF already written.
    public static func archivalProblems(_ bytes: [UInt8]) -> [ArchivalProblem] {
        guard let document = try? QPDFDocument(bytes: bytes, name: "finished") else {
            return [ArchivalProblem(page: 0, problem: "the PDF cannot be read back")]
        }
        return archivalProblems(of: DrawnObjects(document), in: document)
    }

    /// Fonts drawn without their program embedded (an exhibit PDF whose font poppler could not
    /// hand to cairo whole), each named once, on the first page that draws it. Empty for a PDF
    /// Engross drew from its own documents.
    static func archivalProblems(of drawn: DrawnObjects, in document: QPDFDocument) -> [ArchivalProblem] {
        drawn.fonts.compactMap { page, font in
            unembeddedFont(font, in: document).map { ArchivalProblem(page: page, problem: "the font \($0) is not embedded") }
        }
    }

    /// The name of `font` when its program is not embedded (Type 3 fonts are drawn, not embedded).
    private static func unembeddedFont(_ font: qpdf_oh, in document: QPDFDocument) -> String? {
        let subtype = document.name(document.value(font, "Subtype"))
        guard subtype != "Type3" else { return nil }
        let described = subtype == "Type0" ? document.items(document.value(font, "DescendantFonts")).first ?? font : font
        let descriptor = document.value(described, "FontDescriptor")
        let embedded = ["FontFile", "FontFile2", "FontFile3"].contains { key in descriptor.flatMap { document.value($0, key) } != nil }
        return embedded ? nil : document.name(document.value(font, "BaseFont")) ?? "without a name"
    }

    /// Names the CID-to-glyph map of every TrueType CID font that leaves it out: cairo relies on
    /// the default (identity), and PDF/A and PDF/UA want it stated (ISO 19005-2, 6.2.11.3.2).
    static func stateGlyphMaps(_ drawn: DrawnObjects, in document: QPDFDocument) {
        for (_, font) in drawn.fonts {
            for descendant in document.items(document.value(font, "DescendantFonts"))
            where document.name(document.value(descendant, "Subtype")) == "CIDFontType2" && document.value(descendant, "CIDToGIDMap") == nil {
                document.set(descendant, "CIDToGIDMap", document.makeName("Identity"))
            }
        }
    }

    /// Removes /Interpolate from every image drawn: cairo asks viewers to smooth scaled images,
    /// and PDF/A forbids the request (ISO 19005-2, 6.2.8).
    static func removeInterpolation(_ drawn: DrawnObjects, in document: QPDFDocument) {
        for image in drawn.images {
            for stream in [image] + [document.value(image, "SMask")].compactMap({ $0 }) {
                document.remove(qpdf_oh_get_dict(document.data, stream), "Interpolate")
            }
        }
    }
}

/// The fonts and images a document's pages draw, through their own resources and those of the
/// form XObjects and patterns they draw (to a bounded depth), each once by object number, with
/// the first page that draws it. Collected once per document: a letter's pages share their fonts.
struct DrawnObjects {
    private(set) var fonts: [(page: Int, font: qpdf_oh)] = []
    private(set) var images: [qpdf_oh] = []
    private static let maximumDepth = 16

    init(_ document: QPDFDocument) {
        var seen = Set<Int32>()
        for index in 0..<document.pageCount {
            visit(document.page(index), page: index, depth: 0, seen: &seen, in: document)
        }
    }

    /// Whether `object` is met for the first time (a direct object, with no number, always is).
    private static func isNew(_ object: qpdf_oh, _ seen: inout Set<Int32>, in document: QPDFDocument) -> Bool {
        let id = document.objectID(object)
        return id == 0 || seen.insert(id).inserted
    }

    private mutating func visit(_ owner: qpdf_oh, page: Int, depth: Int, seen: inout Set<Int32>, in document: QPDFDocument) {
        guard depth < Self.maximumDepth, let resources = document.value(owner, "Resources") else { return }
        for font in document.values(document.value(resources, "Font")) where Self.isNew(font, &seen, in: document) {
            fonts.append((page, font))
        }
        for key in ["XObject", "Pattern"] {
            for object in document.values(document.value(resources, key)) where Self.isNew(object, &seen, in: document) {
                if document.name(document.value(object, "Subtype")) == "Image" {
                    images.append(object)
                } else {
                    visit(object, page: page, depth: depth + 1, seen: &seen, in: document)
                }
            }
        }
    }
}
