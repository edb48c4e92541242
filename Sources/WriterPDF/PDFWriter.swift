import CPangoCairo
import DocumentModel
import PDFFinishing

/// Typesets a document as PDF with cairo and Pango: real text shaping and line breaking, fonts
/// embedded and subset, pagination without widows or orphans, headings kept with what follows,
/// signature blocks, captions and table rows never split, a running header with the document's
/// marking, "Page N of M" in the footer, an outline of the headings, and metadata from the template
/// only. Every PDF is tagged for accessibility (a structure tree in reading order, running heads,
/// page numbers and rules marked as artifacts, the language and title for screen readers), and
/// on request is PDF/A-2b. The same document and date always give the same bytes.
public struct PDFWriter: Sendable {
    /// Options for PDF.
    public struct Options: Sendable {
        /// The document date recorded as the PDF's creation and modification date, yyyy-mm-dd
        /// (a fixed value, so that output is reproducible).
        public var date: String
        /// Text before "Page N of M" in every footer, e.g. a form's edition on its addendum
        /// ("Form I-000 Edition 11/29/26 · Part 8. Additional Information · Page 1 of 1").
        public var footerLabel: String?
        /// PDF/A-2b (ISO 19005-2, level B): an sRGB output intent and the XMP identification,
        /// for courts and agencies that ask for archival PDF.
        public var archival: Bool

        public init(date: String = "2000-01-01", footerLabel: String? = nil, archival: Bool = false) {
            self.date = date
            self.footerLabel = footerLabel
            self.archival = archival
        }
    }

