import CPangoCairo
import DocumentModel
import TextSafety

/// Turns the document's blocks into flow items for the paginator, each with a way to draw the
/// lines of it that land on a page.
struct FlowBuilder {
    typealias Draw = (_ canvas: PDFCanvas, _ lines: Range<Int>, _ x: Double, _ y: Double) -> Void

    /// How an item appears in the PDF's structure tree (the writer opens its element; a table
    /// row's and a group's draw open their own elements inside).
    enum Structure: Equatable {
        /// An element that holds the item's text: `P`, `H1`…`H6`, `BlockQuote`.
        case leaf(String)
        /// An item of a list: `LI` holding `LBody`, inside the list's `L`.
        case listItem
        /// A row of a table: its draw writes `TR` with `TH` or `TD` cells, inside the table's `Table`.
        case tableRow
        /// A court caption or a signature: a `Div` whose draw writes its paragraphs.
        case group
        /// Nothing to read (a page break).
        case none
    }

    let page: PageSetup
    /// The document's Pango context, for laying out text.
    let context: OpaquePointer
    let width: Double
    private(set) var items: [FlowItem] = []
    private(set) var draws: [Draw] = []
    /// How each item is tagged, by item index.
    private(set) var structures: [Structure] = []
    /// The level of the last heading tagged, for `tagLevel`.
    private var lastTagLevel = 0
    /// The highest heading level (smallest number) the document uses.
    private var topLevel = 1
    /// Headings for the outline, by item index.
    private(set) var outline: [Int: (title: String, level: Int)] = [:]

    /// Space between paragraphs, and the hanging indent of numbered paragraphs and lists.
    static let paragraphSpace = 12.0
    static let hangingIndent = 36.0

    init(page: PageSetup, context: OpaquePointer) {
        self.page = page
        self.context = context
        let (paperWidth, _) = page.paper.size
        width = paperWidth - page.margins.left - page.margins.right
    }

    private func style(bold: Bool = false, italic: Bool = false, alignment: Alignment = .left, uppercase: Bool = false,
        single: Bool = false) -> TextBlock.Style
    {
        TextBlock.Style(font: page.fontFamily, size: page.fontSize, bold: bold, italic: italic, alignment: alignment,
            lineSpacing: single ? 1 : page.lineSpacing.factor, uppercase: uppercase)
    }

    /// Line heights that include the space between lines.
    private static func lineHeights(_ block: TextBlock) -> [Double] {
        let lines = block.lines
        return lines.indices.map { index in
            index + 1 < lines.count ? lines[index + 1].top - lines[index].top : lines[index].height
        }
    }

    private mutating func add(_ item: FlowItem, structure: Structure, _ draw: @escaping Draw) {
        items.append(item)
        draws.append(draw)
        structures.append(structure)
    }

    mutating func add(_ blocks: [Block]) {
        topLevel = blocks.compactMap { block -> Int? in if case .heading(let level, _, _) = block { return level } else { return nil } }.min() ?? 1
        for (index, block) in blocks.enumerated() {
            // A closing line ("Sincerely,") stays with the signature after it, and a short paragraph
            // before that closing stays with both: a signature page that holds some of the text.
            // A paragraph ending with a colon stays with the list or table it introduces.
            var keep = index + 1 < blocks.count && block.leadsInto(blocks[index + 1])
            if index + 1 < blocks.count, case .signature = blocks[index + 1] { keep = true }
            if index + 2 < blocks.count, case .paragraph = blocks[index + 1], case .signature = blocks[index + 2] {
                keep = block.isShortParagraph
            }
            add(block, index: index, keepWithNext: keep)
        }
    }

    private mutating func text(_ content: [Inline], index: Int, kind: FlowItem.Kind, style: TextBlock.Style,
        indent: Double = 0, rightIndent: Double = 0, label: String? = nil, hanging: Double = FlowBuilder.hangingIndent,
        spaceBefore: Double = 0,
        spaceAfter: Double = FlowBuilder.paragraphSpace, keepWithNext: Bool = false, splittable: Bool = true,
        structure: Structure = .leaf("P"))
    {
        // With a label, the layout starts where the label does and hangs its lines at the indent.
        var blockStyle = style
        var left = indent
        if let label {
            blockStyle.label = label
            blockStyle.hangingIndent = min(indent, hanging)
            left = indent - blockStyle.hangingIndent
        }
        let block = TextBlock(content, width: width - left - rightIndent, style: blockStyle, context: context)
        guard !block.lines.isEmpty else { return }
        add(FlowItem(kind: kind, block: index, lineHeights: Self.lineHeights(block), spaceBefore: spaceBefore,
            spaceAfter: spaceAfter, keepWithNext: keepWithNext, splittable: splittable), structure: structure) { canvas, lines, x, y in
            block.draw(lines, x: x + left, y: y, on: canvas.context)
        }
    }

