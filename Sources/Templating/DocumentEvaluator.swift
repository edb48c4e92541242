import CaseData
import DocumentModel
import Foundation

/// Evaluates a loaded template against a (validated) case file into a `Document`.
///
/// Knows nothing of output formats. Text from sensitive fields is marked as such, so that
/// redaction can remove it before any writer sees it.
public struct DocumentEvaluator: Sendable {
    public let template: Template
    /// The date `today()` returns.
    public let today: CivilDate

    public init(template: Template, today: CivilDate) {
        self.template = template
        self.today = today
    }

    /// The document for `root`. Defaults are applied first; run `CaseValidator` before this, since
    /// missing or malformed values are simply left out here.
    public func evaluate(_ root: CaseValue) -> Document {
        evaluate(root, citations: nil).document
    }

    /// The document for `root` as part of a packet: `<ref in="…">` and `<ref exhibit="…">` are
    /// resolved against `citations`, and citations that point at nothing are returned as problems
    /// (they read "[not included]" in the document). Without a context (a document rendered on
    /// its own), such citations read as placeholders and are not problems.
    public func evaluate(_ root: CaseValue, citations: CitationContext?) -> (document: Document, problems: [CitationProblem]) {
        var run = Run(expressions: ExpressionEvaluator(today: today), citations: citations)
        var blocks: [Block] = []
        run.blocks(template.body, scope(for: root), into: &blocks)
        if run.references { blocks = run.resolveReferences(blocks) }
        let meta = template.meta
        let document = Document(
            metadata: Metadata(title: meta.title, templateID: template.id, templateVersion: template.version,
                kind: template.kind, authority: meta.authority, marking: meta.marking, date: today.description,
                language: meta.language ?? "en-US"),
            page: template.page, blocks: blocks, paragraphIDs: run.numbers)
        return (document, run.problems)
    }

    /// The scope expressions see for a case file: its top level, with defaults applied.
    func scope(for root: CaseValue) -> Scope {
        Scope(root: CaseDefaults.apply(template.fields, to: root).objectValue ?? CaseObject())
    }

    /// The running text that inline `nodes` make in `scope`, exactly as in a document's paragraph
    /// (sensitive values marked); for a form's text boxes.
    func inlines(_ nodes: [TemplateNode], in scope: Scope) -> [Inline] {
        var run = Run(expressions: ExpressionEvaluator(today: today), citations: nil)
        return run.inlines(nodes, scope)
    }

    private struct Run {
        let expressions: ExpressionEvaluator
        let citations: CitationContext?
        var problems: [CitationProblem] = []
        var counter = 0
        /// Paragraph numbers by id, in document order.
        var numbers: [String: [Int]] = [:]
        var references = false

        // MARK: Control

        /// Runs a control node (`if`, `choose`, `for`, `block`) by calling `body` on the nodes
        /// it selects; false when `node` is not a control node.
        mutating func control(
            _ node: TemplateNode, _ scope: Scope, body: (inout Run, [TemplateNode], Scope) -> Void
        ) -> Bool {
            switch node {
            case .if(let test, let then, let otherwise, _):
                body(&self, expressions.evaluate(test, in: scope).isTruthy ? then : otherwise, scope)
            case .choose(let whens, let otherwise):
                let chosen = whens.first { expressions.evaluate($0.test, in: scope).isTruthy }
                body(&self, chosen?.body ?? otherwise, scope)
            case .for(let variable, let list, _, let nodes, _):
                let items = self.items(list, scope)
                for (index, item) in items.enumerated() {
                    body(&self, nodes, Self.iteration(scope, variable, item, index, items.count))
                }
            case .block(_, let nodes):
                body(&self, nodes, scope)
            default:
                return false
            }
            return true
        }

        func items(_ list: Expression, _ scope: Scope) -> [CaseValue] {
            if case .list(let items) = expressions.evaluate(list, in: scope) { return items }
            return []
        }

        static func iteration(_ scope: Scope, _ variable: String, _ item: CaseValue, _ index: Int, _ count: Int) -> Scope {
            let loop = CaseValue.object([
                ("index", .number(Double(index + 1))), ("index0", .number(Double(index))),
                ("first", .bool(index == 0)), ("last", .bool(index == count - 1)), ("count", .number(Double(count))),
            ])
            return scope.binding(variable, to: item).binding("loop", to: loop)
        }

        // MARK: Blocks

