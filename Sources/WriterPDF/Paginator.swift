/// What the paginator places: a run of lines with space around it. It knows heights only, so the
/// rules of pagination can be tested without drawing anything.
public struct FlowItem: Sendable {
    /// What the item is, for the rules and for tests.
    public enum Kind: Sendable, Equatable {
        case paragraph, heading, listItem, tableRow, caption, letterhead, signature, pageBreak
    }

    public var kind: Kind
    /// The index of the block the item came from.
    public var block: Int
    /// The height of each line; an item that may not split may still report its lines.
    public var lineHeights: [Double]
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// Whether the item must stay on the page of (the start of) the next one.
    public var keepWithNext: Bool
    /// Whether the item may be split between pages (at line boundaries).
    public var splittable: Bool
    /// Whether the item is a table's header row, repeated at the top of every page the table
    /// runs onto.
    public var isTableHeader: Bool

    public var height: Double { lineHeights.reduce(0, +) }

    public init(
        kind: Kind, block: Int, lineHeights: [Double], spaceBefore: Double, spaceAfter: Double, keepWithNext: Bool,
        splittable: Bool, isTableHeader: Bool = false
    ) {
        self.kind = kind
        self.block = block
        self.lineHeights = lineHeights
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.keepWithNext = keepWithNext
        self.splittable = splittable
        self.isTableHeader = isTableHeader
    }
}

/// Where part of an item landed.
public struct Placement: Sendable, Equatable {
    /// The item's index in the flow.
    public var item: Int
    public var kind: FlowItem.Kind
    /// The lines of the item on this page.
    public var lines: Range<Int>
    /// How many lines the item has in all.
    public var lineCount: Int
    /// Top of the first line, from the top of the text area, in points.
    public var top: Double
    public var height: Double
}

/// Items placed on pages.
public struct Pagination: Sendable, Equatable {
    /// The placements of each page, top to bottom.
    public var pages: [[Placement]]
}

/// Breaks a flow of items into pages of a given height:
/// - a paragraph split between pages leaves at least two lines on each (no widow, no orphan);
///   one of three lines or fewer moves whole;
/// - an item that keeps with the next (a heading, a closing line before a signature) moves to
///   the next page unless it and the start of what follows fit;
/// - an item that may not split (a signature block, a table row, a caption) moves whole;
/// - a table that runs onto another page repeats its header rows at the top of it;
/// - space before an item is dropped at the top of a page.
public struct Paginator: Sendable {
    /// Fewest lines of a split paragraph on either page.
    public static let minimumLines = 2

    public let pageHeight: Double

    public init(pageHeight: Double) { self.pageHeight = pageHeight }

    public func paginate(_ items: [FlowItem]) -> Pagination {
        var pages: [[Placement]] = [[]]
        var y = 0.0
        // Where the page's own content starts: below the header rows repeated on it, if any.
        var top = 0.0
        // The header rows of the table being placed (item indices), and its block.
        var headers: (block: Int, items: [Int]) = (-1, [])

        func newPage() {
            pages.append([])
            y = 0
            top = 0
        }

        for (index, item) in items.enumerated() {
            if item.kind == .pageBreak {
                if !pages[pages.count - 1].isEmpty { newPage() }  // never a blank page
                continue
            }
            // Keep with next: this item and the start of the next must fit together.
            if item.keepWithNext, y > 0, y + item.spaceBefore + requiredStart(items, from: index) > pageHeight {
                newPage()
            }
            if item.kind == .tableRow, item.isTableHeader {
                if headers.block != item.block { headers = (item.block, []) }
                headers.items.append(index)
            }
            let repeatedHeaders = item.kind == .tableRow && !item.isTableHeader && headers.block == item.block ? headers.items : []
            // Repeated only while they leave most of a page to the rows.
            let repeatedHeight = repeatedHeaders.map { items[$0].height }.reduce(0, +)
            var next = 0
            let count = item.lineHeights.count
            while next < count {
                if y == 0, !repeatedHeaders.isEmpty, repeatedHeight < pageHeight / 2 {
                    for header in repeatedHeaders {
                        place(header, items[header], 0..<items[header].lineHeights.count, at: y, into: &pages)
                        y += items[header].height
                    }
                    top = y
                }
                let before = y > top && next == 0 ? item.spaceBefore : 0
                let available = pageHeight - y - before
                var fitting = 0
                var used = 0.0
                while next + fitting < count, used + item.lineHeights[next + fitting] <= available + 0.01 {
                    used += item.lineHeights[next + fitting]
                    fitting += 1
                }
                let remaining = count - next
                if fitting >= remaining {
                    place(index, item, next..<count, at: y + before, into: &pages)
                    y += before + item.lineHeights[next..<count].reduce(0, +) + item.spaceAfter
                    next = count
                } else if item.splittable, fitting >= Self.minimumLines, remaining >= 2 * Self.minimumLines {
                    let take = min(fitting, remaining - Self.minimumLines)
                    place(index, item, next..<next + take, at: y + before, into: &pages)
                    next += take
                    newPage()
                } else if y > top {
                    newPage()
                } else {
                    // Taller than a whole page (below any repeated headers): split where it must.
                    let take = max(fitting, 1)
                    place(index, item, next..<next + take, at: y, into: &pages)
                    next += take
                    if next < count { newPage() } else { y += item.lineHeights[(next - take)..<next].reduce(0, +) + item.spaceAfter }
                }
            }
        }
        if pages.count > 1, pages.last?.isEmpty == true { pages.removeLast() }
        return Pagination(pages: pages)
    }

    /// The height that must fit on the page for item `index` to stay with what follows it.
    private func requiredStart(_ items: [FlowItem], from index: Int, depth: Int = 0) -> Double {
        let item = items[index]
        guard index + 1 < items.count, depth < 8 else { return item.height }
        let next = items[index + 1]
        if next.kind == .pageBreak { return item.height }
        let nextStart: Double
        if next.keepWithNext {
            nextStart = next.spaceBefore + requiredStart(items, from: index + 1, depth: depth + 1)
        } else if next.splittable {
            nextStart = next.spaceBefore + next.lineHeights.prefix(Self.minimumLines).reduce(0, +)
        } else {
            nextStart = next.spaceBefore + next.height
        }
        return item.height + item.spaceAfter + nextStart
    }

    private func place(_ index: Int, _ item: FlowItem, _ lines: Range<Int>, at top: Double, into pages: inout [[Placement]]) {
        pages[pages.count - 1].append(Placement(
            item: index, kind: item.kind, lines: lines, lineCount: item.lineHeights.count, top: top,
            height: item.lineHeights[lines].reduce(0, +)))
    }
}
