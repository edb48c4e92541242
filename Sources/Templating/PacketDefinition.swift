import CaseData

/// A packet: the documents and exhibits that are filed together, in order, as one PDF.
///
/// Kept in the templates folder under `packets/` (`packets/t-visa.xml`), in the template
/// namespace. The case file of a packet holds each document's case data under its own key.
public struct PacketDefinition: Sendable, Equatable {
    /// One generated document of the packet.
    public struct DocumentEntry: Sendable, Equatable {
        /// The name other documents cite it by (`<ref in="declaration" …>`), and the stem of its
        /// file names.
        public var name: String
        /// The template that makes it.
        public var template: String
        /// Where its case data sits in the packet's case file: an object (one document), or with
        /// `each`, a list (one document per item).
        public var data: FieldPath?
        /// Whether `data` is a list with one document per item.
        public var each: Bool
        /// A condition on the packet's case file; the document is left out when it is false.
        public var when: Expression?
        /// How citations name it, e.g. "Decl.".
        public var citeAs: String?
        public var location: TemplateLocation
    }

    /// An entry of the packet, in order.
    public enum Entry: Sendable, Equatable {
        case document(DocumentEntry)
        /// The index of exhibits, made by `template` from the exhibit list.
        case exhibitIndex(template: String, location: TemplateLocation)
        /// The exhibits themselves, each after a cover page made by `cover`.
        case exhibits(cover: String, location: TemplateLocation)
    }

    public var id: String
    public var version: String
    public var title: String
    public var authority: String?
    /// Where the exhibit list sits in the case file (`exhibits` by default).
    public var exhibitList: FieldPath
    public var entries: [Entry]
    public var file: String

    /// The packet's generated documents.
    public var documents: [DocumentEntry] {
        entries.compactMap { if case .document(let entry) = $0 { return entry } else { return nil } }
    }

    /// Every template the packet uses.
    public var templateIDs: [String] {
        entries.map { entry in
            switch entry {
            case .document(let document): return document.template
            case .exhibitIndex(let template, _), .exhibits(let template, _): return template
            }
        }
    }
}