        mutating func blocks(_ nodes: [TemplateNode], _ scope: Scope, into output: inout [Block]) {
            for node in nodes {
                if control(node, scope, body: { run, inner, innerScope in run.blocks(inner, innerScope, into: &output) }) {
                    continue
                }
                switch node {
                case .heading(let level, let alignment, let children):
                    let content = inlines(children, scope)
                    if !content.isEmpty { output.append(.heading(level: level, content: content, alignment: alignment)) }
                case .paragraph(let alignment, let children):
                    let content = inlines(children, scope)
                    if !content.isEmpty { output.append(.paragraph(content: content, alignment: alignment)) }
                case .numbered(let id, let children):
                    let content = inlines(children, scope)
                    if !content.isEmpty { output.append(numbered(content, id: id)) }
                case .narrative(let value, let isNumbered, let id):
                    for paragraph in paragraphs(expressions.evaluate(value.expression, in: scope)) {
                        let content = [inline(paragraph, value)]
                        output.append(isNumbered ? numbered(content, id: id) : .paragraph(content: content, alignment: .left))
                    }
                case .quote(let children):
                    let content = inlines(children, scope)
                    if !content.isEmpty { output.append(.quote(content: content)) }
                case .list(let ordered, let itemNodes):
                    let items = lines(itemNodes, scope)
                    if !items.isEmpty { output.append(.list(ordered: ordered, items: items)) }
                case .table(let rowNodes):
                    var rows: [TableRow] = []
                    tableRows(rowNodes, scope, into: &rows)
                    if !rows.isEmpty { output.append(.table(Table(rows: rows))) }
                case .letterhead(let lineNodes):
                    let content = lines(lineNodes, scope)
                    if !content.isEmpty { output.append(.letterhead(lines: content)) }
                case .signature(let lineNodes):
                    output.append(.signature(lines: lines(lineNodes, scope)))
                case .caption(let court, let parties, let caseInfo, let title):
                    output.append(.caption(CourtCaption(
                        court: lines(court, scope), parties: lines(parties, scope),
                        caseInfo: lines(caseInfo, scope), title: lines(title, scope))))
                case .pageBreak:
                    output.append(.pageBreak)
                default:
                    break  // inline nodes cannot stand here; the parser has refused them
                }
            }
        }

        mutating func numbered(_ content: [Inline], id: String?) -> Block {
            counter += 1
            if let id { numbers[id, default: []].append(counter) }
            return .numbered(number: counter, content: content)
        }

        /// The paragraphs of a narrative: a list of texts, or one text split at blank lines (a
        /// line of nothing but spaces counts as blank). Single line breaks inside a paragraph
        /// are soft wraps and become spaces. Works on UTF-8 bytes: narratives are long.
        func paragraphs(_ value: RuntimeValue) -> [String] {
            switch value {
            case .string(let text): return Self.splitParagraphs(text)
            case .list(let items): return items.compactMap(\.stringValue).flatMap { Self.splitParagraphs($0) }
            default: return []
            }
        }

        static func splitParagraphs(_ text: String) -> [String] {
            var paragraphs: [String] = []
            var current: [UInt8] = []
            var line: [UInt8] = []
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
            func endLine() {
                // Trim the line; a blank line ends the paragraph, another joins it with a space.
                var start = 0, end = line.count
                while start < end, isSpace(line[start]) { start += 1 }
                while end > start, isSpace(line[end - 1]) { end -= 1 }
                if start == end {
                    if !current.isEmpty { paragraphs.append(String(decoding: current, as: UTF8.self)) }
                    current.removeAll(keepingCapacity: true)
                } else {
                    if !current.isEmpty { current.append(0x20) }
                    current += line[start..<end]
                }
                line.removeAll(keepingCapacity: true)
            }
            for byte in text.utf8 {
                if byte == 0x0A { endLine() } else { line.append(byte) }
            }
            endLine()
            if !current.isEmpty { paragraphs.append(String(decoding: current, as: UTF8.self)) }
            return paragraphs
        }

        /// The content of `li`, `line` (and, through `tableRows`, `td`) nodes: one run of
        /// inlines each, empty ones dropped.
        mutating func lines(_ nodes: [TemplateNode], _ scope: Scope) -> [[Inline]] {
            var result: [[Inline]] = []
            for node in nodes {
                if control(node, scope, body: { run, inner, innerScope in result += run.lines(inner, innerScope) }) { continue }
                switch node {
                case .item(let children), .line(let children), .cell(let children):
                    let content = inlines(children, scope)
                    if !content.isEmpty || node.isCell { result.append(content) }
                default: break
                }
            }
            return result
        }

