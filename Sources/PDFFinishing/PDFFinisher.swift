import CQPDF

/// The last step of every PDF Engross writes, after cairo: what cairo 1.16 cannot write itself.
///
/// - Accessibility (tagged PDF): the structure tree cairo wrote from the drawing's tags is
///   reshaped (artifacts, elements split by page breaks joined, figures' alternative text, header
///   cells' scope), and the catalog gets the document's language, "show the title" for viewers'
///   title bars, and the marked flag.
/// - Metadata: the document information dictionary and an XMP packet that say the same thing.
/// - PDF/A-2b, on request: its identification in the XMP and an sRGB output intent.
///
/// The result has a deterministic /ID, so the same drawing gives the same bytes.
public enum PDFFinisher {
    /// What the finisher knows of one structure element the drawing tagged (not artifacts), in
    /// the order the tags were begun.
    public struct ElementNote: Sendable, Equatable {
        /// The element continues the element of its type before it under the same parent (a
        /// paragraph that a page break split): the two become one.
        public var continues: Bool
        /// Alternative text (for figures).
        public var alternateText: String?

        public init(continues: Bool = false, alternateText: String? = nil) {
            self.continues = continues
            self.alternateText = alternateText
        }
    }

    /// What to record about the document, and how its drawing was tagged.
    public struct Plan: Sendable {
        public var title: String
        public var subject: String?
        public var keywords: String?
        /// yyyy-mm-dd: the creation and modification date.
        public var date: String
        /// BCP 47, e.g. `en-US`.
        public var language: String
        /// One note per tagged element, in the order the tags were begun.
        public var elements: [ElementNote]
        /// The structure type the drawing used for artifacts (page headers, footers, Bates
        /// stamps, rules, repeated table headers): cairo 1.16 cannot mark artifacts itself.
        public var artifactType: String
        /// PDF/A-2b: XMP identification and an sRGB output intent.
        public var archival: Bool

        public init(
            title: String, subject: String? = nil, keywords: String? = nil, date: String, language: String = "en-US",
            elements: [ElementNote] = [], artifactType: String = "Private", archival: Bool = false
        ) {
            self.title = title
            self.subject = subject
            self.keywords = keywords
            self.date = date
            self.language = language
            self.elements = elements
            self.artifactType = artifactType
            self.archival = archival
        }
    }

    /// Why a PDF could not be finished (a fault of the program, never of the user's input).
    public struct FinishingError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot finish the PDF: \(reason)" }
    }

    /// The tool that made the file, in its metadata.
    static let tool = "Engross"

    /// A finished PDF.
    public struct Finished: Sendable {
        public var bytes: [UInt8]
        /// For a PDF/A plan, what keeps the PDF from PDF/A-2b all the same (empty otherwise).
        public var archivalProblems: [ArchivalProblem]
    }

    /// `bytes` (a PDF cairo wrote with structure tags), finished as `plan` says.
    public static func finish(_ bytes: [UInt8], plan: Plan) throws(FinishingError) -> Finished {
        let document: QPDFDocument
        do { document = try QPDFDocument(bytes: bytes, name: "drawing") } catch { throw FinishingError(reason: error.detail) }
        let pages = (0..<document.pageCount).map(document.page)
        var pageIndex: [Int32: Int] = [:]
        for (index, page) in pages.enumerated() { pageIndex[document.objectID(page)] = index }

        if let root = document.value(document.root, "StructTreeRoot") {
            let elements = StructureTree.read(document, root: root, pageIndex: pageIndex)
            guard let reshaped = StructureTree.reshape(elements, notes: plan.elements, artifactType: plan.artifactType) else {
                let count = StructureTree.count(elements, except: plan.artifactType)
                throw FinishingError(reason: "the structure tree has \(count) elements and the drawing tagged \(plan.elements.count)")
            }
            let identifiers = renumberMarks(document, pages: pages, artifacts: reshaped.artifacts)
            StructureTree.write(reshaped.elements, to: document, pages: pages, identifiers: identifiers)
            document.set(document.root, "MarkInfo", document.parse("<< /Marked true >>"))
        }
        for page in pages { document.set(page, "Tabs", document.makeName("S")) }
        let drawn = DrawnObjects(document)
        stateGlyphMaps(drawn, in: document)
        let catalog = document.root
        document.set(catalog, "Lang", document.makeText(plan.language))
        document.set(catalog, "ViewerPreferences", document.parse("<< /DisplayDocTitle true >>"))
        writeMetadata(document, plan: plan)
        var problems: [ArchivalProblem] = []
        if plan.archival {
            removeInterpolation(drawn, in: document)
            problems = archivalProblems(of: drawn, in: document)
            let profile = document.makeStream(SRGBProfile.bytes, dictionary: ["N": document.makeInteger(3)])
            let intent = document.parse("<< /Type /OutputIntent /S /GTS_PDFA1 /RegistryName (http://www.color.org) >>")
            document.set(intent, "OutputConditionIdentifier", document.makeText(SRGBProfile.description))
            document.set(intent, "Info", document.makeText(SRGBProfile.description))
            document.set(intent, "DestOutputProfile", profile)
            document.set(catalog, "OutputIntents", document.makeArray([intent]))
        }
        do { return Finished(bytes: try document.write(), archivalProblems: problems) } catch { throw FinishingError(reason: error.detail) }
    }

    /// Rewrites every page's marks: artifacts become `/Artifact BMC`, the others are numbered
    /// from 0 on each page in the order they are drawn. Returns the new number of each content.
    private static func renumberMarks(_ document: QPDFDocument, pages: [qpdf_oh], artifacts: Set<PageContent>) -> [PageContent: Int] {
        var identifiers: [PageContent: Int] = [:]
        for (index, page) in pages.enumerated() {
            var next = 0
            for stream in document.items(document.value(page, "Contents")) {
                guard let data = document.decodedData(of: stream) else { continue }
                let marks = MarkedContent.marks(in: data)
                guard !marks.isEmpty else { continue }
                let rewritten = MarkedContent.rewrite(data, marks: marks) { mark in
                    let content = PageContent(page: index, identifier: mark.identifier)
                    if artifacts.contains(content) { return "/Artifact BMC" }
                    identifiers[content] = next
                    defer { next += 1 }
                    return "/\(mark.tag) << /MCID \(next) >> BDC"
                }
                document.replaceData(of: stream, with: rewritten, compress: true)
            }
        }
        return identifiers
    }

    /// The document information dictionary, replaced, and the XMP packet saying the same.
    private static func writeMetadata(_ document: QPDFDocument, plan: Plan) {
        let info = document.makeIndirect(document.parse("<< >>"))
        let pdfDate = "D:" + plan.date.filter(\.isNumber) + "000000Z"
        document.set(info, "Title", document.makeText(plan.title))
        if let subject = plan.subject { document.set(info, "Subject", document.makeText(subject)) }
        if let keywords = plan.keywords { document.set(info, "Keywords", document.makeText(keywords)) }
        document.set(info, "Creator", document.makeText(tool))
        document.set(info, "Producer", document.makeText(tool))
        document.set(info, "CreationDate", document.makeText(pdfDate))
        document.set(info, "ModDate", document.makeText(pdfDate))
        document.set(qpdf_get_trailer(document.data), "Info", info)
        let packet = XMPPacket(title: plan.title, subject: plan.subject, keywords: plan.keywords, tool: tool, date: plan.date,
            archival: plan.archival)
        let metadata = document.makeStream(packet.bytes, dictionary: ["Type": document.makeName("Metadata"), "Subtype": document.makeName("XML")])
        document.set(document.root, "Metadata", metadata)
    }
}
