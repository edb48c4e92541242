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
        var body = BodyBuilder(page: document.page)
        body.add(document.blocks)
        let page = document.page
        let (width, height) = page.paper.size
        func twips(_ points: Double) -> Int { Int((points * 20).rounded()) }
        let section = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"default\" r:id=\"rId5\"/>"
            + "<w:pgSz w:w=\"\(twips(width))\" w:h=\"\(twips(height))\"/>"
            + "<w:pgMar w:top=\"\(twips(page.margins.top))\" w:right=\"\(twips(page.margins.right))\" w:bottom=\"\(twips(page.margins.bottom))\" "
            + "w:left=\"\(twips(page.margins.left))\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr>"
        let documentXML = PackageParts.declaration
            + "<w:document xmlns:w=\"\(PackageParts.wordNamespace)\" xmlns:r=\"\(PackageParts.relationshipNamespace)\"><w:body>"
            + body.xml + section + "</w:body></w:document>"
        return [
            ("[Content_Types].xml", PackageParts.contentTypes),
            ("_rels/.rels", PackageParts.packageRelationships),
            ("docProps/core.xml", PackageParts.core(document.metadata)),
            ("docProps/app.xml", PackageParts.app),
            ("docProps/custom.xml", PackageParts.custom(document.metadata)),
            ("word/document.xml", documentXML),
            ("word/_rels/document.xml.rels", PackageParts.documentRelationships),
            ("word/styles.xml", StylesPart.xml(for: page)),
            ("word/numbering.xml", NumberingPart.xml(orderedLists: body.orderedListCount)),
            ("word/settings.xml", PackageParts.settings),
            ("word/header1.xml", PackageParts.header(marking: document.metadata.marking)),
            ("word/footer1.xml", PackageParts.footer),
        ]
    }

    /// The document as the bytes of a .docx file.
    public func render(_ document: Document, options: Options = Options()) throws(PackageError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, xml) in parts(document) {
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