    /// A PDF that cairo could not write.
    public struct RenderError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot write the PDF: \(reason)" }
    }

    public init() {}

    /// The most text, in bytes, set into one PDF (about 1,100 pages of dense text). Every line
    /// stays laid out until the last page is drawn, so the footers can give the page count: a
    /// 4 MB declaration takes about 4 seconds and 250 MB, and a 50 MB one would take a minute and
    /// gigabytes. Past this, the PDF is refused with a message rather than set for minutes.
    public static let maximumTextBytes = 4_000_000

    /// Refuses documents whose text passes `maximumTextBytes`, before any layout.
    static func checkSize(_ documents: [Document]) throws(RenderError) {
        let bytes = documents.reduce(0) { $0 + $1.textByteCount }
        guard bytes <= maximumTextBytes else {
            let megabytes = (Double(bytes) / 100_000).rounded() / 10
            throw RenderError(reason: "the text is \(megabytes) MB, and a PDF is set from at most \(maximumTextBytes / 1_000_000) MB "
                + "(about 1,100 pages); shorten the narrative or split it across documents (DOCX and TXT have no such limit)")
        }
    }

    /// How the document breaks into pages: its flow items and where each landed. For tests and
    /// tools that check the pagination rules.
    public func layout(_ document: Document) -> (items: [FlowItem], pagination: Pagination) {
        let (width, height) = document.page.paper.size
        let canvas = PDFCanvas(width: width, height: height)
        var builder = FlowBuilder(page: document.page, context: canvas.textContext)
        builder.add(document.blocks)
        let pagination = Paginator(pageHeight: textHeight(document.page)).paginate(builder.items)
        _ = canvas.finish()
        return (builder.items, pagination)
    }

    private func textHeight(_ page: PageSetup) -> Double {
        page.paper.size.height - page.margins.top - page.margins.bottom
    }

    /// The document as the bytes of a PDF file.
    public func render(_ document: Document, options: Options = Options()) throws(RenderError) -> [UInt8] {
        try render([document], title: document.metadata.title, options: options)
    }

    /// Several documents as one PDF, for printing a batch: each starts on a new page, numbers its
    /// own pages ("Page 1 of 2"), and has its own entry in the outline, its headings under it.
    public func render(_ documents: [Document], title: String, options: Options = Options()) throws(RenderError) -> [UInt8] {
        guard let first = documents.first else { throw RenderError(reason: "no documents") }
        try Self.checkSize(documents)
        let (firstWidth, firstHeight) = first.page.paper.size
        let canvas = PDFCanvas(width: firstWidth, height: firstHeight)
        let metadata = first.metadata
        var pageNumber = 0
        canvas.beginTag("Document")
        for (index, document) in documents.enumerated() {
            // One document alone needs no entry of its own; in a combined file each gets one.
            let root: Int32 = documents.count == 1
                ? 0 : canvas.addOutline("\(index + 1). \(document.metadata.title)", page: pageNumber + 1, y: 0)
            let laidOut = layOut(document, on: canvas)
            let total = laidOut.pageCount
            let label = options.footerLabel.map { $0 + " · " } ?? ""
            if documents.count > 1 { canvas.beginTag("Part") }
            draw(laidOut, on: canvas, firstPage: &pageNumber, outlineRoot: root) { local, _ in "\(label)Page \(local) of \(total)" }
            if documents.count > 1 { canvas.endTag("Part") }
        }
        canvas.endTag("Document")
        return try finish(canvas, PDFFinisher.Plan(
            title: title, subject: metadata.authority ?? metadata.kind, keywords: "\(metadata.templateID) \(metadata.templateVersion)",
            date: options.date, language: metadata.language, archival: options.archival)).bytes
    }

    /// Ends the drawing and finishes the PDF as `plan` says, with the drawing's structure notes.
    func finish(_ canvas: PDFCanvas, _ plan: PDFFinisher.Plan) throws(RenderError) -> PDFFinisher.Finished {
        let (bytes, status) = canvas.finish()
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(reason: String(cString: cairo_status_to_string(status)))
        }
        var plan = plan
        plan.elements = canvas.elementNotes
        plan.artifactType = PDFCanvas.artifactType
        do { return try PDFFinisher.finish(bytes, plan: plan) } catch { throw RenderError(reason: error.description) }
    }

    /// A document broken into pages on a canvas, ready to draw.
    struct LaidOut {
        let document: Document
        let builder: FlowBuilder
        let pagination: Pagination
        var pageCount: Int { pagination.pages.count }
    }

    /// Breaks a document into pages, measuring text with the canvas's fonts.
    func layOut(_ document: Document, on canvas: PDFCanvas) -> LaidOut {
        var builder = FlowBuilder(page: document.page, context: canvas.textContext)
        builder.add(document.blocks)
        return LaidOut(document: document, builder: builder, pagination: Paginator(pageHeight: textHeight(document.page)).paginate(builder.items))
    }

    /// Draws a laid-out document's pages; `pageNumber` counts pages in the whole file. `footer`
    /// gives the footer's text from the page's number in the document and in the file; `stamp`
    /// draws on each finished page (a Bates number). `headingsInOutline` false leaves the
    /// document's headings out of the outline (an exhibit's cover page, whose entry says it all).
    func draw(
        _ laidOut: LaidOut, on canvas: PDFCanvas, firstPage pageNumber: inout Int, outlineRoot: Int32, headingsInOutline: Bool = true,
        stamp: ((PDFCanvas, Int) -> Void)? = nil, footer: (_ local: Int, _ file: Int) -> String
    ) {
        let document = laidOut.document
        let builder = laidOut.builder
        let page = document.page
        let (width, height) = page.paper.size
        canvas.setPageSize(width: width, height: height)
        let runningStyle = TextBlock.Style(font: page.fontFamily, size: page.runningFontSize, alignment: .center)
        let markingStyle = TextBlock.Style(font: page.fontFamily, size: page.runningFontSize, bold: true, alignment: .center)
        let textWidth = width - page.margins.left - page.margins.right

        // The outline nests headings by level: a level-2 heading sits under the level-1 heading before it.
        var outlineParents: [Int: Int32] = [:]
        // Items drawn already: a table's header row drawn again on a new page is an artifact.
        var drawn = Set<Int>()
        // The list or table open in the structure (its block), across pages.
        var container: (block: Int, type: String)?
        for (number, placements) in laidOut.pagination.pages.enumerated() {
            pageNumber += 1
            cairo_set_source_rgb(canvas.context, 0, 0, 0)
            for placement in placements {
                let structure = builder.structures[placement.item]
                let block = builder.items[placement.item].block
                let containerType: String? = structure == .listItem ? "L" : structure == .tableRow ? "Table" : nil
                if let open = container, containerType == nil || open.block != block {
                    canvas.endTag(open.type)
                    container = nil
                }
                if let containerType, container == nil {
                    canvas.beginTag(containerType)
                    container = (block, containerType)
                }
                let top = page.margins.top + placement.top
                let continues = placement.lines.lowerBound > 0
                let drawItem = { builder.draws[placement.item](canvas, placement.lines, page.margins.left, top) }
                switch structure {
                case .leaf(let type): canvas.tagged(type, continues: continues, drawItem)
                case .listItem: canvas.tagged("LI", continues: continues) { canvas.tagged("LBody", continues: continues, drawItem) }
                case .tableRow where drawn.contains(placement.item): canvas.artifact(drawItem)
                case .tableRow, .none: drawItem()
                case .group: canvas.tagged("Div", drawItem)
                }
                drawn.insert(placement.item)
                if headingsInOutline, placement.lines.lowerBound == 0, let heading = builder.outline[placement.item] {
                    let parent = (1..<max(heading.level, 1)).reversed().lazy.compactMap { outlineParents[$0] }.first ?? outlineRoot
                    outlineParents[heading.level] = canvas.addOutline(heading.title, page: pageNumber, y: top, parent: parent)
                    for deeper in (heading.level + 1)...4 { outlineParents[deeper] = nil }
                }
            }
            canvas.artifact {
                if let marking = document.metadata.marking {
                    let block = TextBlock([.text(marking)], width: textWidth, style: markingStyle, context: canvas.textContext)
                    let blockHeight = block.height(of: 0..<block.lines.count)
                    block.draw(0..<block.lines.count, x: page.margins.left, y: max(0, (page.margins.top - blockHeight) / 2), on: canvas.context)
                }
                let footer = TextBlock([.text(footer(number + 1, pageNumber))], width: textWidth, style: runningStyle, context: canvas.textContext)
                let footerHeight = footer.height(of: 0..<footer.lines.count)
                footer.draw(0..<footer.lines.count, x: page.margins.left,
                    y: height - page.margins.bottom + max(0, (page.margins.bottom - footerHeight) / 2), on: canvas.context)
                stamp?(canvas, pageNumber)
            }
            canvas.showPage()
        }
        if let open = container { canvas.endTag(open.type) }
    }
}