    private mutating func add(_ block: Block, index: Int, keepWithNext: Bool) {
        switch block {
        case .heading(let level, let content, let alignment):
            text(content, index: index, kind: .heading, style: style(bold: true, italic: level == 3, alignment: alignment, uppercase: level == 1),
                spaceBefore: level == 1 ? 12 : 6, spaceAfter: level == 1 ? 12 : 6, keepWithNext: true, splittable: false,
                structure: .leaf("H\(tagLevel(level))"))
            outline[items.count - 1] = (TextSafety.forDocument(content.plainText), level)
        case .paragraph(let content, let alignment):
            text(content, index: index, kind: .paragraph, style: style(alignment: alignment), keepWithNext: keepWithNext)
        case .numbered(let number, let content):
            text(content, index: index, kind: .paragraph, style: style(alignment: .left), indent: Self.hangingIndent, label: "\(number).",
                keepWithNext: keepWithNext)
        case .quote(let content):
            text(content, index: index, kind: .paragraph, style: style(), indent: Self.hangingIndent, rightIndent: Self.hangingIndent,
                structure: .leaf("BlockQuote"))
        case .list(let ordered, let items):
            for (position, item) in items.enumerated() {
                // A narrow hang: a wide gap between label and text reads as two columns to
                // text extraction when the items stand close together.
                // In a double-spaced document, items are set apart as far as paragraphs are, so that
                // an item's wrapped lines are not nearer the next item than each other.
                let between = page.lineSpacing == .single ? 3 : Self.paragraphSpace
                text(item, index: index, kind: .listItem, style: style(), indent: Self.hangingIndent,
                    label: ordered ? "\(position + 1)." : "•", hanging: 18,
                    spaceAfter: position == items.count - 1 ? Self.paragraphSpace : between, structure: .listItem)
            }
        case .table(let table):
            addTable(table, index: index)
        case .letterhead(let lines):
            addLines(lines, index: index, kind: .letterhead, style: style(alignment: .center, single: true), spaceAfter: 24)
        case .caption(let caption):
            addCaption(caption, index: index)
        case .signature(let lines):
            addSignature(lines, index: index)
        case .pageBreak:
            add(FlowItem(kind: .pageBreak, block: index, lineHeights: [], spaceBefore: 0, spaceAfter: 0,
                keepWithNext: false, splittable: false), structure: .none) { _, _, _, _ in }
        }
    }

    /// The structure level of a heading: the document's highest level is H1, and a heading is at
    /// most one level below the one before it, as screen readers expect (a letter whose headings
    /// are all level 2 reads as H1s; H1 then H3 reads as H1 then H2).
    private mutating func tagLevel(_ level: Int) -> Int {
        let tagged = min(max(level - topLevel + 1, 1), lastTagLevel + 1, 6)
        lastTagLevel = tagged
        return tagged
    }

    /// Lines drawn as one unsplittable item.
    private mutating func addLines(_ lines: [[Inline]], index: Int, kind: FlowItem.Kind, style: TextBlock.Style, spaceAfter: Double) {
        let blocks = lines.map { TextBlock($0, width: width, style: style, context: context) }.filter { !$0.lines.isEmpty }
        guard !blocks.isEmpty else { return }
        let heights = blocks.map { $0.height(of: 0..<$0.lines.count) }
        add(FlowItem(kind: kind, block: index, lineHeights: [heights.reduce(0, +)], spaceBefore: 0, spaceAfter: spaceAfter,
            keepWithNext: false, splittable: false), structure: .leaf("P")) { canvas, _, x, y in
            var top = y
            for (block, height) in zip(blocks, heights) {
                block.draw(0..<block.lines.count, x: x, y: top, on: canvas.context)
                top += height
            }
        }
    }

