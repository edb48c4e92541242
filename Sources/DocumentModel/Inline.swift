/// A piece of running text inside a block.
public indirect enum Inline: Sendable, Equatable {
    /// Text written by the template author (or computed from non-sensitive data).
    case text(String)
    /// Text that came from a sensitive field of the case file. `redaction` is what replaces it
    /// when the document is redacted.
    case sensitive(String, redaction: String)
    /// Bold, italic or underlined text.
    case styled(InlineStyle, [Inline])
    /// A citation: "¶ 12", "¶¶ 12–15", "Decl. ¶ 5" or "Ex. C". `target` is what it cites (the
    /// ids the template gave the paragraphs, `document#ids` for another document's, `exhibits`),
    /// `text` the resolved citation. `paragraphs` are the numbers of this document's own numbered
    /// paragraphs that `text` shows, in the order it shows them ("¶¶ 12–15" shows 12 and 15), so
    /// that a writer can make each a cross-reference that follows the paragraph; empty when the
    /// citation points outside the document.
    case reference(target: String, text: String, paragraphs: [Int] = [])
    /// A line break inside the block.
    case lineBreak
}

/// The styles an inline run can take.
public enum InlineStyle: String, Sendable, Equatable, CaseIterable {
    case bold, italic, underline
}

extension Inline {
    /// The text this inline shows, with line breaks as "\n".
    public var plainText: String {
        switch self {
        case .text(let text), .sensitive(let text, _), .reference(_, let text, _): return text
        case .styled(_, let children): return children.plainText
        case .lineBreak: return "\n"
        }
    }
}

extension Array where Element == Inline {
    /// The text these inlines show, joined, with line breaks as "\n".
    public var plainText: String {
        var result = ""
        for inline in self { result += inline.plainText }
        return result
    }
}
