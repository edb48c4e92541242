import DocumentModel
import Foundation
import TextSafety

/// Builds word/document.xml from the document model, and records the list numbering instances
/// the body uses.
struct BodyBuilder {
    let page: PageSetup
    /// The width between the margins, in twentieths of a point.
    let textWidth: Int
    private var xml = XMLBuffer(capacity: 16_384)  // a two-page letter's document part is about 8 KB
    /// One numbering instance per ordered list, so each restarts at 1 (ids from 3 up).
    private(set) var orderedListCount = 0
    /// The numbering instance of the current document's numbered paragraphs (each document of a
    /// combined file counts from 1).
    private var numberedNumID = BodyBuilder.numberedParagraphsNumID
    /// The current document's place in the file, and its bookmarks and citations.
    private var documentIndex = 0
    private var crossReferences = CrossReferences(blocks: [], documentIndex: 0)
    /// Bookmarks written so far: each gets the next id, unique in the file.
    private var bookmarkCount = 0

    static let numberedParagraphsNumID = 1
    /// Numbered paragraphs of the second and later documents of a combined file: 1001, 1002, …
    static let firstCombinedNumberedNumID = 1000
    static let bulletNumID = 2
    static let firstOrderedListNumID = 3

    init(page: PageSetup) {
        self.page = page
        let (width, _) = page.paper.size
        textWidth = Int(((width - page.margins.left - page.margins.right) * 20).rounded())
        xml += PackageParts.declaration
        xml += "<w:document xmlns:w=\"\(PackageParts.wordNamespace)\" xmlns:r=\"\(PackageParts.relationshipNamespace)\"><w:body>"
    }

    /// Starts document `index` of a combined file: its numbered paragraphs count from 1 again.
    mutating func startDocument(_ index: Int) {
        documentIndex = index
        numberedNumID = index == 0 ? Self.numberedParagraphsNumID : Self.firstCombinedNumberedNumID + index
    }

    /// The document part: the body so far, ending with the section properties of `page` (the
    /// last document's).
    mutating func finish(page: PageSetup, restartNumbering: Bool) -> [UInt8] {
        xml += Self.section(page, restartNumbering: restartNumbering)
        xml += "</w:body></w:document>"
        return xml.bytes
    }

    /// Ends the current document with a section break; the next starts on a new page, numbered from 1.
    mutating func endSection(page: PageSetup) {
        xml += "<w:p><w:pPr>" + Self.section(page, restartNumbering: true) + "</w:pPr></w:p>"
    }

    /// A section's properties: header and footer, paper, margins, and page numbers from 1 when asked.
    static func section(_ page: PageSetup, restartNumbering: Bool) -> String {
        let (width, height) = page.paper.size
        func twips(_ points: Double) -> Int { Int((points * 20).rounded()) }
        return "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"default\" r:id=\"rId5\"/>"
            + "<w:pgSz w:w=\"\(twips(width))\" w:h=\"\(twips(height))\"/>"
            + "<w:pgMar w:top=\"\(twips(page.margins.top))\" w:right=\"\(twips(page.margins.right))\" w:bottom=\"\(twips(page.margins.bottom))\" "
            + "w:left=\"\(twips(page.margins.left))\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
            + (restartNumbering ? "<w:pgNumType w:start=\"1\"/>" : "") + "</w:sectPr>"
    }

    /// Adds the blocks of one document (started with `startDocument(_:)`).
    mutating func add(_ blocks: [Block]) {
        crossReferences = CrossReferences(blocks: blocks, documentIndex: documentIndex)
        var index = 0
        while index < blocks.count {
            // A short paragraph, the closing line ("Sincerely,") and the signature after them go
            // into one table row that may not split, so the signature page holds some of the text:
            // Word and LibreOffice both honour that, where LibreOffice does not reliably keep
            // paragraphs with the next.
            if case .paragraph(let body, let bodyAlignment) = blocks[index], body.plainText.count <= 600,
                index + 2 < blocks.count, case .paragraph(let closing, let alignment) = blocks[index + 1],
                case .signature(let lines) = blocks[index + 2]
            {
                keptTogether {
                    $0.paragraph(style: "BodyText", alignment: bodyAlignment, body)
                    $0.paragraph(style: "BodyText", alignment: alignment, closing)
                    $0.addSignature(lines)
                }
                index += 3
                continue
            }
            if case .paragraph(let closing, let alignment) = blocks[index], index + 1 < blocks.count,
                case .signature(let lines) = blocks[index + 1]
            {
                keptTogether {
                    $0.paragraph(style: "BodyText", alignment: alignment, closing)
                    $0.addSignature(lines)
                }
                index += 2
                continue
            }
            if case .signature(let lines) = blocks[index] {
                keptTogether { $0.addSignature(lines) }
            } else {
                // A paragraph ending with a colon stays on the page of the list or table it introduces.
                add(blocks[index], keepWithNext: index + 1 < blocks.count && blocks[index].leadsInto(blocks[index + 1]))
            }
            index += 1
        }
    }

