import DocumentModel
import Testing
import WriterPDF

/// A paragraph that ends with a colon ("Petitioner asks the Court to order that Respondent:") is
/// never left at the foot of a page while the list it introduces starts on the next.
@Suite("PDF: a lead-in paragraph stays with its list")
struct LeadInTests {
    /// `fillers` one-line paragraphs, the lead-in, then a list (or a plain paragraph).
    func document(fillers: Int, leadIn: String, listFollows: Bool = true) -> Document {
        var blocks = (0..<fillers).map { Block.paragraph(content: [.text("Filler paragraph \($0).")], alignment: .left) }
        blocks.append(.paragraph(content: [.text(leadIn)], alignment: .left))
        blocks.append(listFollows
            ? .list(ordered: true, items: [[.text("not contact the petitioner;")], [.text("stay away from the petitioner's home.")]])
            : .paragraph(content: [.text("The next paragraph.")], alignment: .left))
        return Document(metadata: Metadata(title: "Lead-in", templateID: "t", templateVersion: "1", kind: "petition"), blocks: blocks)
    }

    /// The page of the lead-in paragraph and of the block after it.
    func pages(_ document: Document) -> (leadIn: Int, next: Int) {
        let (items, pagination) = PDFWriter().layout(document)
        let leadInBlock = document.blocks.count - 2
        func page(ofBlock block: Int) -> Int {
            pagination.pages.firstIndex { $0.contains { items[$0.item].block == block } }!
        }
        return (page(ofBlock: leadInBlock), page(ofBlock: leadInBlock + 1))
    }

    @Test func colonParagraphNeverEndsAPageBeforeItsList() {
        // Somewhere between 20 and 45 fillers the lead-in falls at the foot of page 1.
        var sawPageBreakBetween = false
        for fillers in 20...45 {
            let (leadIn, next) = pages(document(fillers: fillers, leadIn: "Petitioner asks the Court to order that Respondent:"))
            #expect(leadIn == next, "\(fillers) fillers: lead-in on page \(leadIn + 1), list on page \(next + 1)")
            // The same paragraph without its colon may stay behind: the rule is about lead-ins only.
            let plain = pages(document(fillers: fillers, leadIn: "Petitioner asks the Court for relief."))
            if plain.leadIn != plain.next { sawPageBreakBetween = true }
        }
        #expect(sawPageBreakBetween)
    }

    @Test func onlyAListOrTableIsLedInto() {
        let lead = Block.paragraph(content: [.text("as follows:")], alignment: .left)
        #expect(lead.leadsInto(.list(ordered: false, items: [[.text("a")]])))
        #expect(lead.leadsInto(.table(Table(rows: []))))
        #expect(!lead.leadsInto(.paragraph(content: [.text("b")], alignment: .left)))
        #expect(!Block.paragraph(content: [.text("as follows.")], alignment: .left).leadsInto(.list(ordered: false, items: [[.text("a")]])))
        #expect(Block.numbered(number: 3, content: [.text("They said: ")]).leadsInto(.list(ordered: true, items: [[.text("a")]])))
    }
}
