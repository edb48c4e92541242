extension Block {
    /// The block with `transform` applied to each run of inlines it holds (a paragraph's
    /// content, each list item, cell and line).
    public func mapInlineRuns(_ transform: ([Inline]) -> [Inline]) -> Block {
        func lines(_ lines: [[Inline]]) -> [[Inline]] { lines.map(transform) }
        switch self {
        case .heading(let level, let content, let alignment):
            return .heading(level: level, content: transform(content), alignment: alignment)
        case .paragraph(let content, let alignment):
            return .paragraph(content: transform(content), alignment: alignment)
        case .numbered(let number, let content):
            return .numbered(number: number, content: transform(content))
        case .quote(let content):
            return .quote(content: transform(content))
        case .list(let ordered, let items):
            return .list(ordered: ordered, items: lines(items))
        case .table(let table):
            return .table(Table(rows: table.rows.map { TableRow(isHeader: $0.isHeader, cells: lines($0.cells)) }))
        case .letterhead(let content):
            return .letterhead(lines: lines(content))
        case .caption(let caption):
            return .caption(CourtCaption(
                court: lines(caption.court), parties: lines(caption.parties),
                caseInfo: lines(caption.caseInfo), title: lines(caption.title)))
        case .signature(let content):
            return .signature(lines: lines(content))
        case .pageBreak:
            return .pageBreak
        }
    }

    /// The block with `transform` applied to each of its top-level inlines, wherever they stand.
    public func mapInlines(_ transform: (Inline) -> Inline) -> Block {
        mapInlineRuns { $0.map(transform) }
    }
}

extension Inline {
    /// The inline with `transform` applied to it and, inside styled runs, to every inline nested
    /// in it (innermost first).
    public func mapDeep(_ transform: (Inline) -> Inline) -> Inline {
        switch self {
        case .styled(let style, let children):
            return transform(.styled(style, children.map { $0.mapDeep(transform) }))
        default:
            return transform(self)
        }
    }
}