    /// Content in a borderless one-cell table whose row cannot split across pages.
    private mutating func keptTogether(_ content: (inout BodyBuilder) -> Void) {
        xml += "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
            + "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            + "<w:tblGrid><w:gridCol w:w=\"\(textWidth)\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "<w:tc><w:tcPr><w:tcW w:w=\"\(textWidth)\" w:type=\"dxa\"/></w:tcPr>"
        content(&self)
        xml += "</w:tc></w:tr></w:tbl><w:p><w:pPr><w:pStyle w:val=\"TableSpacer\"/></w:pPr></w:p>"
    }

    private mutating func add(_ block: Block, keepWithNext: Bool) {
        switch block {
        case .heading(let level, let content, let alignment):
            paragraph(style: "Heading\(min(max(level, 1), 3))", alignment: alignment, content)
        case .paragraph(let content, let alignment):
            paragraph(style: "BodyText", alignment: alignment, keepNext: keepWithNext, content)
        case .numbered(let number, let content):
            paragraph(style: "NumberedParagraph", numbering: (numberedNumID, 0), keepNext: keepWithNext,
                bookmark: crossReferences.bookmark(number), content)
        case .quote(let content):
            paragraph(style: "Quote", content)
        case .list(let ordered, let items):
            let numID: Int
            if ordered {
                numID = Self.firstOrderedListNumID + orderedListCount
                orderedListCount += 1
            } else {
                numID = Self.bulletNumID
            }
            for (index, item) in items.enumerated() {
                paragraph(style: ordered ? "ListNumber" : "ListBullet", numbering: (numID, 0),
                    spacingAfter: index == items.count - 1 ? nil : 0, item)
            }
        case .table(let table):
            addTable(table)
        case .letterhead(let lines):
            for (index, line) in lines.enumerated() {
                paragraph(style: "Letterhead", spacingAfter: index == lines.count - 1 ? 360 : nil, line)
            }
        case .caption(let caption):
            addCaption(caption)
        case .signature(let lines):
            addSignature(lines)
        case .pageBreak:
            xml += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        }
    }

    // MARK: Paragraphs and runs

    private static func justification(_ alignment: Alignment) -> String? {
        switch alignment {
        case .left: return nil
        case .center: return "center"
        case .right: return "right"
        case .justify: return "both"
        }
    }

    private mutating func paragraph(
        style: String, alignment: Alignment = .left, numbering: (id: Int, level: Int)? = nil,
        spacingAfter: Int? = nil, keepNext: Bool = false, keepLines: Bool = false, topRule: Bool = false,
        spacingBefore: Int? = nil, rightIndent: Int? = nil, bookmark: String? = nil, _ content: [Inline]
    ) {
        // Children of w:pPr in the order the schema requires.
        xml += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>"
        if keepNext { xml += "<w:keepNext/>" }
        if keepLines { xml += "<w:keepLines/>" }
        if let numbering { xml += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>" }
        if topRule { xml += "<w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>" }
        if spacingBefore != nil || spacingAfter != nil {
            xml += "<w:spacing" + (spacingBefore.map { " w:before=\"\($0)\"" } ?? "") + (spacingAfter.map { " w:after=\"\($0)\"" } ?? "") + "/>"
        }
        if let rightIndent { xml += "<w:ind w:right=\"\(rightIndent)\"/>" }
        if let jc = Self.justification(alignment) { xml += "<w:jc w:val=\"\(jc)\"/>" }
        xml += "</w:pPr>"
        guard let bookmark else {
            runs(content, bold: false, italic: false, underline: false)
            xml += "</w:p>"
            return
        }
        bookmarkCount += 1
        xml += "<w:bookmarkStart w:id=\"\(bookmarkCount)\" w:name=\"\(bookmark)\"/>"
        runs(content, bold: false, italic: false, underline: false)
        xml += "<w:bookmarkEnd w:id=\"\(bookmarkCount)\"/></w:p>"
    }

    private mutating func runs(_ content: [Inline], bold: Bool, italic: Bool, underline: Bool) {
        for inline in content {
            switch inline {
            case .text(let text), .sensitive(let text, _), .reference(_, let text, []):
                run(text, bold: bold, italic: italic, underline: underline)
            case .reference(_, let text, let paragraphs):
                for piece in crossReferences.pieces(of: text, paragraphs: paragraphs) {
                    switch piece {
                    case .text(let text): run(text, bold: bold, italic: italic, underline: underline)
                    case .number(let number):
                        xml += crossReferences.field(number, runProperties: Self.runProperties(bold: bold, italic: italic, underline: underline))
                    }
                }
            case .styled(.bold, let children): runs(children, bold: true, italic: italic, underline: underline)
            case .styled(.italic, let children): runs(children, bold: bold, italic: true, underline: underline)
            case .styled(.underline, let children): runs(children, bold: bold, italic: italic, underline: true)
            case .lineBreak: xml += "<w:r><w:br/></w:r>"
            }
        }
    }

    private mutating func run(_ text: String, bold: Bool, italic: Bool, underline: Bool) {
        guard !text.isEmpty else { return }
        // Appended piece by piece: joining the pieces first would make a string for each join.
        xml += "<w:r>"
        if bold || italic || underline { xml += Self.runProperties(bold: bold, italic: italic, underline: underline) }
        let escaped = XMLText.escape(text)
        guard XMLText.containsByte(escaped, where: { $0 == 0x0A || $0 == 0x09 }) else {
            xml += "<w:t xml:space=\"preserve\">"
            xml += escaped
            xml += "</w:t></w:r>"
            return
        }
        // Tabs and line breaks inside a value become Word's own elements.
        var first = true
        for line in escaped.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { xml += "<w:br/>" }
            first = false
            var firstPiece = true
            for piece in line.split(separator: "\t", omittingEmptySubsequences: false) {
                if !firstPiece { xml += "<w:tab/>" }
                firstPiece = false
                if !piece.isEmpty { xml += "<w:t xml:space=\"preserve\">\(piece)</w:t>" }
            }
        }
        xml += "</w:r>"
    }

