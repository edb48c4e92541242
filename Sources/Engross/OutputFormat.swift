import Foundation
import DocumentModel
import WriterDOCX
import WriterHTML
import WriterMarkdown
import WriterPDF
import WriterText

/// The formats `render` writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case txt, md, html, docx, pdf

    /// The file extension.
    public var fileExtension: String { rawValue }

    /// The media type of a file in this format (text in UTF-8).
    public var mediaType: String {
        switch self {
        case .txt: "text/plain; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .pdf: "application/pdf"
        }
    }

    /// Parses a comma-separated list like `txt,md,html`; throws a message naming the bad entry.
    public static func list(_ text: String) throws -> [OutputFormat] {
        var formats: [OutputFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            let name = part == "text" ? "txt" : (part == "markdown" ? "md" : part)
            guard let format = OutputFormat(rawValue: name) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw UnknownFormat(message: "'\(part)' is not an output format; use \(known)")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw UnknownFormat(message: "no output format given; use txt, md, html, docx or pdf") }
        return formats
    }

    /// An unknown name in a format list.
    public struct UnknownFormat: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The document written in this format; `archival` makes a PDF PDF/A-2b.
    public func write(_ document: Document, archival: Bool = false) throws(WriteError) -> [UInt8] {
        switch self {
        case .txt: return Array(TextWriter().render(document).utf8)
        case .md: return Array(MarkdownWriter().render(document).utf8)
        case .html: return Array(HTMLWriter().render(document).utf8)
        case .docx:
            do { return try DOCXWriter().render(document) } catch { throw WriteError(format: self, reason: error.description) }
        case .pdf:
            do {
                return try PDFWriter().render(document, options: PDFWriter.Options(date: document.metadata.date ?? "2000-01-01", archival: archival))
            } catch {
                throw WriteError(format: self, reason: error.description)
            }
        }
    }

    /// Several documents as one file, for printing a batch: in PDF and DOCX each starts on a new
    /// page and numbers its own pages and paragraphs; the other formats put page breaks between them.
    /// `archival` makes a PDF PDF/A-2b.
    public func write(_ documents: [Document], title: String, archival: Bool = false) throws(WriteError) -> [UInt8] {
        guard let first = documents.first else { return [] }
        var metadata = first.metadata
        metadata.title = title
        switch self {
        case .pdf:
            do {
                return try PDFWriter().render(documents, title: title, options: PDFWriter.Options(date: metadata.date ?? "2000-01-01", archival: archival))
            } catch { throw WriteError(format: self, reason: error.description) }
        case .docx:
            do { return try DOCXWriter().render(documents, metadata: metadata) } catch {
                throw WriteError(format: self, reason: error.description)
            }
        case .txt, .md, .html:
            var blocks: [Block] = []
            for (index, document) in documents.enumerated() {
                if index > 0 { blocks.append(.pageBreak) }
                blocks += document.blocks
            }
            return try write(Document(metadata: metadata, page: first.page, blocks: blocks))
        }
    }

    /// A document that could not be written in a format.
    public struct WriteError: Error, CustomStringConvertible {
        public var format: OutputFormat
        public var reason: String
        public var description: String { "cannot write \(format.rawValue): \(reason)" }
    }
}
