/// A block of a document: something that stands on its own line or lines.
public enum Block: Sendable, Equatable {
    /// A heading; `level` is 1 to 3.
    case heading(level: Int, content: [Inline], alignment: Alignment)
    /// An ordinary paragraph.
    case paragraph(content: [Inline], alignment: Alignment)
    /// A paragraph numbered by the document's single paragraph counter (declarations cite "¶ 12").
    case numbered(number: Int, content: [Inline])
    /// A quotation set off from the text.
    case quote(content: [Inline])
    /// A bulleted (`ordered == false`) or numbered list; each item is a run of inlines.
    case list(ordered: Bool, items: [[Inline]])
    /// A simple table of rows and cells.
    case table(Table)
    /// Letterhead lines, centred at the top of a letter.
    case letterhead(lines: [[Inline]])
    /// The caption of a court filing.
    case caption(CourtCaption)
    /// A signature block: a line to sign on, then the lines under it.
    case signature(lines: [[Inline]])
    /// The start of a new page.
    case pageBreak
}

/// How the lines of a paragraph or heading sit between the margins.
public enum Alignment: String, Sendable, Equatable, CaseIterable {
    case left, center, right, justify
}

/// A table: rows of cells, each cell a run of inlines.
public struct Table: Sendable, Equatable {
    /// The rows, in order.
    public var rows: [TableRow]

    public init(rows: [TableRow]) { self.rows = rows }
}

/// One row of a table.
public struct TableRow: Sendable, Equatable {
    /// Whether the row is a header row.
    public var isHeader: Bool
    /// The cells, left to right.
    public var cells: [[Inline]]

    public init(isHeader: Bool = false, cells: [[Inline]]) {
        self.isHeader = isHeader
        self.cells = cells
    }
}

/// The caption that heads a court filing.
public struct CourtCaption: Sendable, Equatable {
    /// The court's name, centred above the parties ("IN THE DISTRICT COURT OF …").
    public var court: [[Inline]]
    /// The parties, on the left ("Jane Roe, Petitioner, v. …").
    public var parties: [[Inline]]
    /// The case number and similar, on the right.
    public var caseInfo: [[Inline]]
    /// The document's title, centred under the caption.
    public var title: [[Inline]]

    public init(court: [[Inline]], parties: [[Inline]], caseInfo: [[Inline]], title: [[Inline]]) {
        self.court = court
        self.parties = parties
        self.caseInfo = caseInfo
        self.title = title
    }
}
