import CaseData
import Digest
import Foundation
import PDFFinishing
import WriterPDF

/// Writes an assembled packet into a folder: the combined PDF at the top, each generated document
/// as DOCX and PDF under `documents/` (a filled form as its PDF only), and `manifest.json` with the
/// SHA-256 of the case file, of every exhibit and blank form, and of every output. Everything is
/// rendered before anything is written, and the packet replaces an earlier one whole
/// (`PacketFolder`): never old and new documents side by side.
public struct PacketWriter {
    public let packet: Packet
    /// A Bates prefix for every page of the combined PDF, e.g. `DOE`.
    public var batesPrefix: String?
    /// The Bates number of the packet's first page (`--bates-start`).
    public var batesStart = 1
    /// The fewest digits of a Bates number (`--bates-digits`).
    public var batesDigits = 6
    /// Where the blanks of the packet's forms are (`--forms`, `ENGROSS_FORMS`, `./Forms`).
    public var forms: FormsFolder
    /// The combined PDF and the documents' PDFs as PDF/A-2b (`--pdfa`). A filled form's own file
    /// stays the blank's, with its fields; its pages in the combined PDF are PDF/A.
    public var archival = false

    public init(packet: Packet, batesPrefix: String? = nil, forms: FormsFolder = .locate(explicit: nil)) {
        self.packet = packet
        self.batesPrefix = batesPrefix
        self.forms = forms
    }

    /// Whether `prefix` can start a Bates number: 1 to 20 letters, digits, `-` or `_`.
    public static func isValidBatesPrefix(_ prefix: String) -> Bool {
        (1...20).contains(prefix.count) && prefix.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }

    /// What was written, relative to the folder.
    public struct Result: Sendable {
        public var combined: String
        public var pageCount: Int
        public var files: [String]
    }

    /// The combined PDF's file name: `t-visa-packet.pdf` for `packets/t-visa`.
    public var combinedFileName: String {
        (packet.definition.id.split(separator: "/").last.map(String.init) ?? "packet") + "-packet.pdf"
    }

    /// Renders and writes the packet into `folder` (created if missing). `caseFile` is hashed
    /// into the manifest.
    public func write(_ assembly: Packet.Assembly, caseFile: String, to folder: String) throws -> Result {
        let rendered = try render(assembly, caseFile: caseFile)
        try PacketFolder(folder).replace(with: rendered.files, combinedFileName: combinedFileName)
        return Result(combined: combinedFileName, pageCount: rendered.pageCount, files: rendered.files.map(\.path))
    }

    /// A packet's files in memory, before they are written.
    public struct Rendered: Sendable {
        /// The combined PDF first, then each document as PDF and DOCX (`documents/…`), then
        /// `manifest.json`; paths relative to the packet's folder.
        public var files: [(path: String, bytes: [UInt8])]
        public var pageCount: Int
    }

