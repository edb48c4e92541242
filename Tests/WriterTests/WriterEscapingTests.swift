import DocumentModel
import Testing
import WriterHTML
import WriterMarkdown
import WriterText

/// Values from a case file that try to become syntax, controls or spoofed text in each format.
@Suite("Writers: control characters, overrides and line starts in values")
struct WriterEscapingTests {
    /// A newline then "---" (a Markdown heading underline or rule), a heading, a list item and
    /// indented code at line starts; ESC colours, a bell, a form feed (a line break, as Word
    /// pastes it), C1 and bidi overrides.
    let hostile = "Jane\n---\n# Heading\n   - item\n        code\n1. one\n===\n\u{1B}[31mred\u{07}\u{0C}\u{9B}[0m exe.\u{202E}txt\u{202C} \u{2067}x\u{2069}"
    /// What must survive: a no-break space after § and ¶, Arabic, Hebrew and right-to-left marks.
    let kept = "§\u{00A0}1367, ¶\u{00A0}12: أميرة متحال\u{200F} שלום"

    private var document: Document {
        let values: [Inline] = [.text("Name: "), .sensitive(hostile, redaction: "J. D."), .text(" / "), .sensitive(kept, redaction: "A. M.")]
        return Document(
            metadata: Metadata(title: "T", templateID: "t/t", templateVersion: "1", kind: "letter", marking: "M\u{1B}[0m"),
            blocks: [
                .paragraph(content: values, alignment: .left),
                .numbered(number: 1, content: values),
                .quote(content: values),
                .list(ordered: false, items: [values]),
                .letterhead(lines: [values]),
                .signature(lines: [values]),
                .heading(level: 1, content: values, alignment: .left),
            ])
    }

    private let forbidden: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{0C}", "\u{9B}", "\u{202E}", "\u{202C}", "\u{2067}", "\u{2069}"]

    @Test func textDropsControlsAndOverridesAndKeepsLetters() {
        let text = TextWriter().render(document)
        for scalar in forbidden { #expect(!text.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16))") }
        #expect(text.contains("[31mred\n[0m exe.txt x"))
        #expect(text.contains(kept))
        #expect(text.contains("Jane\n---\n# Heading"))  // plain text has no syntax: the lines stay as written
    }

    @Test func htmlDropsControlsAndOverridesAndKeepsLetters() {
        let html = HTMLWriter().render(document)
        for scalar in forbidden { #expect(!html.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16))") }
        #expect(html.contains("[31mred\n[0m exe.txt x"))
        #expect(html.contains(kept))
        #expect(html.contains("<p class=\"marking\">M[0m</p>"))
    }

    @Test func markdownNeverLetsAValueStartABlock() {
        let markdown = MarkdownWriter().render(document)
        for scalar in forbidden { #expect(!markdown.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16))") }
        #expect(markdown.contains(kept))
        // Each line of the value is a hard line break, its start escaped.
        #expect(markdown.contains("\nName: Jane\\\n\\---\\\n\\# Heading\\\n\\- item\\\ncode\\\n1\\. one\\\n\\===\\\n\\[31mred\\\n\\[0m exe.txt x"))
        #expect(markdown.contains("\n- Name: Jane\\\n   \\---\\\n"))
        #expect(markdown.contains("\n> Name: Jane\\\n> \\---\\\n"))
        // No line of the document starts a block the writer did not make.
        for line in markdown.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            #expect(!trimmed.hasPrefix("---") && !trimmed.hasPrefix("===") && !trimmed.hasPrefix("- item") && !trimmed.hasPrefix("1. one")
                && !trimmed.hasPrefix("# Heading") && !line.hasPrefix("    code"), "\(line)")
        }
        // A heading stays on one line.
        #expect(markdown.contains("\n# Name: Jane --- # Heading "))
    }
}
