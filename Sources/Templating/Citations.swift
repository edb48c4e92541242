import DocumentModel

/// What a document of a packet can cite beyond its own paragraphs: the numbered paragraphs of
/// the packet's other documents, and the exhibits by letter. The packet builds it after
/// evaluating the documents cited, and hands it to the evaluator of the documents that cite them.
public struct CitationContext: Sendable, Equatable {
    /// A document of the packet as others cite it.
    public struct CitedDocument: Sendable, Equatable {
        /// How citations name it, e.g. "Decl." in "Decl. ¶¶ 12–15".
        public var abbreviation: String
        /// Its paragraph numbers by the id the template gave the paragraphs.
        public var paragraphs: [String: [Int]]

        public init(abbreviation: String, paragraphs: [String: [Int]]) {
            self.abbreviation = abbreviation
            self.paragraphs = paragraphs
        }
    }

    /// The packet's documents by name (the `name` the packet definition gives them).
    public var documents: [String: CitedDocument]
    /// Each exhibit's place in the packet by its id (0 is exhibit A).
    public var exhibitPositions: [String: Int]

    public init(documents: [String: CitedDocument] = [:], exhibits: [String] = []) {
        self.documents = documents
        exhibitPositions = Dictionary(exhibits.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A citation in a packet document that points at nothing: reported before anything is written.
public struct CitationProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `<ref to="id" in="document">` where that document has no paragraph with the id for
        /// this case (all were left out), or the packet has no such document.
        case paragraphs(document: String, id: String)
        /// An exhibit id that no exhibit of the packet has.
        case exhibit(id: String)
    }

    public var kind: Kind
    /// The `<ref>` in the template.
    public var location: TemplateLocation
}

/// How citations read.
public enum Citations {
    /// "¶ 12", "¶¶ 12–15", or "¶¶ 3, 5, and 9"; nil for no paragraphs. The space after the sign
    /// is a no-break space (`LegalSpacing`), as in every citation Engross writes.
    public static func paragraphs(_ numbers: [Int]) -> String? {
        paragraphCitation(numbers)?.text
    }

    /// The citation of `paragraphs(_:)` and the numbers its text shows, in order: "¶¶ 12–15"
    /// shows 12 and 15, "¶¶ 3, 5, and 9" all three. A writer that can make a number follow its
    /// paragraph (DOCX) needs to know which numbers stand in the text.
    public static func paragraphCitation(_ numbers: [Int]) -> (text: String, shown: [Int])? {
        guard !numbers.isEmpty else { return nil }
        if numbers.count == 1 { return ("¶\u{00A0}\(numbers[0])", numbers) }
        let (text, shown) = ranges(numbers.map { ($0, String($0)) }, shortestRange: 2)
        return ("¶¶\u{00A0}" + text, shown.map { numbers[$0] })
    }

    /// The paragraph ids a `<ref to>` names: one, or several separated by spaces
    /// (`to="recruitment trafficking"`), cited together as one run of numbers ("¶¶ 5–7").
    public static func ids(in target: String) -> [String] {
        target.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    /// The numbers of the paragraphs with any of `ids`, in order, each once.
    public static func numbers(of ids: [String], in paragraphs: [String: [Int]]) -> [Int] {
        ids.count == 1 ? paragraphs[ids[0]] ?? [] : Array(Set(ids.flatMap { paragraphs[$0] ?? [] })).sorted()
    }

    /// "Ex. C", "Exs. C and D", "Exs. C–E", "Exs. A, C, and F" for exhibits given as (position in
    /// the packet, letter); nil for none.
    public static func exhibits(_ exhibits: [(position: Int, letter: String)]) -> String? {
        let sorted = Dictionary(exhibits.map { ($0.position, $0.letter) }, uniquingKeysWith: { first, _ in first })
            .sorted { $0.key < $1.key }
        guard !sorted.isEmpty else { return nil }
        if sorted.count == 1 { return "Ex.\u{00A0}\(sorted[0].value)" }
        return "Exs.\u{00A0}" + ranges(sorted.map { ($0.key, $0.value) }, shortestRange: 3).text
    }

    /// Items that all follow one another, `shortestRange` or more of them, written "first–last";
    /// others joined with "and". Items are (position, label), in order; `shown` are the indexes
    /// of the items whose labels the text holds, in order.
    private static func ranges(_ items: [(Int, String)], shortestRange: Int) -> (text: String, shown: [Int]) {
        let contiguous = zip(items, items.dropFirst()).allSatisfy { $1.0 == $0.0 + 1 }
        if contiguous && items.count >= shortestRange {
            return ("\(items[0].1)–\(items[items.count - 1].1)", [0, items.count - 1])
        }
        return (ListJoiner.join(items.map(\.1)), Array(items.indices))
    }

    /// The letter of the exhibit at `index`: A … Z, then AA, AB, …
    public static func exhibitLetter(_ index: Int) -> String {
        var number = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + number % 26))) + letters
            number = number / 26 - 1
        } while number >= 0
        return letters
    }
}
