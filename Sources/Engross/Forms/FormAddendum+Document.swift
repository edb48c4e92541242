import DocumentModel
import Templating

/// A value that did not fit its box and continues on the addendum page.
struct ContinuedValue: Sendable, Equatable {
    /// The page of the blank the box is on (1-based), if known.
    var page: Int?
    var part: String?
    var item: String?
    /// The whole value.
    var text: String
}

extension FormAddendum {
    /// The continuation pages as a document for the PDF writer: "Part 8. Additional
    /// Information", the heading lines (name, A-number, as the form asks at the top of that part),
    /// then, for each value that did not fit, "Page Number 2 · Part Number 3 · Item Number 4" and
    /// the whole value, its lines kept.
    /// Its metadata are the template's (title, marking), never a case value.
    func document(lines: [FormContent.Line], continued: [ContinuedValue], template: Template, date: String) -> Document {
        let heading = "Part \(part). \(self.title)"
        // Level 2: the PDF writer sets level 1 in capitals, and the form prints "Part 8." as it is.
        var blocks: [Block] = [.heading(level: 2, content: [.text(heading)], alignment: .left)]
        for line in lines {
            blocks.append(.paragraph(content: [.styled(.bold, [.text(line.label + ":")]), .text(" " + line.text)], alignment: .left))
        }
        for value in continued {
            let place = [value.page.map { "Page Number \($0)" }, value.part.map { "Part Number \($0)" }, value.item.map { "Item Number \($0)" }]
                .compactMap { $0 }.joined(separator: " · ")
            blocks.append(.paragraph(content: [.styled(.bold, [.text(place)])], alignment: .left))
            var content: [Inline] = []
            for (index, line) in value.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { content.append(.lineBreak) }
                content.append(.text(String(line)))
            }
            blocks.append(.paragraph(content: content, alignment: .left))
        }
        var page = PageSetup()
        page.fontFamily = "Liberation Sans"
        page.fontSize = 11
        return Document(
            metadata: Metadata(
                title: "\(template.meta.title): \(heading)", templateID: template.id, templateVersion: template.version,
                kind: template.kind, authority: template.meta.authority, marking: template.meta.marking, date: date),
            page: page, blocks: blocks)
    }
}
