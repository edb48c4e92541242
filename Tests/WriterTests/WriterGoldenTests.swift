import DocumentModel
import TestSupport
import Testing
import WriterHTML
import WriterMarkdown
import WriterText

/// A document with every kind of block and inline, and text that each format must escape.
let sampleDocument = Document(
    metadata: Metadata(title: "Sample <petition> & \"notes\"", templateID: "test/sample", templateVersion: "1.0.0",
        kind: "petition", authority: "Test", marking: "CONFIDENTIAL"),
    page: PageSetup(paper: .a4, margins: Margins(top: 72, right: 54, bottom: 72, left: 54), fontFamily: "Liberation Serif",
        fontSize: 12, lineSpacing: .double),
    blocks: [
        .letterhead(lines: [[.styled(.bold, [.text("EXAMPLE LEGAL AID")])], [.text("100 Example Avenue")]]),
        .caption(CourtCaption(
            court: [[.text("IN THE DISTRICT COURT OF EXAMPLE COUNTY")]],
            parties: [[.sensitive("Rosa Ejemplo", redaction: "R. E.")], [.text("Petitioner,")], [.text("v.")], [.text("John Roe,")], [.text("Respondent.")]],
            caseInfo: [[.text("Case No. 0000-XX-000")]],
            title: [[.text("PETITION FOR PROTECTIVE ORDER")]])),
        .heading(level: 1, content: [.text("Introduction")], alignment: .center),
        .paragraph(content: [
            .text("Text with <tags>, & ampersands, *stars*, _underscores_ and [brackets]; "),
            .styled(.bold, [.text("bold")]), .text(", "), .styled(.italic, [.text("italic")]), .text(", "),
            .styled(.underline, [.text("underlined")]), .text("."), .lineBreak, .text("A second line."),
        ], alignment: .justify),
        .numbered(number: 1, content: [.text("The first numbered paragraph, long enough that it has to wrap onto a second line in plain text output.")]),
        .numbered(number: 2, content: [.text("See "), .reference(target: "intro", text: "¶ 1"), .text(".")]),
        .paragraph(content: [.text("12. This paragraph starts with a number.")], alignment: .left),
        .quote(content: [.text("A quotation.")]),
        .list(ordered: false, items: [[.text("one")], [.text("- two")]]),
        .list(ordered: true, items: [[.text("first")], [.text("second")]]),
        .table(Table(rows: [
            TableRow(isHeader: true, cells: [[.text("Date")], [.text("What happened")]]),
            TableRow(cells: [[.text("March 4, 2025")], [.text("A | pipe")]]),
        ])),
        .heading(level: 2, content: [.text("Relief")], alignment: .left),
        .paragraph(content: [.text("Right aligned.")], alignment: .right),
        .pageBreak,
        .signature(lines: [[.text("Rosa Ejemplo")], [.text("Petitioner")]]),
    ])

@Suite("Writers against golden files")
struct WriterGoldenTests {
    @Test func plainText() throws {
        try Golden.check(TextWriter().render(sampleDocument), against: "writers/sample.txt")
    }

    @Test func markdown() throws {
        try Golden.check(MarkdownWriter().render(sampleDocument), against: "writers/sample.md")
    }

    @Test func html() throws {
        try Golden.check(HTMLWriter().render(sampleDocument), against: "writers/sample.html")
    }

    @Test func htmlEscapesEveryValue() {
        let hostile = Document(metadata: Metadata(title: "</title><script>", templateID: "t", templateVersion: "1", kind: "x"),
            blocks: [.paragraph(content: [.sensitive("<img src=x onerror=alert(1)>", redaction: "x"), .text("\"'&")], alignment: .left)])
        let html = HTMLWriter().render(hostile)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&quot;&#39;&amp;"))
        #expect(html.contains("<title>&lt;/title&gt;&lt;script&gt;</title>"))
    }

    @Test func markdownEscapesSyntax() {
        let document = Document(metadata: Metadata(title: "t", templateID: "t", templateVersion: "1", kind: "x"),
            blocks: [.paragraph(content: [.text("# not a heading *and* [no](link) <b>")], alignment: .left)])
        #expect(MarkdownWriter().render(document) == "\\# not a heading \\*and\\* \\[no\\](link) \\<b\\>\n")
    }

    @Test func redactionReachesNoWriter() {
        let redacted = sampleDocument.redacted()
        for output in [TextWriter().render(redacted), MarkdownWriter().render(redacted), HTMLWriter().render(redacted)] {
            #expect(!output.contains("Rosa Ejemplo, ") && output.contains("R. E."))
        }
    }

    @Test func textWrapsWithHangingIndent() {
        let text = TextWriter().render(sampleDocument, options: .init(width: 40))
        #expect(text.contains("1.   The first numbered paragraph, long\n     enough"))
    }
}
