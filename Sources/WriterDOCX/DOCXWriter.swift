import DocumentModel
import Foundation
import ZIPFoundation

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
        /// 32 KB are always stored: deflating a two-page letter's 8 KB body saves 6 KB and doubles
        /// the time to write it, which matters when a clinic writes thousands.
        public var compress: Bool

        public init(compress: Bool = true) { self.compress = compress }
    }

    /// A package that could not be assembled.
    public struct PackageError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot assemble the DOCX package: \(reason)" }
    }

    public init() {}

    /// The timestamp every part carries: 1980-01-01, the earliest a ZIP file can record.
    static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

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
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, xml) in parts {
                let data = Data(xml.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.fixedDate,
                    permissions: 0o644, compressionMethod: options.compress && data.count > Self.smallestCompressedPart ? .deflate : .none
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw PackageError(reason: "no data") }
            return [UInt8](bytes)
        } catch let error as PackageError {
            throw error
        } catch {
            throw PackageError(reason: "\(error)")
        }
    }
}
