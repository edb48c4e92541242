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
    /// What keeps a finished PDF from PDF/A-2b that the finisher cannot mend: fonts drawn without
    /// their program embedded (an exhibit PDF whose font poppler could not hand to cairo whole).
    /// Empty for a PDF Engross drew from its own documents.
    public static func archivalProblems(_ bytes: [UInt8]) -> [ArchivalProblem] {
        guard let document = try? QPDFDocument(bytes: bytes, name: "finished") else {
            return [ArchivalProblem(page: 0, problem: "the PDF cannot be read back")]
        }
        var problems: [ArchivalProblem] = []
        for index in 0..<document.pageCount {
            var reported = Set<String>()
            ResourceWalk(document).visit(document.page(index)) { resources in
                for font in document.items(document.dictionaryValues(document.value(resources, "Font"))) {
                    guard let name = unembeddedFont(font, in: document), reported.insert(name).inserted else { continue }
                    problems.append(ArchivalProblem(page: index, problem: "the font \(name) is not embedded"))
                }
            }
        }
        return problems
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
    static func stateGlyphMaps(_ document: QPDFDocument) {
        for index in 0..<document.pageCount {
            ResourceWalk(document).visit(document.page(index)) { resources in
                for font in document.items(document.dictionaryValues(document.value(resources, "Font"))) {
                    for descendant in document.items(document.value(font, "DescendantFonts"))
                    where document.name(document.value(descendant, "Subtype")) == "CIDFontType2" && document.value(descendant, "CIDToGIDMap") == nil {
                        document.set(descendant, "CIDToGIDMap", document.makeName("Identity"))
                    }
                }
            }
        }
    }

    /// Removes /Interpolate from every image a page draws: cairo asks viewers to smooth scaled
    /// images, and PDF/A forbids the request (ISO 19005-2, 6.2.8).
    static func removeInterpolation(_ document: QPDFDocument) {
        for index in 0..<document.pageCount {
            ResourceWalk(document).visit(document.page(index)) { resources in
                for object in document.items(document.dictionaryValues(document.value(resources, "XObject"))) {
                    guard document.name(document.value(object, "Subtype")) == "Image" else { continue }
                    for image in [object] + [document.value(object, "SMask")].compactMap({ $0 }) {
                        let dictionary = qpdf_oh_get_dict(document.data, image)
                        document.remove(dictionary, "Interpolate")
                    }
                }
            }
        }
    }
}

/// Visits the resource dictionaries a page draws with: its own and those of the form XObjects
/// and patterns it draws, each once, to a bounded depth.
struct ResourceWalk {
    let document: QPDFDocument
    private static let maximumDepth = 16

    init(_ document: QPDFDocument) { self.document = document }

    func visit(_ page: qpdf_oh, _ body: (qpdf_oh) -> Void) {
        var seen = Set<Int32>()
        visit(owner: page, depth: 0, seen: &seen, body)
    }

    private func visit(owner: qpdf_oh, depth: Int, seen: inout Set<Int32>, _ body: (qpdf_oh) -> Void) {
        guard depth < Self.maximumDepth, let resources = document.value(owner, "Resources") else { return }
        body(resources)
        for key in ["XObject", "Pattern"] {
            for object in document.items(document.dictionaryValues(document.value(resources, key))) {
                let id = document.objectID(object)
                guard id != 0, seen.insert(id).inserted else { continue }
                visit(owner: object, depth: depth + 1, seen: &seen, body)
            }
        }
    }
}