    private mutating func addTable(_ table: Table, index: Int) {
        let columns = max(1, table.rows.map(\.cells.count).max() ?? 1)
        let columnWidth = width / Double(columns)
        let padding = 4.0
        for (rowIndex, row) in table.rows.enumerated() {
            let cells = (0..<columns).map { column -> TextBlock in
                let content = column < row.cells.count ? row.cells[column] : []
                return TextBlock(content, width: columnWidth - 2 * padding, style: style(bold: row.isHeader, single: true), context: context)
            }
            let height = (cells.map { $0.height(of: 0..<$0.lines.count) }.max() ?? 0) + 2 * padding
            let isLast = rowIndex == table.rows.count - 1
            add(FlowItem(kind: .tableRow, block: index, lineHeights: [height], spaceBefore: 0,
                spaceAfter: isLast ? Self.paragraphSpace : 0, keepWithNext: row.isHeader, splittable: false,
                isTableHeader: row.isHeader), structure: .tableRow) { canvas, _, x, y in
                canvas.beginTag("TR")
                defer { canvas.endTag("TR") }
                for (column, cell) in cells.enumerated() {
                    let left = x + Double(column) * columnWidth
                    canvas.tagged(row.isHeader ? "TH" : "TD") {
                        cell.draw(0..<cell.lines.count, x: left + padding, y: y + padding, on: canvas.context)
                    }
                    canvas.line(from: (left, y), to: (left, y + height), width: 0.5)
                }
                canvas.line(from: (x + Double(columns) * columnWidth, y), to: (x + Double(columns) * columnWidth, y + height), width: 0.5)
                canvas.line(from: (x, y), to: (x + Double(columns) * columnWidth, y), width: 0.5)
                canvas.line(from: (x, y + height), to: (x + Double(columns) * columnWidth, y + height), width: 0.5)
            }
        }
    }

    private mutating func addCaption(_ caption: CourtCaption, index: Int) {
        let centered = style(bold: true, alignment: .center, uppercase: true, single: true)
        let court = caption.court.map { TextBlock($0, width: width, style: centered, context: context) }
        let leftWidth = width * 0.55
        let parties = caption.parties.map { TextBlock($0, width: leftWidth - 8, style: style(single: true), context: context) }
        let info = caption.caseInfo.map { TextBlock($0, width: width - leftWidth - 16, style: style(single: true), context: context) }
        let title = caption.title.map { TextBlock($0, width: width, style: centered, context: context) }
        func stack(_ blocks: [TextBlock]) -> Double { blocks.map { $0.height(of: 0..<$0.lines.count) }.reduce(0, +) }
        let courtHeight = stack(court), boxHeight = max(stack(parties), stack(info)) + 8, titleHeight = stack(title)
        let gap = 12.0
        let total = courtHeight + (court.isEmpty ? 0 : gap) + boxHeight + (title.isEmpty ? 0 : gap + titleHeight)
        add(FlowItem(kind: .caption, block: index, lineHeights: [total], spaceBefore: 0, spaceAfter: 18,
            keepWithNext: false, splittable: false), structure: .group) { canvas, _, x, y in
            var top = y
            // Each stack of lines is a paragraph: the court, the parties, the case number, the title.
            func draw(_ blocks: [TextBlock], at left: Double, from start: Double) -> Double {
                var position = start
                guard !blocks.isEmpty else { return position }
                canvas.tagged("P") {
                    for block in blocks {
                        block.draw(0..<block.lines.count, x: left, y: position, on: canvas.context)
                        position += block.height(of: 0..<block.lines.count)
                    }
                }
                return position
            }
            top = draw(court, at: x, from: top) + (court.isEmpty ? 0 : gap)
            _ = draw(parties, at: x, from: top)
            let infoHeight = stack(info)
            _ = draw(info, at: x + leftWidth + 16, from: top + (boxHeight - infoHeight) / 2)
            // The parties' box is closed on the right and below, as a pleading's caption is.
            canvas.line(from: (x + leftWidth, top), to: (x + leftWidth, top + boxHeight))
            canvas.line(from: (x, top + boxHeight), to: (x + leftWidth, top + boxHeight))
            top += boxHeight + gap
            _ = draw(title, at: x, from: top)
        }
    }

    private mutating func addSignature(_ lines: [[Inline]], index: Int) {
        let room = 36.0  // space to sign above the rule
        let blocks = lines.map { TextBlock($0, width: width, style: style(single: true), context: context) }
        let textHeight = blocks.map { $0.height(of: 0..<$0.lines.count) }.reduce(0, +)
        let ruleLength = min(216, width)  // three inches
        add(FlowItem(kind: .signature, block: index, lineHeights: [room + 2 + textHeight], spaceBefore: 6,
            spaceAfter: Self.paragraphSpace, keepWithNext: false, splittable: false), structure: .group) { canvas, _, x, y in
            canvas.line(from: (x, y + room), to: (x + ruleLength, y + room))
            var top = y + room + 2
            canvas.tagged("P") {
                for block in blocks {
                    block.draw(0..<block.lines.count, x: x, y: top, on: canvas.context)
                    top += block.height(of: 0..<block.lines.count)
                }
            }
        }
    }
}

extension Block {
    /// A paragraph short enough to move to the next page with the closing and signature after it.
    var isShortParagraph: Bool {
        if case .paragraph(let content, _) = self { return content.plainText.count <= 600 }
        return false
    }
}
