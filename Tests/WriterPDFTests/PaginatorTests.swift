import Testing
import WriterPDF

/// Items of 10-point lines, for pagination on a 100-point page.
private func paragraph(_ lines: Int, keep: Bool = false) -> FlowItem {
    FlowItem(kind: .paragraph, block: 0, lineHeights: Array(repeating: 10, count: lines), spaceBefore: 0, spaceAfter: 0,
        keepWithNext: keep, splittable: true)
}

private func fixed(_ kind: FlowItem.Kind, height: Double, keep: Bool = false) -> FlowItem {
    FlowItem(kind: kind, block: 0, lineHeights: [height], spaceBefore: 0, spaceAfter: 0, keepWithNext: keep, splittable: false)
}

/// A table of `rows` rows of `height` points under one header row of 10 points, as block `block`.
private func table(rows: Int, height: Double = 20, block: Int = 1) -> [FlowItem] {
    [FlowItem(kind: .tableRow, block: block, lineHeights: [10], spaceBefore: 0, spaceAfter: 0, keepWithNext: true, splittable: false,
        isTableHeader: true)]
        + (0..<rows).map { _ in
            FlowItem(kind: .tableRow, block: block, lineHeights: [height], spaceBefore: 0, spaceAfter: 0, keepWithNext: false, splittable: false)
        }
}

@Suite("Pagination rules")
struct PaginatorTests {
    let paginator = Paginator(pageHeight: 100)

    private func lines(_ pagination: Pagination) -> [[Range<Int>]] { pagination.pages.map { $0.map(\.lines) } }

    @Test func splitsLeaveTwoLinesOnEachPage() {
        // 7 lines used, a 5-line paragraph: 3 fit, and 3 + 2 leaves no widow.
        #expect(lines(paginator.paginate([paragraph(7), paragraph(5)])) == [[0..<7, 0..<3], [3..<5]])
        // 8 lines used: 2 fit; 2 + 3 is fine.
        #expect(lines(paginator.paginate([paragraph(8), paragraph(5)])) == [[0..<8, 0..<2], [2..<5]])
        // 9 lines used: 1 would fit, an orphan: the paragraph moves whole.
        #expect(lines(paginator.paginate([paragraph(9), paragraph(5)])) == [[0..<9], [0..<5]])
        // 6 used, a 5-line paragraph: 4 fit, but 4 + 1 would leave a widow; 3 + 2 instead.
        #expect(lines(paginator.paginate([paragraph(6), paragraph(5)])) == [[0..<6, 0..<3], [3..<5]])
    }

    /// A table that runs onto more pages repeats its header row at the top of each.
    @Test func tableHeadersRepeatOnEveryPageTheTableRunsOnto() {
        // 100-point pages: the header (10) and 4 rows of 20 on the first page, then the header
        // again and 4 rows on each page after.
        let items = table(rows: 10)
        let result = paginator.paginate(items)
        #expect(result.pages.map { $0.map(\.item) } == [[0, 1, 2, 3, 4], [0, 5, 6, 7, 8], [0, 9, 10]])
        #expect(result.pages[1].map(\.top) == [0, 10, 30, 50, 70])
        // Another block after the table repeats nothing.
        let after = paginator.paginate(table(rows: 4) + [paragraph(10)])
        #expect(after.pages.count == 2 && after.pages[1].map(\.item) == [5])
        // A row taller than the page below the header is placed under the header, not forever moved.
        let tall = paginator.paginate(table(rows: 1, height: 20) + [FlowItem(kind: .tableRow, block: 1, lineHeights: [95], spaceBefore: 0,
            spaceAfter: 0, keepWithNext: false, splittable: false)])
        #expect(tall.pages.map { $0.map(\.item) } == [[0, 1], [0, 2]])
    }

    @Test func shortParagraphsNeverSplit() {
        #expect(lines(paginator.paginate([paragraph(8), paragraph(3)])) == [[0..<8], [0..<3]])
    }

    @Test func longParagraphsRunOverSeveralPages() {
        let result = paginator.paginate([paragraph(25)])
        #expect(lines(result) == [[0..<10], [10..<20], [20..<25]])
    }

    @Test func headingsStayWithWhatFollows() {
        let heading = fixed(.heading, height: 10, keep: true)
        // Heading on line 9, only one line of the paragraph would follow it: both move.
        let result = paginator.paginate([paragraph(8), heading, paragraph(4)])
        #expect(result.pages.map { $0.map(\.kind) } == [[.paragraph], [.heading, .paragraph]])
        // With room for the heading and two lines, it stays, and the paragraph splits 2 + 2.
        let roomy = paginator.paginate([paragraph(6), heading, paragraph(4)])
        #expect(roomy.pages.map { $0.map(\.kind) } == [[.paragraph, .heading, .paragraph], [.paragraph]])
    }

    @Test func signaturesMoveWhole() {
        let result = paginator.paginate([paragraph(6), fixed(.paragraph, height: 10, keep: true), fixed(.signature, height: 40)])
        #expect(result.pages.map { $0.map(\.kind) } == [[.paragraph], [.paragraph, .signature]])
    }

    @Test func pageBreaksNeverLeaveABlankPage() {
        let pageBreak = FlowItem(kind: .pageBreak, block: 0, lineHeights: [], spaceBefore: 0, spaceAfter: 0,
            keepWithNext: false, splittable: false)
        let result = paginator.paginate([pageBreak, paragraph(2), pageBreak, pageBreak, paragraph(2), pageBreak])
        #expect(lines(result) == [[0..<2], [0..<2]])
    }

    @Test func spaceBeforeIsDroppedAtThePageTop() {
        var spaced = paragraph(2)
        spaced.spaceBefore = 30
        let result = paginator.paginate([paragraph(10), spaced])
        #expect(result.pages[1].first?.top == 0)
    }

    @Test func anItemTallerThanAPageStillPrints() {
        let result = paginator.paginate([fixed(.caption, height: 150)])
        #expect(result.pages.count == 1)
        #expect(result.pages[0].first?.lines == 0..<1)
    }
}
