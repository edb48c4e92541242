import CaseData
import DocumentModel
import Engross
import Foundation
import Testing
import WriterPDF

/// The ten-page declaration (Fixtures/cases/t-visa/declaration/long-narrative.yaml), checked
/// against the pagination rules from the paginator's own line positions.
@Suite("Pagination of a long declaration")
struct PDFPaginationTests {
    let layout: (items: [FlowItem], pagination: Pagination)

    init() throws {
        let engine = Engine(templatesPath: templatesPath, today: fixtureToday)
        let declaration = try engine.prepare("t-visa/declaration")
        let data = try CaseFile.load(path: fixture("cases/t-visa/declaration/long-narrative.yaml"))
        #expect(declaration.validate(data, file: "long-narrative.yaml").isEmpty)
        layout = PDFWriter().layout(declaration.render(data))
    }

    @Test func runsToTenPagesOrMore() {
        #expect(layout.pagination.pages.count >= 10)
    }

    @Test func everyLineIsPlacedOnceInOrder() {
        var seen: [Int: Int] = [:]  // item → next expected line
        for placement in layout.pagination.pages.joined() {
            #expect(placement.lines.lowerBound == seen[placement.item, default: 0])
            seen[placement.item] = placement.lines.upperBound
        }
        for (index, item) in layout.items.enumerated() where item.kind != .pageBreak {
            #expect(seen[index] == item.lineHeights.count, "item \(index)")
        }
    }

    @Test func noWidowOrOrphanLine() {
        var splits = 0
        for placement in layout.pagination.pages.joined() where placement.lines.count < placement.lineCount {
            splits += 1
            #expect(placement.lines.count >= 2, "a split paragraph left \(placement.lines.count) line(s) on a page")
        }
        #expect(splits > 0, "the fixture should split some paragraphs between pages")
    }

    @Test func noHeadingAtTheFootOfAPage() {
        for page in layout.pagination.pages.dropLast() {
            #expect(page.last?.kind != .heading)
        }
    }

    @Test func signatureBlockWholeOnOnePage() {
        let signatures = layout.pagination.pages.joined().filter { $0.kind == .signature }
        #expect(!signatures.isEmpty)
        for signature in signatures { #expect(signature.lines == 0..<signature.lineCount) }
    }

    @Test func linesStayInsideThePage() {
        for page in layout.pagination.pages {
            for placement in page { #expect(placement.top + placement.height <= 648 + 0.5) }  // 11in - 2in of margins
        }
    }
}