        mutating func tableRows(_ nodes: [TemplateNode], _ scope: Scope, into rows: inout [TableRow]) {
            for node in nodes {
                if control(node, scope, body: { run, inner, innerScope in run.tableRows(inner, innerScope, into: &rows) }) { continue }
                if case .row(let header, let cells) = node {
                    let content = lines(cells, scope)
                    if !content.isEmpty { rows.append(TableRow(isHeader: header, cells: content)) }
                }
            }
        }

        // MARK: Inlines

        mutating func inlines(_ nodes: [TemplateNode], _ scope: Scope) -> [Inline] {
            var buffer: [Inline] = []
            inlines(nodes, scope, into: &buffer)
            return InlineSpacing.normalize(buffer)
        }

        /// Evaluates inline nodes into `buffer`; `before` is the text of the same block that precedes
        /// the buffer (outside a styled run or a joined repetition), for sentence-start checks.
        mutating func inlines(_ nodes: [TemplateNode], _ scope: Scope, into buffer: inout [Inline], before: String = "") {
            for node in nodes {
                switch node {
                case .text(let text):
                    buffer.append(.text(text))
                case .value(let value):
                    // A field's value is read as the case file holds it, so that numbers keep their digits.
                    var source: CaseValue?
                    if value.field != nil, case .path(let path) = value.expression { source = expressions.caseValue(at: path, in: scope) }
                    let result = source.map(RuntimeValue.init) ?? expressions.evaluate(value.expression, in: scope)
                    guard var text = ValueFormatter.text(for: value, value: result, source: source), !text.isEmpty else { continue }
                    if value.field?.type == .pronouns, Self.atSentenceStart(before, buffer) { text = Formatters.capitalizedFirst(text) }
                    buffer.append(inline(text, value))
                case .styled(let style, let children):
                    var inner: [Inline] = []
                    inlines(children, scope, into: &inner, before: before + buffer.plainText)
                    buffer.append(.styled(style, inner))
                case .lineBreak:
                    buffer.append(.lineBreak)
                case .reference(let target, nil, _):
                    references = true
                    buffer.append(.reference(target: target, text: ""))
                case .reference(let target, let document?, let location):
                    buffer.append(.reference(target: "\(document)#\(target)", text: crossReference(target, in: document, at: location)))
                case .exhibitCitation(let of, let location):
                    if let text = exhibitCitation(expressions.evaluate(of, in: scope), at: location) {
                        buffer.append(.reference(target: "exhibits", text: text))
                    }
                case .agree(let with, let singular, let plural, _):
                    var pronouns: Pronouns?
                    switch expressions.evaluate(with, in: scope) {
                    case .string(let name): pronouns = Pronouns(.string(name))
                    case .object(let object): pronouns = Pronouns(CaseValue(.object(object)))
                    default: pronouns = nil
                    }
                    let verb = pronouns?.plural == true ? plural : singular
                    buffer.append(.text(Self.atSentenceStart(before, buffer) ? Formatters.capitalizedFirst(verb) : verb))
                case .for(let variable, let list, let join?, let body, _):
                    let items = self.items(list, scope)
                    var parts: [[Inline]] = []
                    let preceding = before + buffer.plainText
                    for (index, item) in items.enumerated() {
                        var part: [Inline] = []
                        inlines(body, Self.iteration(scope, variable, item, index, items.count), into: &part,
                            before: preceding + (parts.isEmpty ? "" : ", "))
                        part = InlineSpacing.normalize(part)
                        if !part.isEmpty { parts.append(part) }
                    }
                    for (index, part) in parts.enumerated() {
                        let separator = ListJoiner.separator(before: index, of: parts.count, join)
                        if !separator.isEmpty { buffer.append(.text(separator)) }
                        buffer += part
                    }
                default:
                    _ = control(node, scope) { run, inner, innerScope in run.inlines(inner, innerScope, into: &buffer, before: before) }
                }
            }
        }

