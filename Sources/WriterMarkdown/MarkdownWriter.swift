import Foundation
import DocumentModel
import TextSafety

/// Writes a document as CommonMark (with GitHub-style tables). Every piece of text is escaped,
/// so a value from a case file can never become Markdown syntax: inline syntax is
/// backslash-escaped, a line break in a value is a hard line break, what would start a block at
/// the start of any line ("---", "# ", "1.", indentation) is escaped, and control characters and
/// bidirectional overrides are dropped.
public struct MarkdownWriter: Sendable {
    public init() {}

    /// The document as Markdown, ending in a newline.
    public func render(_ document: Document) -> String {
        var chunks: [String] = []
        if let marking = document.metadata.marking { chunks.append("**\(escape(marking))**") }
        for block in document.blocks { chunks.append(render(block)) }
        return chunks.joined(separator: "\n\n") + "\n"
    }

    private func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let content, _):
            // An ATX heading is one line: a line break in it becomes a space.
            return String(repeating: "#", count: level) + " " + inline(content).replacingOccurrences(of: "\\\n", with: " ")
        case .paragraph(let content, _):
            return escapeLineStarts(inline(content))
        case .numbered(let number, let content):
            return "\(number). " + escapeLineStarts(inline(content))
        case .quote(let content):
            return "> " + escapeLineStarts(inline(content)).replacingOccurrences(of: "\n", with: "\n> ")
        case .list(let ordered, let items):
            return items.enumerated().map { index, item in
                (ordered ? "\(index + 1). " : "- ") + escapeLineStarts(inline(item)).replacingOccurrences(of: "\n", with: "\n   ")
            }.joined(separator: "\n")
        case .table(let table):
            return renderTable(table)
        case .letterhead(let lines):
            return lines.map { escapeLineStarts(inline($0)) }.joined(separator: "\\\n")
        case .caption(let caption):
            var parts: [String] = []
            if !caption.court.isEmpty { parts.append(escapeLineStarts(caption.court.map { "**\(inline($0))**" }.joined(separator: "\\\n"))) }
            let sides = caption.parties + (caption.caseInfo.isEmpty ? [] : [[]] + caption.caseInfo)
            if !sides.isEmpty { parts.append(sides.map { escapeLineStarts(inline($0)) }.joined(separator: "\\\n")) }
            if !caption.title.isEmpty { parts.append(escapeLineStarts(caption.title.map { "**\(inline($0))**" }.joined(separator: "\\\n"))) }
            return parts.joined(separator: "\n\n")
        case .signature(let lines):
            return (["\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"] + lines.map { escapeLineStarts(inline($0)) })
                .joined(separator: "\\\n")
        case .pageBreak:
            return "* * *"
        }
    }

    private func renderTable(_ table: Table) -> String {
        let columns = table.rows.map(\.cells.count).max() ?? 0
        guard columns > 0 else { return "" }
        func row(_ cells: [[Inline]]) -> String {
            let texts = (0..<columns).map { index in
                index < cells.count ? inline(cells[index]).replacingOccurrences(of: "\\\n", with: " ") : ""
            }
            return "| " + texts.joined(separator: " | ") + " |"
        }
        var rows = table.rows
        let header = rows.first?.isHeader == true ? rows.removeFirst().cells : Array(repeating: [], count: columns)
        let separator = "|" + Array(repeating: " --- |", count: columns).joined()
        return ([row(header), separator] + rows.map { row($0.cells) }).joined(separator: "\n")
    }

    private func inline(_ content: [Inline]) -> String {
        content.map { item -> String in
            switch item {
            case .text(let text), .sensitive(let text, _), .reference(_, let text, _): return escape(text)
            case .styled(.bold, let children): return emphasis(inline(children), "**")
            case .styled(.italic, let children): return emphasis(inline(children), "*")
            case .styled(.underline, let children): return "<u>\(inline(children))</u>"
            case .lineBreak: return "\\\n"
            }
        }.joined()
    }

    /// `text` between emphasis markers, with its outer spaces moved outside them: CommonMark does
    /// not read "** bold **" as bold.
    private func emphasis(_ text: String, _ marker: String) -> String {
        let leading = text.prefix(while: { $0 == " " })
        let trailing = String(text.reversed().prefix(while: { $0 == " " }))
        let core = text.trimmingCharacters(in: .whitespaces)
        guard !core.isEmpty else { return text }
        return leading + marker + core + marker + trailing
    }

    /// Backslash-escapes every character Markdown could read as inline syntax, drops control
    /// characters and bidirectional overrides, and makes each line break in the text a hard line
    /// break (backslash, newline), so that a line of it never starts a block of its own.
    func escape(_ text: String) -> String {
        let text = TextSafety.forDocument(text)
        let special: Set<UInt8> = Self.specialBytes
        guard text.utf8.contains(where: special.contains) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if special.contains(byte) { bytes.append(0x5C) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Inline syntax, and the line feed, which `escape` turns into a hard line break.
    private static let specialBytes = Set("\\`*_[]<>|~&\n".utf8)

    /// `escapeLineStart` for every line of `text` (its lines are those of a block's content, hard
    /// line breaks between them), each line's leading spaces and tabs dropped first: four of
    /// them would start code, and CommonMark drops them from a paragraph's lines anyway.
    private func escapeLineStarts(_ text: String) -> String {
        func unindented(_ line: Substring) -> String { String(line.drop(while: { $0 == " " || $0 == "\t" })) }
        guard text.utf8.contains(0x0A) else { return escapeLineStart(unindented(text[...])) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { escapeLineStart(unindented($0)) }.joined(separator: "\n")
    }

    /// Escapes what would start a block at the beginning of a line: "12." or "3)" (an ordered
    /// list), "-", "+" (a bullet), "#" (a heading), "=" (a heading's underline); ">" is already
    /// escaped inline.
    private func escapeLineStart(_ text: String) -> String {
        let digits = text.prefix(while: \.isNumber)
        if !digits.isEmpty, text.dropFirst(digits.count).first == "." || text.dropFirst(digits.count).first == ")" {
            return digits + "\\" + text.dropFirst(digits.count)
        }
        if let first = text.first, "-+#=".contains(first) { return "\\" + text }
        return text
    }
}
