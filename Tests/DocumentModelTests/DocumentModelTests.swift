import DocumentModel
import Testing

@Suite("The document model")
struct DocumentModelTests {
    let document = Document(
        metadata: Metadata(title: "T", templateID: "t", templateVersion: "1", kind: "letter"),
        blocks: [
            .paragraph(content: [.text("Dear "), .styled(.bold, [.sensitive("Rosa", redaction: "R.")]), .text(",")], alignment: .left),
            .table(Table(rows: [TableRow(cells: [[.sensitive("1990-01-01", redaction: "[REDACTED]")], [.text("x")]])])),
            .caption(CourtCaption(court: [], parties: [[.sensitive("Rosa", redaction: "R.")]], caseInfo: [], title: [])),
            .list(ordered: false, items: [[.reference(target: "a", text: "¶ 1"), .lineBreak]]),
        ])

    @Test func redactionReplacesEverySensitiveRunWhereverItStands() {
        let redacted = document.redacted()
        #expect(redacted.blocks[0] == .paragraph(content: [.text("Dear "), .styled(.bold, [.text("R.")]), .text(",")], alignment: .left))
        #expect(redacted.blocks[1] == .table(Table(rows: [TableRow(cells: [[.text("[REDACTED]")], [.text("x")]])])))
        #expect(redacted.blocks[2] == .caption(CourtCaption(court: [], parties: [[.text("R.")]], caseInfo: [], title: [])))
        #expect(redacted.blocks[3] == document.blocks[3])
        #expect(redacted.metadata == document.metadata)
    }

    @Test func plainTextJoinsRuns() {
        #expect([Inline.text("a"), .styled(.italic, [.text("b")]), .lineBreak, .reference(target: "x", text: "¶ 2")].plainText == "ab\n¶ 2")
    }

    @Test func paperSizesInPoints() {
        #expect(Paper.letter.size == (612, 792))
        #expect(Paper.a4.size.width == 595.28)
        #expect(LineSpacing.double.factor == 2)
    }
}
