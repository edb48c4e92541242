import Foundation
import DocumentModel
import TextSafety

/// Writes a document as one self-contained HTML5 page for preview and printing: semantic
/// elements, every piece of text escaped (control characters and bidirectional overrides
/// dropped), a print stylesheet that sets the page size and margins.
/// Loads nothing from anywhere.
public struct HTMLWriter: Sendable {
    public init() {}

    /// The document as HTML.
    public func render(_ document: Document) -> String {
        var body = ""
        if let marking = document.metadata.marking { body += "<p class=\"marking\">\(escape(marking))</p>\n" }
        for block in document.blocks { body += render(block) + "\n" }
        return """
            <!DOCTYPE html>
            <html lang="\(escape(document.metadata.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Engross">
            <meta name="robots" content="noindex, nofollow">
            <title>\(escape(document.metadata.title))</title>
            <style>
            \(stylesheet(document.page))
            </style>
            </head>
            <body>
            <main class="page">
            \(body)</main>
            </body>
            </html>

            """
    }

    private func length(_ points: Double) -> String {
        let rounded = (points * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))pt" : "\(rounded)pt"
    }

    private func stylesheet(_ page: PageSetup) -> String {
        let (width, height) = page.paper.size
        let margins = page.margins
        let marginList = [margins.top, margins.right, margins.bottom, margins.left].map(length).joined(separator: " ")
        let family = page.fontFamily.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "<", with: "")
        return """
            @page { size: \(length(width)) \(length(height)); margin: \(marginList); }
            html { background: #e8e8e8; }
            body { margin: 0; }
            .page { box-sizing: border-box; width: \(length(width)); min-height: \(length(height)); margin: 24pt auto; padding: \(marginList); background: #fff; box-shadow: 0 1pt 6pt rgba(0,0,0,.25); font-family: "\(family)", "Times New Roman", serif; font-size: \(length(page.fontSize)); line-height: \(String(format: "%.3g", page.lineSpacing.factor * 1.15)); color: #000; }
            h1, h2, h3 { font-size: 1em; margin: 1em 0 .5em; break-after: avoid; }
            h1 { text-transform: uppercase; }
            p { margin: 0 0 1em; }
            .align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; } .align-justify { text-align: justify; }
            .numbered { display: flex; gap: 0; }
            .numbered .number { flex: 0 0 3em; }
            .marking { text-align: center; font-weight: bold; }
            .letterhead { text-align: center; margin-bottom: 2em; }
            .letterhead p, .signature p { margin: 0; }
            .caption .court, .caption .title { text-align: center; font-weight: bold; }
            .caption table { width: 100%; border-collapse: collapse; margin: 1em 0; }
            .caption td { vertical-align: top; width: 50%; padding: 0 1em; }
            .caption td.parties { border-right: 1pt solid #000; border-bottom: 1pt solid #000; }
            table.data { border-collapse: collapse; margin: 0 0 1em; }
            table.data th, table.data td { border: .5pt solid #000; padding: 2pt 6pt; text-align: left; vertical-align: top; }
            .signature { margin: 2em 0 1em; break-inside: avoid; }
            .signature .rule { width: 18em; border-bottom: 1pt solid #000; height: 2.5em; }
            blockquote { margin: 0 2em 1em; }
            .page-break { break-after: page; }
            @media screen { .sensitive { background: #fff5cc; } }
            @media print { html { background: none; } .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } }
            """
    }

    private func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let content, let alignment):
            return "<h\(level) class=\"align-\(alignment.rawValue)\">\(inline(content))</h\(level)>"
        case .paragraph(let content, let alignment):
            return "<p class=\"align-\(alignment.rawValue)\">\(inline(content))</p>"
        case .numbered(let number, let content):
            return "<p class=\"numbered\" id=\"para-\(number)\"><span class=\"number\">\(number).</span><span>\(inline(content))</span></p>"
        case .quote(let content):
            return "<blockquote><p>\(inline(content))</p></blockquote>"
        case .list(let ordered, let items):
            let tag = ordered ? "ol" : "ul"
            return "<\(tag)>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</\(tag)>"
        case .table(let table):
            var html = "<table class=\"data\">"
            let header = table.rows.prefix(while: \.isHeader)
            if !header.isEmpty {
                html += "<thead>" + header.map { "<tr>" + $0.cells.map { "<th>\(inline($0))</th>" }.joined() + "</tr>" }.joined() + "</thead>"
            }
            html += "<tbody>" + table.rows.dropFirst(header.count).map { row in
                "<tr>" + row.cells.map { "<\(row.isHeader ? "th" : "td")>\(inline($0))</\(row.isHeader ? "th" : "td")>" }.joined() + "</tr>"
            }.joined() + "</tbody></table>"
            return html
        case .letterhead(let lines):
            return "<header class=\"letterhead\">" + lines.map { "<p>\(inline($0))</p>" }.joined() + "</header>"
        case .caption(let caption):
            func lines(_ lines: [[Inline]]) -> String { lines.map(inline).joined(separator: "<br>") }
            var html = "<section class=\"caption\">"
            if !caption.court.isEmpty { html += "<p class=\"court\">\(lines(caption.court))</p>" }
            html += "<table><tr><td class=\"parties\">\(lines(caption.parties))</td><td class=\"case-info\">\(lines(caption.caseInfo))</td></tr></table>"
            if !caption.title.isEmpty { html += "<p class=\"title\">\(lines(caption.title))</p>" }
            return html + "</section>"
        case .signature(let lines):
            return "<div class=\"signature\"><div class=\"rule\"></div>" + lines.map { "<p>\(inline($0))</p>" }.joined() + "</div>"
        case .pageBreak:
            return "<div class=\"page-break\"></div>"
        }
    }

    private func inline(_ content: [Inline]) -> String {
        content.map { item -> String in
            switch item {
            case .text(let text): return escape(text)
            case .sensitive(let text, _): return "<span class=\"sensitive\">\(escape(text))</span>"
            case .reference(_, let text, _): return "<span class=\"ref\">\(escape(text))</span>"
            case .styled(.bold, let children): return "<strong>\(inline(children))</strong>"
            case .styled(.italic, let children): return "<em>\(inline(children))</em>"
            case .styled(.underline, let children): return "<u>\(inline(children))</u>"
            case .lineBreak: return "<br>"
            }
        }.joined()
    }

    /// `text` with &, <, >, " and ' escaped, and control characters and bidirectional overrides
    /// dropped (HTML forbids the one, and the other can make a value read as something else).
    public func escape(_ text: String) -> String {
        let text = TextSafety.forDocument(text)
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
