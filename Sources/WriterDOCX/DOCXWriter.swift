import DocumentModel

/// Writes a document as a WordprocessingML package (.docx) that Word and LibreOffice open as a
/// native document: named styles, real numbering, page setup, a header with the document's
/// marking and a footer with "Page N of M".
///
/// The same document always gives the same bytes: parts are written in a fixed order with a
/// fixed timestamp, and no property holds a date or a value from the case file.
public struct DOCXWriter: Sendable {
    /// Options for DOCX.
    public struct Options: Sendable {
        /// Deflate the large parts (smaller files); stored parts are faster to write. Parts under
        /// 32 KB are always stored: deflating a two-page letter's parts saves 6 KB and makes packing
        /// it sixteen times slower (a fresh zlib stream per part), which matters when a clinic
        /// writes thousands.
        public var compress: Bool

        public init(compress: Bool = true) { self.compress = compress }
    }

    /// A package that could not be assembled.
    public struct PackageError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot assemble the DOCX package: \(reason)" }
    }

    public init() {}

    /// Parts up to this many bytes are stored rather than deflated.
    static let smallestCompressedPart = 32_768

    /// The XML of one part: a string, or the bytes the document part was built in (turning those
    /// into a string would check every byte again).
    enum PartXML {
        case text(String)
        case bytes([UInt8])
        /// Text the same in many packages, its CRC-32 known.
        case fixed(FixedPart)

        var text: String {
            switch self {
            case .text(let text): return text
            case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .fixed(let part): return part.text
            }
        }

        var count: Int {
            switch self {
            case .text(let text): return text.utf8.count
            case .bytes(let bytes): return bytes.count
            case .fixed(let part): return part.text.utf8.count
            }
        }
    }

    /// The parts every package holds unchanged.
    private enum Fixed {
        static let contentTypes = FixedPart(PackageParts.contentTypes)
        static let packageRelationships = FixedPart(PackageParts.packageRelationships)
        static let app = FixedPart(PackageParts.app)
        static let documentRelationships = FixedPart(PackageParts.documentRelationships)
        static let settings = FixedPart(PackageParts.settings)
        static let footer = FixedPart(PackageParts.footer)
        static let sectionFooter = FixedPart(PackageParts.sectionFooter)
    }

    /// The parts of the package, in the order they are written.
    public func parts(_ document: Document) -> [(path: String, xml: String)] {
        parts([document], metadata: document.metadata)
    }

    /// The parts of a package holding several documents, each in its own section: it starts on a
    /// new page, numbers its own pages ("Page 1 of 2") and its own paragraphs.
    public func parts(_ documents: [Document], metadata: Metadata) -> [(path: String, xml: String)] {
        packageParts(documents, metadata: metadata).map { ($0.path, $0.xml.text) }
    }

    func packageParts(_ documents: [Document], metadata: Metadata) -> [(path: String, xml: PartXML)] {
        var body = BodyBuilder(page: documents.first?.page ?? PageSetup())
        for (index, document) in documents.enumerated() {
            body.startDocument(index)
            body.add(document.blocks)
            if index < documents.count - 1 { body.endSection(page: document.page) }
        }
        let page = documents.last?.page ?? PageSetup()
        let combined = documents.count > 1
        let documentXML = body.finish(page: page, restartNumbering: combined)
        return [
            ("[Content_Types].xml", .fixed(Fixed.contentTypes)),
            ("_rels/.rels", .fixed(Fixed.packageRelationships)),
            ("docProps/core.xml", .text(PackageParts.core(metadata))),
            ("docProps/app.xml", .fixed(Fixed.app)),
            ("docProps/custom.xml", .text(PackageParts.custom(metadata))),
            ("word/document.xml", .bytes(documentXML)),
            ("word/_rels/document.xml.rels", .fixed(Fixed.documentRelationships)),
            ("word/styles.xml", .fixed(StylesPart.xml(for: documents.first?.page ?? page))),
            ("word/numbering.xml", .fixed(NumberingPart.xml(orderedLists: body.orderedListCount, documents: documents.count))),
            ("word/settings.xml", .fixed(Fixed.settings)),
            ("word/header1.xml", .text(PackageParts.header(marking: metadata.marking))),
            ("word/footer1.xml", .fixed(combined ? Fixed.sectionFooter : Fixed.footer)),
        ]
    }

    /// The document as the bytes of a .docx file.
    public func render(_ document: Document, options: Options = Options()) throws(PackageError) -> [UInt8] {
        try package(packageParts([document], metadata: document.metadata), options: options)
    }

    /// Several documents as one .docx, each in its own section (see `parts(_:metadata:)`).
    public func render(_ documents: [Document], metadata: Metadata, options: Options = Options()) throws(PackageError) -> [UInt8] {
        try package(packageParts(documents, metadata: metadata), options: options)
    }

    private func package(_ parts: [(path: String, xml: PartXML)], options: Options) throws(PackageError) -> [UInt8] {
        var zip = ZipWriter(capacity: parts.reduce(0) { $0 + $1.xml.count + 2 * $1.path.utf8.count + 76 } + 22)
        do {
            for (path, xml) in parts {
                let method: ZipWriter.Method = options.compress && xml.count > Self.smallestCompressedPart ? .deflated : .stored
                switch xml {
                case .text(let text): try zip.add(path, text: text, method: method)
                case .bytes(let bytes): try zip.add(path, bytes: bytes, method: method)
                case .fixed(let part): try zip.add(path, fixed: part, method: method)
                }
            }
            return try zip.finish()
        } catch {
            throw PackageError(reason: error.description)
        }
    }
}
