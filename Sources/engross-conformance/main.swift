// Checks every fixture's DOCX and PDF against real clients. For each valid case file under
// Fixtures/cases/<template id>/ (files named invalid-… and folders named invalid/ are skipped):
// - DOCX: renders it, has LibreOffice convert all of them to PDF in one run, and checks with
//   pdftotext and pdfinfo that every paragraph of the document survived, in order, with the same
//   paragraph numbers, and that the page count is plausible;
// - PDF: renders it with Engross's own typesetter and checks it the same way, plus `qpdf --check`
//   and that `pdffonts` lists every font as embedded.
//
//   engross-conformance [--templates DIR] [--cases DIR] [--png DIR]
//
// Needs soffice (libreoffice-writer-nogui), pdftotext, pdfinfo, pdffonts (poppler-utils) and qpdf
// on the PATH; `make conformance` installs them when missing.
import CaseData
import DocumentModel
import Engross
import Foundation

struct Options {
    var templates = "Templates"
    var cases = "Fixtures/cases"
    var png: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--templates": templates = iterator.next() ?? templates
            case "--cases": cases = iterator.next() ?? cases
            case "--png": png = iterator.next()
            default:
                FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

/// A piece of text the PDF must hold, and whether it must come after the previous piece.
struct Expected {
    var text: String
    var inOrder: Bool
    /// Compared word by word, anywhere after the last in-order piece: a table cell whose text wraps
    /// comes out interleaved with its neighbours' lines.
    var wordByWord = false
}

/// Runs a program and returns its standard output; exits when it fails (unless `allowFailure`).
@discardableResult
func run(_ program: String, _ arguments: [String], allowFailure: Bool = false) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
        print("conformance: cannot run \(program): \(error)")
        exit(2)
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 || allowFailure else {
        print("conformance: \(program) \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        exit(2)
    }
    return String(decoding: data, as: UTF8.self)
}

/// Text as the comparison sees it: lower case (styles may set small or all capitals), no-break
/// spaces as spaces, runs of white space as one space, no hyphens, soft hyphens or bidi controls.
func normalize(_ text: String) -> String {
    var result = ""
    var lastWasSpace = true
    for scalar in text.lowercased().unicodeScalars {
        if CharacterSet.whitespacesAndNewlines.contains(scalar) || scalar == "\u{00A0}" || scalar == "\u{0C}" {
            if !lastWasSpace { result.append(" ") }
            lastWasSpace = true
        } else if !isInvisible(scalar) && scalar != "-" {
            // Hyphens go: pdftotext joins a word broken at a hyphen at the end of a line.
            result.unicodeScalars.append(scalar)
            lastWasSpace = false
        }
    }
    // A word processor may break a line inside "1101(a)(15)(T)(i)", and pdftotext then sees a space.
    return result.replacingOccurrences(of: " (", with: "(").trimmingCharacters(in: .whitespaces)
}

/// Soft hyphens and the bidi controls pdftotext adds around right-to-left runs.
func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00AD, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
}

/// Whether `text` holds a script that text extraction handles loosely: right-to-left scripts
/// (Hebrew, Arabic), whose runs a PDF stores in visual order, and scripts written without spaces
/// between words (Thai, Lao, Khmer, Myanmar), inside which pdftotext may see a gap and put one.
func needsLooseComparison(_ text: String) -> Bool {
    text.unicodeScalars.contains { scalar in
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFEFF, 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF: return true
        default: return false
        }
    }
}

