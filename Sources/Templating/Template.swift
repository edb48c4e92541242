import DocumentModel

/// A template: metadata, page setup, the fields a case file must provide, and a body.
public struct Template: Sendable {
    /// The path under the templates folder without `.xml`, e.g. `letters/support`.
    public var id: String
    public var version: String
    /// `letter`, `declaration`, `petition`, `certificate`, `fragment`, …
    public var kind: String
    /// The file, as named in messages.
    public var file: String
    public var meta: TemplateMeta
    public var page: PageSetup
    /// Whether the file set its own page (a child template keeps its parent's otherwise).
    public var hasOwnPage: Bool
    /// The top-level fields.
    public var fields: [FieldDeclaration]
    /// Cross-field rules at the top level.
    public var rules: [RuleDeclaration]
    public var body: [TemplateNode]
    /// What a form template (`kind="form"`) fills in a blank PDF form, in place of a body; nil
    /// for every other template.
    public var form: FormMapping?
    /// The template this one extends, if any.
    public var parent: String?
    public var location: TemplateLocation

    /// The `kind` of a template that fills an official PDF form: it has a `<form>`, not a body.
    public static let formKind = "form"

    /// Whether this template fills a blank PDF form (`kind="form"`).
    public var isForm: Bool { form != nil }

    /// The top-level field called `name`.
    public func field(_ name: String) -> FieldDeclaration? { fields.first { $0.name == name } }

    /// The ids of its numbered paragraphs (`<numbered id>`, `<paragraphs id>`), which `<ref>`
    /// can cite, here or from another document of a packet.
    public var numberedIDs: Set<String> {
        var ids: Set<String> = []
        visitBody { node in
            switch node {
            case .numbered(let id?, _), .narrative(_, _, let id?): ids.insert(id)
            default: break
            }
        }
        return ids
    }

    /// Every citation of another packet document's paragraphs (`<ref to="…" in="…">`) in the body.
    public var crossReferences: [(target: String, document: String, location: TemplateLocation)] {
        var found: [(String, String, TemplateLocation)] = []
        visitBody { node in
            if case .reference(let target, let document?, let location) = node { found.append((target, document, location)) }
        }
        return found
    }

    /// Calls `visit` on every node of the body, parents before their children.
    private func visitBody(_ visit: (TemplateNode) -> Void) {
        func walk(_ nodes: [TemplateNode]) {
            for node in nodes {
                visit(node)
                _ = node.mapChildren { children in
                    walk(children)
                    return children
                }
            }
        }
        walk(body)
    }
}

/// A template's descriptive metadata.
public struct TemplateMeta: Sendable, Equatable {
    public var title: String
    public var description: String?
    /// The statute, regulation or form the document rests on.
    public var authority: String?
    /// When the legal content was last reviewed (yyyy-mm-dd).
    public var reviewed: String?
    /// A marking printed on the document, e.g. "CONFIDENTIAL".
    public var marking: String?
    /// The language the document is written in (BCP 47, e.g. `es-US`); English when nil.
    public var language: String?
}