        /// An inline for text from `value`: marked sensitive when the value reads a sensitive field.
        /// Citations in it ("Cal. Penal Code § 236") are bound with no-break spaces, as template text is.
        func inline(_ value: String, _ node: ValueNode) -> Inline {
            let text = LegalSpacing.bind(value)
            guard node.sensitive else { return .text(text) }
            return .sensitive(text, redaction: ValueFormatter.redaction(of: text, style: node.field?.redact ?? .mark))
        }

        /// Whether text added now would start a sentence: nothing before it in the block, or
        /// a full stop, question or exclamation mark (perhaps followed by a closing quote).
        static func atSentenceStart(_ before: String, _ buffer: [Inline]) -> Bool {
            // Only the end of the text decides: take it from the last inlines, and from `before`
            // only when they hold fewer than three visible characters.
            var text = ""
            var index = buffer.endIndex
            while index > buffer.startIndex, !hasVisibleCharacters(text, 3) {
                index -= 1
                text = buffer[index].plainText + text
            }
            if !hasVisibleCharacters(text, 3) { text = before + text }
            guard let last = text.last(where: { !$0.isWhitespace }) else { return true }
            if ".!?".contains(last) { return true }
            if "\"”’)".contains(last) {
                let trimmed = text.trimmingCharacters(in: .whitespaces).dropLast()
                return trimmed.last.map { ".!?".contains($0) } ?? false
            }
            return text.last == "\n"
        }

        /// Whether `text` has at least `count` characters that are not white space.
        static func hasVisibleCharacters(_ text: String, _ count: Int) -> Bool {
            var seen = 0
            for character in text where !character.isWhitespace {
                seen += 1
                if seen == count { return true }
            }
            return false
        }

        // MARK: References

        /// "¶ 12", "¶¶ 12–15", or "¶¶ 3, 5, and 9", with the paragraph numbers the text shows.
        func citation(_ target: String) -> Inline {
            guard let (text, shown) = Citations.paragraphCitation(Citations.numbers(of: Citations.ids(in: target), in: numbers)) else {
                return .reference(target: target, text: "¶\u{00A0}[not included]")
            }
            return .reference(target: target, text: text, paragraphs: shown)
        }

        /// Fills in this document's own citations, which the evaluator left empty until every
        /// paragraph had its number.
        func resolveReferences(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                block.mapInlines { inline in
                    inline.mapDeep {
                        if case .reference(let target, "", _) = $0 { return citation(target) }
                        return $0
                    }
                }
            }
        }

        /// "Decl. ¶¶ 12–15": paragraphs of another document of the packet.
        mutating func crossReference(_ target: String, in document: String, at location: TemplateLocation) -> String {
            guard let citations else { return "[\(document)\u{00A0}¶\u{00A0}—]" }
            let cited = citations.documents[document]
            let abbreviation = cited?.abbreviation ?? document
            guard let text = Citations.paragraphs(Citations.numbers(of: Citations.ids(in: target), in: cited?.paragraphs ?? [:])) else {
                problems.append(CitationProblem(kind: .paragraphs(document: document, id: target), location: location))
                return "\(abbreviation)\u{00A0}¶\u{00A0}[not included]"
            }
            return abbreviation + LegalSpacing.noBreakSpace + text
        }

        /// "Ex. C" or "Exs. C–E" for an exhibit id or a list of them; nil when there are none.
        mutating func exhibitCitation(_ value: RuntimeValue, at location: TemplateLocation) -> String? {
            let ids = Self.texts(value)
            guard !ids.isEmpty else { return nil }
            guard let citations else { return "[Ex.\u{00A0}—]" }
            var found: [(position: Int, letter: String)] = []
            for id in ids {
                if let position = citations.exhibitPositions[id] {
                    found.append((position, Citations.exhibitLetter(position)))
                } else {
                    problems.append(CitationProblem(kind: .exhibit(id: id), location: location))
                }
            }
            return Citations.exhibits(found) ?? "Ex.\u{00A0}[not included]"
        }

        /// The exhibit ids in a value: itself when it is text; its items when it is a list of texts
        /// or of groups with an `id` field.
        static func texts(_ value: RuntimeValue) -> [String] {
            switch value {
            case .string(let text): return text.isEmpty ? [] : [text]
            case .list(let items): return items.flatMap { texts(RuntimeValue($0)) }
            case .object(let object): return object["id"].map { texts(RuntimeValue($0)) } ?? []
            default: return []
            }
        }
    }
}

extension TemplateNode {
    fileprivate var isCell: Bool {
        if case .cell = self { return true }
        return false
    }
}
