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

    /// The parts of the package, in the order they are written.
    public func parts(_ document: Document) -> [(path: String, xml: String)] {
        parts([document], metadata: document.metadata)
    }

    /// The parts of a package holding several documents, each in its own section: it starts on a
    /// new page, numbers its own pages ("Page 1 of 2") and its own paragraphs.
    public func parts(_ documents: [Document], metadata: Metadata) -> [(path: String, xml: String)] {
        var body = BodyBuilder(page: documents.first?.page ?? PageSetup())
        for (index, document) in documents.enumerated() {
            body.startDocument(index)
            body.add(document.blocks)
            if index < documents.count - 1 { body.endSection(page: document.page) }
        }
        let page = documents.last?.page ?? PageSetup()
        let combined = documents.count > 1
        let documentXML = PackageParts.declaration
            + "<w:document xmlns:w=\"\(PackageParts.wordNamespace)\" xmlns:r=\"\(PackageParts.relationshipNamespace)\"><w:body>"
            + body.xml + BodyBuilder.section(page, restartNumbering: combined) + "</w:body></w:document>"
        return [
            ("[Content_Types].xml", PackageParts.contentTypes),
            ("_rels/.rels", PackageParts.packageRelationships),
            ("docProps/core.xml", PackageParts.core(metadata)),
            ("docProps/app.xml", PackageParts.app),
            ("docProps/custom.xml", PackageParts.custom(metadata)),
            ("word/document.xml", documentXML),
            ("word/_rels/document.xml.rels", PackageParts.documentRelationships),
            ("word/styles.xml", StylesPart.xml(for: documents.first?.page ?? page)),
            ("word/numbering.xml", NumberingPart.xml(orderedLists: body.orderedListCount, documents: documents.count)),
            ("word/settings.xml", PackageParts.settings),
            ("word/header1.xml", PackageParts.header(marking: metadata.marking)),
            ("word/footer1.xml", combined ? PackageParts.sectionFooter : PackageParts.footer),
        ]
    }

    /// The document as the bytes of a .docx file.
    public func render(_ document: Document, options: Options = Options()) throws(PackageError) -> [UInt8] {
        try package(parts(document), options: options)
    }

    /// Several documents as one .docx, each in its own section (see `parts(_:metadata:)`).
    public func render(_ documents: [Document], metadata: Metadata, options: Options = Options()) throws(PackageError) -> [UInt8] {
        try package(parts(documents, metadata: metadata), options: options)
    }

    private func package(_ parts: [(path: String, xml: String)], options: Options) throws(PackageError) -> [UInt8] {
        var zip = ZipWriter(capacity: parts.reduce(0) { $0 + $1.xml.utf8.count + 2 * $1.path.utf8.count + 76 } + 22)
        do {
            for (path, xml) in parts {
                let deflate = options.compress && xml.utf8.count > Self.smallestCompressedPart
                try zip.add(path, text: xml, method: deflate ? .deflated : .stored)
            }
            return try zip.finish()
        } catch {
            throw PackageError(reason: error.description)
        }
    }
}
