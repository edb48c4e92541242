import DocumentModel

/// A node of a template's body.
///
/// Block nodes make blocks, inline nodes make text inside a block, and control nodes (`if`,
/// `choose`, `for`) repeat or choose among nodes of either kind.
public indirect enum TemplateNode: Sendable, Equatable {
    // Inline content
    case text(String)
    case value(ValueNode)
    case styled(InlineStyle, [TemplateNode])
    case lineBreak
    /// A citation of numbered paragraphs by id: "¶ 12" or "¶¶ 12–15". `document` names another
    /// document of a packet ("Decl. ¶¶ 12–15"); nil cites this document's own paragraphs.
    case reference(target: String, document: String?, location: TemplateLocation)
    /// A citation of a packet's exhibits by their ids ("Ex. C", "Exs. C–E"); `of` gives an id or a
    /// list of ids.
    case exhibitCitation(of: Expression, location: TemplateLocation)
    /// A verb that agrees with the pronouns field: singular with she/he, plural with they.
    case agree(with: Expression, singular: String, plural: String, location: TemplateLocation)

    // Blocks
    case heading(level: Int, alignment: Alignment, [TemplateNode])
    case paragraph(alignment: Alignment, [TemplateNode])
    case numbered(id: String?, [TemplateNode])
    /// Each paragraph of a `paragraphs` field as its own paragraph (numbered, if asked).
    case narrative(ValueNode, numbered: Bool, id: String?)
    case quote([TemplateNode])
    case list(ordered: Bool, items: [TemplateNode])
    case item([TemplateNode])
    case table(rows: [TemplateNode])
    case row(header: Bool, cells: [TemplateNode])
    case cell([TemplateNode])
    case letterhead(lines: [TemplateNode])
    case caption(court: [TemplateNode], parties: [TemplateNode], caseInfo: [TemplateNode], title: [TemplateNode])
    case signature(lines: [TemplateNode])
    /// One line of a letterhead, signature or caption part.
    case line([TemplateNode])
    case pageBreak

    // Control
    case `if`(test: Expression, then: [TemplateNode], else: [TemplateNode], location: TemplateLocation)
    case choose(whens: [When], otherwise: [TemplateNode])
    /// Repeats `body` for each item of a list; `join` joins inline repetitions with commas and
    /// "and" or "or" (serial comma).
    case `for`(variable: String, list: Expression, join: ListJoiner.Conjunction?, body: [TemplateNode], location: TemplateLocation)
    /// Another template's body, resolved when the library loads templates.
    case include(template: String, location: TemplateLocation)
    /// A named, overridable part of the body (template inheritance).
    case block(name: String, [TemplateNode])

    /// One branch of a `choose`.
    public struct When: Sendable, Equatable {
        public var test: Expression
        public var body: [TemplateNode]
        public var location: TemplateLocation
    }
}

/// A `value` element: an expression and how to format its result.
public struct ValueNode: Sendable, Equatable {
    public var expression: Expression
    /// The expression's source text.
    public var source: String
    /// A format name, e.g. `long-date`, `form-date`, `money`, `number-words`, `object`.
    public var format: String?
    /// `upper` or `lower`.
    public var letterCase: String?
    /// Text shown when the value is empty.
    public var fallback: String?
    public var location: TemplateLocation
    /// The declaration of the field the expression reads, when it is a plain path
    /// (filled in when the template is bound to its fields).
    public var field: FieldDeclaration?
    /// Whether the expression reads any sensitive field (filled in when bound).
    public var sensitive: Bool = false
}