/// The pieces of text a word processor must show for `document`, in reading order.
func expectedPieces(_ document: Document) -> [Expected] {
    var pieces: [Expected] = []
    func add(_ content: [Inline], inOrder: Bool = true, prefix: String = "", wordByWord: Bool = false) {
        // A line break may come out as a line break or a space; compare each line on its own.
        for line in content.plainText.split(separator: "\n") {
            let text = normalize(prefix + line)
            if !text.isEmpty { pieces.append(Expected(text: text, inOrder: inOrder, wordByWord: wordByWord)) }
        }
    }
    for block in document.blocks {
        switch block {
        case .heading(_, let content, _), .paragraph(let content, _), .quote(let content): add(content)
        case .numbered(let number, let content): add(content, prefix: "\(number). ")
        case .list(let ordered, let items):
            for (index, item) in items.enumerated() { add(item, prefix: ordered ? "\(index + 1). " : "") }
        case .table(let table):
            for row in table.rows { for cell in row.cells { add(cell, wordByWord: true) } }
        case .letterhead(let lines), .signature(let lines):
            for line in lines { add(line) }
        case .caption(let caption):
            // The parties and the case number sit side by side; a PDF may read them in either order.
            for line in caption.court { add(line) }
            for line in caption.parties + caption.caseInfo { add(line, inOrder: false) }
            for line in caption.title { add(line) }
        case .pageBreak: break
        }
    }
    return pieces
}

/// A check of one document: nil when it passes, else what went wrong.
func check(_ document: Document, pdfText: String, pages: Int) -> String? {
    // The running header (the marking) and footer ("Page N of M") stand between the lines of a
    // paragraph that goes over a page; take them out.
    var running = pdfText.replacingOccurrences(of: #"Page \d+ of \d+"#, with: " ", options: .regularExpression)
    if let marking = document.metadata.marking { running = running.replacingOccurrences(of: marking, with: " ") }
    let text = normalize(running)
    var cursor = text.startIndex
    for piece in expectedPieces(document) {
        if needsLooseComparison(piece.text) || piece.wordByWord {
            // Look for each word from here on, in text with the spaces taken out: the order of
            // mixed-direction runs and the spaces inside unspaced scripts are the extractor's guess.
            let rest = String(text[cursor...]).filter { $0 != " " }
            let words = piece.text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            if let missing = words.first(where: { !rest.contains($0) }) {
                return "missing: \"\(missing)\" of \"\(piece.text.prefix(120))\""
            }
            continue
        }
        let range = piece.inOrder ? cursor..<text.endIndex : text.startIndex..<text.endIndex
        guard let found = text.range(of: piece.text, range: range) else {
            // Say where it goes wrong: the longest start of the piece that is there.
            var length = piece.text.count
            var start: Range<String.Index>?
            while length > 0 {
                length = length * 3 / 4
                if let match = text.range(of: String(piece.text.prefix(length)), range: range) { start = match; break }
            }
            let context = start.map { text[$0.lowerBound...].prefix(length + 80) } ?? text[cursor...].prefix(160)
            return "missing or out of order: \"\(piece.text.prefix(length + 80))\"\n      the PDF has:            \"\(context)\""
        }
        if piece.inOrder { cursor = found.upperBound }
    }
    let characters = document.blocks.map { expectedLength($0) }.reduce(0, +)
    let breaks = document.blocks.filter { if case .pageBreak = $0 { return true } else { return false } }.count
    let spacing = document.page.lineSpacing.factor
    let most = Int(Double(characters) * spacing / 1000) + breaks + 2
    guard pages >= breaks + 1, pages <= most else {
        return "\(pages) pages is not plausible (expected \(breaks + 1) to \(most))"
    }
    return nil
}

func expectedLength(_ block: Block) -> Int {
    expectedPieces(Document(metadata: Metadata(title: "", templateID: "", templateVersion: "", kind: ""), blocks: [block]))
        .map(\.text.count).reduce(0, +) + 80
}

let options = Options(CommandLine.arguments)
let engine = Engine(templatesPath: options.templates, today: RenderDate.today())
let work = NSTemporaryDirectory() + "engross-conformance-\(getpid())"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }

