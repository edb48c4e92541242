import CPangoCairo
import DocumentModel
import PDFFinishing

/// One part of a packet's combined PDF, in order.
public enum PacketPart {
    /// A generated document, with the title of its outline entry.
    case document(Document, outline: String)
    /// An exhibit: its cover page (a generated document), then the file's pages, under one
    /// outline entry.
    case exhibit(cover: Document, file: ExhibitFile, outline: String)
    /// A filled form: its pages (fields printed as a viewer prints them), drawn as an exhibit's
    /// are but without a cover page, under one outline entry.
    case form(file: ExhibitFile, outline: String)

    /// The title of the part's outline entry ("Exhibit C", a document's title).
    public var outline: String {
        switch self {
        case .document(_, let outline), .exhibit(_, _, let outline), .form(_, let outline): return outline
        }
    }

    /// The generated document the part starts with, if any.
    var document: Document? {
        switch self {
        case .document(let document, _), .exhibit(let document, _, _): return document
        case .form: return nil
        }
    }
}

/// How a packet's pages are numbered and stamped.
public struct PacketStamping: Sendable {
    /// A Bates prefix, used as given: `DOE` stamps `DOE-000001`; a prefix that already ends in a
    /// separator (`DOE-`, `DOE_`) gets no second one (`DOE-000001`, `DOE_000001`).
    public var batesPrefix: String?
    /// The Bates number of the first page (a second submission continues the first's numbering).
    public var batesStart: Int
    /// The fewest digits of a Bates number, zero-padded (a larger number keeps all its digits).
    public var batesDigits: Int

    public init(batesPrefix: String? = nil, batesStart: Int = 1, batesDigits: Int = 6) {
        self.batesPrefix = batesPrefix
        self.batesStart = batesStart
        self.batesDigits = batesDigits
    }

    /// The Bates number of the page at `page` (1-based) in the packet, or nil without a prefix.
    public func bates(page: Int) -> String? {
        guard let batesPrefix else { return nil }
        let number = String(batesStart + page - 1)
        let separator = batesPrefix.hasSuffix("-") || batesPrefix.hasSuffix("_") ? "" : "-"
        return batesPrefix + separator + String(repeating: "0", count: max(0, batesDigits - number.count)) + number
    }
}

extension PDFWriter {
    /// A packet as one PDF: every part in order, pages numbered "Page N of M" through the whole
    /// packet, an optional Bates number on every page, and an outline entry per part (a document's
    /// headings under its entry). Exhibit and form pages are scaled to fit the packet's paper above a band
    /// kept free for the page number and the Bates stamp. Returns the bytes, the number of pages
    /// each part took, and, with `options.archival`, what keeps the PDF from PDF/A-2b all the same.
    public func renderPacket(
        _ parts: [PacketPart], title: String, subject: String?, keywords: String, stamping: PacketStamping,
        options: Options = Options()
    ) throws(RenderError) -> (bytes: [UInt8], pageCounts: [Int], archivalProblems: [ArchivalProblem]) {
        guard !parts.isEmpty else { throw RenderError(reason: "the packet has no parts") }
        // The paper of the first generated document (a packet of forms alone: letter).
        let paper = parts.lazy.compactMap(\.document).first?.page ?? PageSetup()
        try Self.checkSize(parts.compactMap(\.document))
        let (width, height) = paper.paper.size
        let canvas = PDFCanvas(width: width, height: height)

        // Lay everything out first: every footer needs the packet's page count.
        let laidOut: [(LaidOut?, ExhibitFile?, String)] = parts.map { part in
            switch part {
            case .document(let document, let outline): return (layOut(document, on: canvas), nil, outline)
            case .exhibit(let cover, let file, let outline): return (layOut(cover, on: canvas), file, outline)
            case .form(let file, let outline): return (nil, file, outline)
            }
        }
        let total = laidOut.reduce(0) { $0 + ($1.0?.pageCount ?? 0) + ($1.1?.pageCount ?? 0) }
        let stampStyle = TextBlock.Style(font: paper.fontFamily, size: 9, alignment: .right)
        let stamp: (PDFCanvas, Int) -> Void = { canvas, page in
            guard let bates = stamping.bates(page: page) else { return }
            let block = TextBlock([.text(bates)], width: width - 72, style: stampStyle, context: canvas.textContext)
            cairo_set_source_rgb(canvas.context, 0, 0, 0)
            block.draw(0..<block.lines.count, x: 36, y: height - 30, on: canvas.context)
        }

        var pageNumber = 0
        var pageCounts: [Int] = []
        canvas.beginTag("Document")
        for (document, file, outline) in laidOut {
            let first = pageNumber
            let root = canvas.addOutline(outline, page: pageNumber + 1, y: 0)
            canvas.beginTag("Part")
            if let document {
                draw(document, on: canvas, firstPage: &pageNumber, outlineRoot: root, headingsInOutline: file == nil, stamp: stamp) { _, page in
                    "Page \(page) of \(total)"
                }
            }
            if let file {
                // The outline's title says what the pages are without naming the client
                // ("Exhibit C", a form's title): a screen reader hears it for each page.
                drawExhibitPages(file, on: canvas, paper: paper, pageNumber: &pageNumber, total: total, stamp: stamp) { page in
                    "\(outline), page \(page) of \(file.pageCount)"
                }
            }
            canvas.endTag("Part")
            pageCounts.append(pageNumber - first)
        }
        canvas.endTag("Document")
        let metadata = parts.lazy.compactMap(\.document).first?.metadata
        let finished = try finish(canvas, PDFFinisher.Plan(
            title: title, subject: subject, keywords: keywords, date: options.date, language: metadata?.language ?? "en-US",
            archival: options.archival))
        return (finished.bytes, pageCounts, finished.archivalProblems)
    }

    /// An exhibit file's pages, each on a page of the packet's paper, scaled into the area above
    /// the footer band, with the packet's page number and stamp in that band. Each page is a
    /// figure whose alternative text `alternateText` gives from the page's number in the file.
    private func drawExhibitPages(
        _ file: ExhibitFile, on canvas: PDFCanvas, paper: PageSetup, pageNumber: inout Int, total: Int,
        stamp: (PDFCanvas, Int) -> Void, alternateText: (Int) -> String
    ) {
        let (width, height) = paper.paper.size
        let side = 36.0, top = 36.0, band = 54.0
        let footerStyle = TextBlock.Style(font: paper.fontFamily, size: paper.runningFontSize, alignment: .center)
        for index in 0..<file.pageCount {
            pageNumber += 1
            canvas.setPageSize(width: width, height: height)
            canvas.tagged("Figure", alternateText: alternateText(index + 1)) {
                file.draw(page: index, on: canvas.context, box: (side, top, width - 2 * side, height - top - band))
            }
            canvas.artifact {
                cairo_set_source_rgb(canvas.context, 0, 0, 0)
                let footer = TextBlock([.text("Page \(pageNumber) of \(total)")], width: width - 2 * side, style: footerStyle, context: canvas.textContext)
                footer.draw(0..<footer.lines.count, x: side, y: height - band + 12, on: canvas.context)
                stamp(canvas, pageNumber)
            }
            canvas.showPage()
        }
    }
}
