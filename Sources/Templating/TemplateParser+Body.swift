import DocumentModel
import Foundation

extension TemplateParser {
    /// What a node list may hold.
    enum Context: String {
        case blocks, inlines, items, rows, cells, lines

        /// Where such content goes, for messages.
        var place: String {
            switch self {
            case .blocks: return "the body, among blocks"
            case .inlines: return "running text"
            case .items: return "a <ul> or <ol>, which holds <li>s"
            case .rows: return "a <table>, which holds <tr>s"
            case .cells: return "a <tr>, which holds <td>s and <th>s"
            case .lines: return "a letterhead, signature or caption part, which holds <line>s"
            }
        }
    }

    private static let blockElements: Set<String> = [
        "h1", "h2", "h3", "p", "numbered", "paragraphs", "quote", "ul", "ol", "table", "letterhead", "caption",
        "signature", "page-break", "include",
    ]
    private static let inlineElements: Set<String> = ["value", "b", "i", "u", "br", "ref", "agree"]

    /// Parses the children of `element` as content of the given context.
    mutating func parseNodes(_ element: XMLElement, context: Context) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        for child in element.children {
            switch child {
            case .text(let text, let line):
                if context == .inlines {
                    let collapsed = Self.collapseWhitespace(text)
                    if !collapsed.isEmpty { nodes.append(.text(LegalSpacing.bind(collapsed))) }
                } else if !text.allSatisfy(\.isWhitespace) {
                    report(.misplacedElement, "text cannot stand directly in \(context.place); put it in " + (context == .blocks ? "a <p>" : "the right element"), line: line)
                }
            case .element(let inner):
                guard checkNamespace(inner) else { continue }
                if let node = parseNode(inner, context: context) { nodes.append(node) }
            }
        }
        return nodes
    }

    /// Runs of white space as one space, as in HTML.
    static func collapseWhitespace(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    private func alignment(_ element: XMLElement, default value: Alignment) -> Alignment? {
        guard let text = element.attribute("align") else { return value }
        return Alignment(rawValue: text)
    }

    private mutating func parseNode(_ element: XMLElement, context: Context) -> TemplateNode? {
        let name = element.name
        let line = element.line
        // Control works in every context and keeps it.
        switch name {
        case "if": return parseIf(element, context: context)
        case "choose": return parseChoose(element, context: context)
        case "for": return parseFor(element, context: context)
        case "block" where context == .blocks: return parseBlock(element, context: .blocks)
        default: break
        }
        let allowedHere: Bool
        switch context {
        case .blocks: allowedHere = Self.blockElements.contains(name)
        case .inlines: allowedHere = Self.inlineElements.contains(name)
        case .items: allowedHere = name == "li"
        case .rows: allowedHere = name == "tr"
        case .cells: allowedHere = name == "td" || name == "th"
        case .lines: allowedHere = name == "line"
        }
        guard allowedHere else {
            let known = Self.blockElements.union(Self.inlineElements).union(
                ["li", "tr", "td", "th", "line", "if", "else", "choose", "when", "otherwise", "for", "block"])
            if known.contains(name) {
                report(.misplacedElement, "<\(name)> cannot appear in \(context.place)", line: line)
            } else {
                report(.unknownElement, "<\(name)> is not an element of the template vocabulary (see docs/TEMPLATES.md)", line: line)
            }
            return nil
        }
        switch name {
        case "h1", "h2", "h3":
            check(element, allowed: ["align"])
            guard let align = alignment(element, default: .left) else { return invalidAlignment(element) }
            return .heading(level: Int(String(name.last!))!, alignment: align, parseNodes(element, context: .inlines))
        case "p":
            check(element, allowed: ["align"])
            guard let align = alignment(element, default: .left) else { return invalidAlignment(element) }
            return .paragraph(alignment: align, parseNodes(element, context: .inlines))
        case "numbered":
            check(element, allowed: ["id"])
            return .numbered(id: parseID(element), parseNodes(element, context: .inlines))
        case "paragraphs":
            check(element, allowed: ["of", "numbered", "id"])
            guard let value = parseValueNode(element, attribute: "of") else { return nil }
            return .narrative(value, numbered: bool(element, "numbered"), id: parseID(element))
        case "quote":
            check(element, allowed: [])
            return .quote(parseNodes(element, context: .inlines))
        case "ul", "ol":
            check(element, allowed: [])
            return .list(ordered: name == "ol", items: parseNodes(element, context: .items))
        case "li", "td", "th", "line":
            check(element, allowed: [])
            let content = parseNodes(element, context: .inlines)
            return name == "li" ? .item(content) : (name == "line" ? .line(content) : .cell(content))
        case "table":
            check(element, allowed: [])
            return .table(rows: parseNodes(element, context: .rows))
        case "tr":
            check(element, allowed: ["header"])
            return .row(header: bool(element, "header"), cells: parseNodes(element, context: .cells))
        case "letterhead", "signature":
            check(element, allowed: [])
            let lines = parseNodes(element, context: .lines)
            return name == "letterhead" ? .letterhead(lines: lines) : .signature(lines: lines)
        case "caption":
            return parseCaption(element)
        case "page-break":
            check(element, allowed: [])
            return .pageBreak
        case "include":
            check(element, allowed: ["template"])
            guard let target = required(element, "template") else { return nil }
            return .include(template: target, location: TemplateLocation(file: file, line: line))
        case "value":
            check(element, allowed: ["of", "format", "case", "empty"])
            return parseValueNode(element, attribute: "of").map(TemplateNode.value)
        case "b", "i", "u":
            check(element, allowed: [])
            let style: InlineStyle = name == "b" ? .bold : (name == "i" ? .italic : .underline)
            return .styled(style, parseNodes(element, context: .inlines))
        case "br":
            check(element, allowed: [])
            return .lineBreak
        case "ref":
            check(element, allowed: ["to", "in", "exhibit"])
            let location = TemplateLocation(file: file, line: line)
            if let exhibit = element.attribute("exhibit") {
                guard element.attribute("to") == nil, element.attribute("in") == nil else {
                    report(.invalidAttribute, "<ref> cites either paragraphs (to, in) or exhibits (exhibit), not both", line: line)
                    return nil
                }
                return expression(exhibit, in: element, attribute: "exhibit").map { .exhibitCitation(of: $0, location: location) }
            }
            guard let target = required(element, "to") else { return nil }
            return .reference(target: target, document: element.attribute("in"), location: location)
        case "agree":
            check(element, allowed: ["with", "singular", "plural"])
            guard let with = required(element, "with"), let singular = required(element, "singular"),
                let plural = required(element, "plural"), let expression = expression(with, in: element, attribute: "with")
            else { return nil }
            return .agree(with: expression, singular: singular, plural: plural, location: TemplateLocation(file: file, line: line))
        default:
            return nil
        }
    }

    private mutating func invalidAlignment(_ element: XMLElement) -> TemplateNode? {
        report(.invalidAttribute, "align=\"\(element.attribute("align") ?? "")\" must be left, center, right or justify", line: element.line)
        return nil
    }

    private mutating func parseID(_ element: XMLElement) -> String? {
        guard let id = element.attribute("id") else { return nil }
        if id.isEmpty || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            report(.invalidAttribute, "id=\"\(id)\" may hold only letters, digits, - and _", line: element.line)
        }
        return id
    }

    mutating func parseValueNode(_ element: XMLElement, attribute: String) -> ValueNode? {
        guard let source = required(element, attribute),
            let expression = expression(source, in: element, attribute: attribute)
        else { return nil }
        let letterCase = element.attribute("case")
        if let letterCase, letterCase != "upper", letterCase != "lower" {
            report(.invalidAttribute, "case=\"\(letterCase)\" must be upper or lower", line: element.line)
        }
        return ValueNode(
            expression: expression, source: source, format: element.attribute("format"), letterCase: letterCase,
            fallback: element.attribute("empty"), location: TemplateLocation(file: file, line: element.line))
    }

    private mutating func parseCaption(_ element: XMLElement) -> TemplateNode {
        check(element, allowed: [])
        var parts: [String: [TemplateNode]] = [:]
        for part in ownElements(of: element) {
            guard ["court", "parties", "case-info", "title"].contains(part.name) else {
                report(.misplacedElement, "<\(part.name)> cannot appear in <caption>; it holds <court>, <parties>, <case-info> and <title>", line: part.line)
                continue
            }
            check(part, allowed: [])
            if parts[part.name] != nil {
                report(.misplacedElement, "<caption> may have only one <\(part.name)>", line: part.line)
            }
            parts[part.name] = parseNodes(part, context: .lines)
        }
        return .caption(
            court: parts["court"] ?? [], parties: parts["parties"] ?? [], caseInfo: parts["case-info"] ?? [],
            title: parts["title"] ?? [])
    }

    private mutating func parseIf(_ element: XMLElement, context: Context) -> TemplateNode? {
        check(element, allowed: ["test"])
        guard let source = required(element, "test"), let test = expression(source, in: element, attribute: "test") else {
            return nil
        }
        // An <else> child, if any, must come last.
        var thenElement = element
        var elseNodes: [TemplateNode] = []
        if let elseIndex = element.children.lastIndex(where: {
            if case .element(let e) = $0, e.name == "else", e.namespace == TemplateParser.namespace { return true }
            return false
        }) {
            guard case .element(let elseElement) = element.children[elseIndex] else { return nil }
            check(elseElement, allowed: [])
            elseNodes = parseNodes(elseElement, context: context)
            let trailing = element.children[(elseIndex + 1)...]
            if trailing.contains(where: { if case .element = $0 { return true }; if case .text(let t, _) = $0 { return !t.allSatisfy(\.isWhitespace) }; return false }) {
                report(.misplacedElement, "<else> must be the last thing in its <if>", line: elseElement.line)
            }
            thenElement.children = Array(element.children[..<elseIndex])
        }
        return .if(test: test, then: parseNodes(thenElement, context: context), else: elseNodes,
            location: TemplateLocation(file: file, line: element.line))
    }

    private mutating func parseChoose(_ element: XMLElement, context: Context) -> TemplateNode? {
        check(element, allowed: [])
        var whens: [TemplateNode.When] = []
        var otherwise: [TemplateNode] = []
        var sawOtherwise = false
        for child in element.children {
            switch child {
            case .text(let text, let line) where !text.allSatisfy(\.isWhitespace):
                report(.misplacedElement, "text cannot stand directly in <choose>; put it in a <when> or <otherwise>", line: line)
            case .element(let inner):
                guard checkNamespace(inner) else { continue }
                if inner.name == "when" {
                    check(inner, allowed: ["test"])
                    if let source = required(inner, "test"), let test = expression(source, in: inner, attribute: "test") {
                        whens.append(TemplateNode.When(test: test, body: parseNodes(inner, context: context),
                            location: TemplateLocation(file: file, line: inner.line)))
                    }
                } else if inner.name == "otherwise" {
                    check(inner, allowed: [])
                    if sawOtherwise { report(.misplacedElement, "<choose> may have only one <otherwise>", line: inner.line) }
                    sawOtherwise = true
                    otherwise = parseNodes(inner, context: context)
                } else {
                    report(.misplacedElement, "<\(inner.name)> cannot appear in <choose>; it holds <when test=\"…\"> and one <otherwise>", line: inner.line)
                }
            default: continue
            }
        }
        if whens.isEmpty { report(.missingAttribute, "<choose> needs at least one <when>", line: element.line) }
        return .choose(whens: whens, otherwise: otherwise)
    }

    private mutating func parseFor(_ element: XMLElement, context: Context) -> TemplateNode? {
        check(element, allowed: ["each", "in", "join"])
        guard let variable = required(element, "each"), let source = required(element, "in"),
            let list = expression(source, in: element, attribute: "in")
        else { return nil }
        if !Self.isUsableName(variable) {
            report(.invalidAttribute, "each=\"\(variable)\" must be a simple name: letters, digits and _, not starting with a digit, and not a reserved word (loop, and, or, not, true, false, null)", line: element.line)
        }
        var join: ListJoiner.Conjunction?
        if let joinText = element.attribute("join") {
            join = ListJoiner.Conjunction(rawValue: joinText)
            if join == nil || context != .inlines {
                report(.invalidAttribute, "join=\"\(joinText)\" must be 'and' or 'or', and only joins repetitions inside running text", line: element.line)
            }
        }
        return .for(variable: variable, list: list, join: join, body: parseNodes(element, context: context),
            location: TemplateLocation(file: file, line: element.line))
    }

    /// A `<block name="…">` (template inheritance).
    mutating func parseBlock(_ element: XMLElement, context: Context) -> TemplateNode {
        check(element, allowed: ["name"])
        let name = required(element, "name") ?? ""
        return .block(name: name, parseNodes(element, context: context))
    }
}
