@testable import PDFFinishing
import Testing

/// The scan and rewrite of cairo's marked-content operators, and the reshaping of its structure
/// tree (issue #16).
@Suite("Marked content and structure reshaping")
struct MarkedContentTests {
    @Test func marksAreFoundAndStringsThatLookLikeMarksAreNot() {
        let stream = Array("/P << /MCID 0 >> BDC\nBT (/X << /MCID 9 >> BDC) Tj ET\nEMC\n/Private << /MCID 12 >> BDC\n<3c3c> Tj\nEMC".utf8)
        let marks = MarkedContent.marks(in: stream)
        #expect(marks.map(\.tag) == ["P", "Private"])
        #expect(marks.map(\.identifier) == [0, 12])
        let rewritten = MarkedContent.rewrite(stream, marks: marks) { $0.tag == "Private" ? "/Artifact BMC" : "/P << /MCID 5 >> BDC" }
        #expect(String(decoding: rewritten, as: UTF8.self)
            == "/P << /MCID 5 >> BDC\nBT (/X << /MCID 9 >> BDC) Tj ET\nEMC\n/Artifact BMC\n<3c3c> Tj\nEMC")
    }

    @Test func inlineImageDataIsSkipped() {
        let stream = Array("BI /W 1 /H 1 ID << /MCID 3 >> BDC EI\n/Span << /MCID 1 >> BDC".utf8)
        #expect(MarkedContent.marks(in: stream).map(\.identifier) == [1])
    }

    private func node(_ type: String, _ kids: [StructureKid]) -> StructureNode {
        let node = StructureNode(type: type)
        node.kids = kids
        return node
    }

    @Test func artifactsAreRemovedAndContinuationsJoined() throws {
        // Document > P(page 0) Private(page 0) P(page 1, continues) L > LI > LBody, LI(continues) > LBody(continues)
        let tree = node("Document", [
            .element(node("P", [.content(page: 0, identifier: 0)])),
            .element(node("Private", [.content(page: 0, identifier: 1)])),
            .element(node("P", [.content(page: 1, identifier: 0)])),
            .element(node("L", [
                .element(node("LI", [.element(node("LBody", [.content(page: 1, identifier: 1)]))])),
                .element(node("Private", [.content(page: 1, identifier: 2)])),
                .element(node("LI", [.element(node("LBody", [.content(page: 2, identifier: 0)]))])),
            ])),
        ])
        let notes: [PDFFinisher.ElementNote] = [
            .init(), .init(), .init(continues: true), .init(), .init(), .init(), .init(continues: true), .init(continues: true),
        ]
        let (elements, artifacts) = try #require(StructureTree.reshape([tree], notes: notes, artifactType: "Private"))
        #expect(artifacts == [PageContent(page: 0, identifier: 1), PageContent(page: 1, identifier: 2)])
        let document = try #require(elements.first)
        #expect(document.kids.count == 2)
        guard case .element(let paragraph) = document.kids[0], case .element(let list) = document.kids[1] else {
            Issue.record("expected a paragraph and a list")
            return
        }
        #expect(paragraph.kids.count == 2)
        #expect(list.kids.count == 1)
        guard case .element(let item) = list.kids[0], case .element(let body) = item.kids[0] else {
            Issue.record("expected a list item with a body")
            return
        }
        #expect(body.kids.count == 2)
        // Notes that do not match the tree are refused.
        #expect(StructureTree.reshape([tree], notes: Array(notes.dropLast()), artifactType: "Private") == nil)
    }
}