    /// Makes every file of the packet: the combined PDF, the documents and the manifest. The
    /// blanks of its forms are read and checked first (`blanks(for:)`): a `FormRenderError`
    /// before anything is rendered.
    public func render(_ assembly: Packet.Assembly, caseFile: String) throws -> Rendered {
        let blanks = try self.blanks(for: assembly)
        let date = packet.today.description
        let options = PDFWriter.Options(date: date, archival: archival)
        var outputs: [(path: String, bytes: [UInt8], entry: [(String, CaseValue)])] = []
        var parts: [PacketPart] = []
        var partEntries: [[(String, CaseValue)]] = []
        var number = 0
        for item in assembly.items {
            switch item {
            case .document(let part):
                number += 1
                let stem = "documents/" + String(format: "%02d", number) + "-" + part.name
                let template: [(String, CaseValue)] = [("template", .string(part.templateID)), ("templateVersion", .string(part.templateVersion))]
                switch part.content {
                case .document(let document):
                    for format in [OutputFormat.pdf, .docx] {
                        outputs.append(("\(stem).\(format.fileExtension)", try format.write(document, archival: archival), template))
                    }
                    parts.append(.document(document, outline: document.metadata.title))
                    partEntries.append([("kind", .string("document")), ("name", .string(part.name))] + template)
                case .form(let data):
                    let form = try filled(part, data: data, blanks: blanks)
                    outputs.append(("\(stem).pdf", form.bytes, template))
                    parts.append(form.part)
                    partEntries.append(form.entry)
                }
            case .exhibit(let cover, let exhibit):
                // The outline shows the letter only: an exhibit's title may name the client, and the
                // exhibit templates mark it sensitive. The cover page shows the title.
                parts.append(.exhibit(cover: cover, file: exhibit.content, outline: "Exhibit \(exhibit.letter)"))
                partEntries.append([("kind", .string("exhibit")), ("letter", .string(exhibit.letter)), ("id", .string(exhibit.id))])
            }
        }
        let definition = packet.definition
        let stamping = PacketStamping(batesPrefix: batesPrefix, batesStart: batesStart, batesDigits: batesDigits)
        let combined = try PDFWriter().renderPacket(parts, title: definition.title, subject: definition.authority,
            keywords: "\(definition.id) \(definition.version)", stamping: stamping, options: options)
        let pageCount = combined.pageCounts.reduce(0, +)
        // Parts are named by their outline entries: an exhibit by its letter only, as its file's
        // name and title come from the case file and messages never repeat case values.
        let refusal = Self.archivalRefusal(combined.archivalProblems, partNames: parts.map(\.outline), pageCounts: combined.pageCounts)
        if !refusal.isEmpty { throw PacketArchivalError(parts: refusal) }

        // The manifest: enough to reproduce the packet and to check every file later.
        var first = 1
        let partValues: [CaseValue] = zip(partEntries, combined.pageCounts).map { entry, pages in
            defer { first += pages }
            var fields = entry + [("firstPage", CaseValue.number(Double(first))), ("pages", .number(Double(pages)))]
            if let bates = stamping.bates(page: first), let last = stamping.bates(page: first + pages - 1) {
                fields += [("batesFirst", .string(bates)), ("batesLast", .string(last))]
            }
            return .object(fields)
        }
        let caseBytes = [UInt8](FileManager.default.contents(atPath: caseFile) ?? Data())
        let templates = packet.templates.values.map(\.template).sorted { $0.id < $1.id }
        let manifest = CaseValue.object([
            ("packet", .object([("id", .string(definition.id)), ("version", .string(definition.version))])),
            ("date", .string(date)),
            ("bates", batesPrefix.map { .string($0) } ?? .null),
            ("templates", .list(templates.map { .object([("id", .string($0.id)), ("version", .string($0.version))]) })),
            ("case", .object([("path", .string(caseFile == "-" ? "-" : URL(fileURLWithPath: caseFile).lastPathComponent)),
                ("relativeTo", .string(caseFile == "-" ? "standard input" : "case file folder")),
                ("sha256", .string(SHA256.hex(caseBytes)))])),
            ("exhibits", .list(assembly.exhibits.map { exhibit in
                .object([("letter", .string(exhibit.letter)), ("id", .string(exhibit.id)), ("path", .string(exhibit.file)),
                    ("relativeTo", .string(exhibit.relativeTo)), ("pages", .number(Double(exhibit.pageCount))), ("sha256", .string(exhibit.sha256))])
            })),
            ("outputs", .list([CaseValue.object([("path", .string(combinedFileName)), ("relativeTo", .string("output folder")),
                ("pages", .number(Double(pageCount))), ("sha256", .string(SHA256.hex(combined.bytes)))])]
                + outputs.map { output in
                    .object([("path", .string(output.path)), ("relativeTo", .string("output folder"))] + output.entry
                        + [("sha256", .string(SHA256.hex(output.bytes)))])
                })),
            ("parts", .list(partValues)),
        ])

        let files = [(combinedFileName, combined.bytes)] + outputs.map { ($0.path, $0.bytes) }
            + [("manifest.json", Array((manifest.jsonText(pretty: true) + "\n").utf8))]
        return Rendered(files: files, pageCount: pageCount)
    }

    /// What keeps a combined PDF from PDF/A (problems with their page in the packet), a sentence
    /// per part: its name, its own page numbers and at most three problems; empty when nothing does.
    static func archivalRefusal(_ problems: [ArchivalProblem], partNames: [String], pageCounts: [Int]) -> [String] {
        var firstPage = 0
        var lines: [String] = []
        for (name, pages) in zip(partNames, pageCounts) {
            let range = firstPage..<(firstPage + pages)
            firstPage += pages
            let found = problems.filter { range.contains($0.page) }
            guard !found.isEmpty else { continue }
            let details = found.prefix(3).map { "page \($0.page - range.lowerBound + 1): \($0.problem)" }.joined(separator: "; ")
            lines.append("\(name) keeps the packet from being PDF/A-2b (\(details))")
        }
        return lines
    }
}

/// A packet asked for as PDF/A that one of its parts keeps from conforming.
public struct PacketArchivalError: Error, CustomStringConvertible {
    /// One sentence per part that keeps the packet from PDF/A, naming it and its pages.
    public var parts: [String]
    /// What to do about it.
    public static let advice = "make the exhibit a PDF/A file (print it to PDF/A, or scan it again to PDF/A)"
    public var description: String { parts.joined(separator: "\n") + "\nnothing was written; \(Self.advice), or leave out --pdfa" }
}