// Render every valid fixture.
var documents: [(name: String, document: Document)] = []
let root = URL(fileURLWithPath: options.cases).standardizedFileURL
let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
var caseFiles: [URL] = []
while let url = enumerator?.nextObject() as? URL {
    let isInvalid = url.lastPathComponent.hasPrefix("invalid") || url.deletingLastPathComponent().lastPathComponent == "invalid"
    if CaseFile.format(of: url.path) != nil, !isInvalid { caseFiles.append(url) }
}
caseFiles.sort { $0.path < $1.path }
for url in caseFiles {
    let templateID = String(url.deletingLastPathComponent().path.dropFirst(root.path.count + 1))
    let label = "\(templateID)/\(url.lastPathComponent)"
    do {
        let prepared = try engine.prepare(templateID)
        // A form template fills a blank PDF form and writes no DOCX; EngrossTests' FormRenderTests
        // read its output back with pypdf and pdftotext.
        if prepared.template.isForm { continue }
        let data = try CaseFile.load(path: url.path)
        let problems = prepared.validate(data, file: url.path).filter { $0.severity == .error }
        guard problems.isEmpty else {
            print("conformance: \(label) is not valid; name invalid fixtures invalid-…")
            exit(2)
        }
        let document = prepared.render(data)
        let name = "\(documents.count)-" + label.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".", with: "_")
        try AtomicFile.write(try OutputFormat.docx.write(document), to: "\(work)/\(name).docx")
        try FileManager.default.createDirectory(atPath: "\(work)/engross", withIntermediateDirectories: true)
        try AtomicFile.write(try OutputFormat.pdf.write(document), to: "\(work)/engross/\(name).pdf")
        documents.append((label, document))
    } catch {
        print("conformance: \(label): \(error)")
        exit(2)
    }
}
guard !documents.isEmpty else {
    print("conformance: no case files under \(options.cases)")
    exit(2)
}

// One LibreOffice run converts them all.
let docxFiles = documents.indices.map { index in
    "\(work)/\(index)-" + documents[index].name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".", with: "_") + ".docx"
}
let profile = "file://\(work)/profile"
run("soffice", ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir", work] + docxFiles)

var passed = 0, failed = 0

/// Checks one PDF's text and page count; prints the result.
@MainActor
func report(_ label: String, _ document: Document, pdf: String, extra: () -> String?) {
    guard FileManager.default.fileExists(atPath: pdf) else {
        print("✘ \(label): no PDF was made")
        failed += 1
        return
    }
    let text = run("pdftotext", ["-enc", "UTF-8", pdf, "-"])
    let info = run("pdfinfo", [pdf])
    let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
    if let problem = check(document, pdfText: text, pages: pages) ?? extra() {
        print("✘ \(label): \(problem)")
        failed += 1
    } else {
        print("✔ \(label): \(pages) page\(pages == 1 ? "" : "s"), every paragraph in order")
        passed += 1
    }
}

for (index, entry) in documents.enumerated() {
    let converted = docxFiles[index].replacingOccurrences(of: ".docx", with: ".pdf")
    report("DOCX via LibreOffice \(entry.name)", entry.document, pdf: converted) { nil }
    let own = "\(work)/engross/" + URL(fileURLWithPath: converted).lastPathComponent
    report("PDF \(entry.name)", entry.document, pdf: own) {
        let qpdf = run("qpdf", ["--check", own], allowFailure: true)
        if !qpdf.contains("No syntax or stream encoding errors") { return "qpdf --check: \(qpdf.prefix(300))" }
        let fonts = run("pdffonts", [own]).split(separator: "\n").dropFirst(2)
        if let notEmbedded = fonts.first(where: { $0.split(separator: " ").dropLast(5).last != "yes" && !$0.contains(" yes yes ") }) {
            return "a font is not embedded: \(notEmbedded)"
        }
        return nil
    }
    if let png = options.png {
        try FileManager.default.createDirectory(atPath: png, withIntermediateDirectories: true)
        let stem = entry.name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".", with: "_")
        run("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", converted, "\(png)/\(stem)-docx"])
        run("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", own, "\(png)/\(stem)-pdf"])
    }
}
print("conformance: \(passed) passed, \(failed) failed")
exit(failed == 0 ? 0 : 1)