    /// The `w:rPr` of a run: bold, italic and underline, or empty for none.
    private static func runProperties(bold: Bool, italic: Bool, underline: Bool) -> String {
        guard bold || italic || underline else { return "" }
        return "<w:rPr>" + (bold ? "<w:b/>" : "") + (italic ? "<w:i/>" : "") + (underline ? "<w:u w:val=\"single\"/>" : "") + "</w:rPr>"
    }

    // MARK: Tables, captions, signatures

    private mutating func addTable(_ table: Table) {
        let columns = max(1, table.rows.map(\.cells.count).max() ?? 1)
        let columnWidth = textWidth / columns
        xml += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(columnWidth * columns)\" w:type=\"dxa\"/>"
            + "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        for _ in 0..<columns { xml += "<w:gridCol w:w=\"\(columnWidth)\"/>" }
        xml += "</w:tblGrid>"
        for row in table.rows {
            xml += "<w:tr><w:trPr><w:cantSplit/>" + (row.isHeader ? "<w:tblHeader/>" : "") + "</w:trPr>"
            for index in 0..<columns {
                let cell = index < row.cells.count ? row.cells[index] : []
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(columnWidth)\" w:type=\"dxa\"/></w:tcPr>"
                paragraph(style: "TableText", row.isHeader ? [.styled(.bold, cell)] : cell)
                xml += "</w:tc>"
            }
            xml += "</w:tr>"
        }
        xml += "</w:tbl>"
        // Word needs a paragraph between a table and whatever follows.
        xml += "<w:p><w:pPr><w:pStyle w:val=\"TableSpacer\"/></w:pPr></w:p>"
    }

    private mutating func addCaption(_ caption: CourtCaption) {
        for (index, line) in caption.court.enumerated() {
            paragraph(style: "CaptionCourt", spacingAfter: index == caption.court.count - 1 ? nil : 0, keepNext: true, line)
        }
        if !caption.parties.isEmpty || !caption.caseInfo.isEmpty {
            let left = textWidth * 55 / 100
            let right = textWidth - left
            xml += "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
                + "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"144\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
                + "<w:tblGrid><w:gridCol w:w=\"\(left)\"/><w:gridCol w:w=\"\(right)\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>"
            // The parties' cell is closed on the right and below, as a pleading's caption is.
            xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(left)\" w:type=\"dxa\"/><w:tcBorders>"
                + "<w:right w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>"
                + "<w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:tcBorders></w:tcPr>"
            cellLines(caption.parties)
            xml += "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"\(right)\" w:type=\"dxa\"/><w:tcMar><w:left w:w=\"288\" w:type=\"dxa\"/></w:tcMar><w:vAlign w:val=\"center\"/></w:tcPr>"
            cellLines(caption.caseInfo)
            xml += "</w:tc></w:tr></w:tbl>"
        }
        for line in caption.title { paragraph(style: "CaptionTitle", line) }
    }

    private mutating func cellLines(_ lines: [[Inline]]) {
        if lines.isEmpty { xml += "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/></w:pPr></w:p>" }
        for line in lines { paragraph(style: "Caption", line) }
    }

    private mutating func addSignature(_ lines: [[Inline]]) {
        // One paragraph that may not split: a rule to sign on (a top border three inches long)
        // with room above it, then the lines under it as line breaks. (LibreOffice does not keep
        // a chain of keep-with-next paragraphs together reliably; one unsplittable paragraph
        // holds in Word and LibreOffice alike.)
        var content: [Inline] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { content.append(.lineBreak) }
            content += line
        }
        paragraph(style: "Signature", keepLines: true, topRule: true, spacingBefore: 720,
            rightIndent: max(0, textWidth - 4320), content)
    }
}
