extension Block {
    /// Whether this block leads into `next`, so that a page must not fall between them: a paragraph
    /// (plain or numbered) that ends with a colon, followed by the list or table it introduces
    /// ("Petitioner asks the Court to order that Respondent:" and the relief asked for). Writers
    /// keep such a paragraph on the page where the list starts.
    public func leadsInto(_ next: Block) -> Bool {
        switch next {
        case .list, .table: break
        default: return false
        }
        switch self {
        case .paragraph(let content, _), .numbered(_, let content):
            return content.plainText.last(where: { !$0.isWhitespace }) == ":"
        default:
            return false
        }
    }
}
