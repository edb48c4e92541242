/// A finished document, independent of any output format.
///
/// The evaluator builds it from a template and a case file; writers turn it into text, Markdown,
/// HTML and the other formats. Writers know nothing of templates or case files.
public struct Document: Sendable, Equatable {
    /// Title, template identity and other properties that output formats may record.
    /// Never holds a value from the case file.
    public var metadata: Metadata
    /// Paper size, margins and type.
    public var page: PageSetup
    /// The body, in reading order.
    public var blocks: [Block]
    /// The numbers of the numbered paragraphs, by the id the template gave them, so that other
    /// documents of a packet can cite them.
    public var paragraphIDs: [String: [Int]]

    public init(metadata: Metadata, page: PageSetup = PageSetup(), blocks: [Block], paragraphIDs: [String: [Int]] = [:]) {
        self.metadata = metadata
        self.page = page
        self.blocks = blocks
        self.paragraphIDs = paragraphIDs
    }
}

/// Properties of a document taken from its template, never from case data.
public struct Metadata: Sendable, Equatable {
    /// The template's title, e.g. "Letter in support of a T or U visa application".
    public var title: String
    /// The template id, e.g. `letters/support`.
    public var templateID: String
    /// The template's version, e.g. `1.0.0`.
    public var templateVersion: String
    /// The template's kind, e.g. `letter`, `declaration`, `petition`.
    public var kind: String
    /// The legal authority the template cites, e.g. "8 C.F.R. § 214.204".
    public var authority: String?
    /// A marking to print on every page, e.g. "CONFIDENTIAL — 8 U.S.C. § 1367".
    public var marking: String?
    /// The date the document was made (yyyy-mm-dd): the run's "today", which
    /// SOURCE_DATE_EPOCH fixes for reproducible output.
    public var date: String?
    /// The language the document is written in (BCP 47), which screen readers read it in.
    public var language: String

    public init(
        title: String, templateID: String, templateVersion: String, kind: String,
        authority: String? = nil, marking: String? = nil, date: String? = nil, language: String = "en-US"
    ) {
        self.language = language
        self.title = title
        self.templateID = templateID
        self.templateVersion = templateVersion
        self.kind = kind
        self.authority = authority
        self.marking = marking
        self.date = date
    }
}

extension Document {
    /// The bytes (UTF-8) of all the document's text: what a writer has to set.
    public var textByteCount: Int {
        var count = 0
        for block in blocks {
            _ = block.mapInlineRuns { run in
                count += run.plainText.utf8.count
                return run
            }
        }
        return count
    }
}
