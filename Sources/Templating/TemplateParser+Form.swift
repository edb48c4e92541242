extension TemplateParser {
    /// The elements a `<form>` holds, one per field of the blank (and one `<addendum>`).
    static let formEntryElements = ["text", "check", "radio", "choice", "leave"]

    /// Parses `<form blank edition>`: the fields of the blank and what fills them.
    mutating func parseForm(_ element: XMLElement) -> FormMapping {
        check(element, allowed: ["blank", "edition"])
        let blank = required(element, "blank") ?? ""
        if !blank.isEmpty, !Self.isBareFileName(blank) {
            report(.invalidAttribute,
                "blank=\"\(blank)\" must be a file name in the forms folder, without '/' or '..' (e.g. blank=\"i-914.pdf\"); pass another file for one render with --blank",
                line: element.line)
        }
        let edition = required(element, "edition") ?? ""
        var addendum: FormAddendum?
        var entries: [FormEntry] = []
        var lineOfField: [String: Int] = [:]
        let holds = "<text>, <check>, <radio>, <choice>, <leave> and one <addendum>"
        for inner in elements(of: element, holds: holds) {
            if inner.name == "addendum" {
                if addendum != nil { report(.misplacedElement, "<form> may have only one <addendum>", line: inner.line) }
                addendum = parseAddendum(inner)
                continue
            }
            guard Self.formEntryElements.contains(inner.name) else { misplaced(inner, in: element, holds: holds); continue }
            guard let entry = parseFormEntry(inner) else { continue }
            if let first = lineOfField[entry.field] {
                report(.duplicateField, "the field \"\(entry.field)\" is already filled on line \(first); name each field of the blank once", line: inner.line)
            } else {
                lineOfField[entry.field] = inner.line
            }
            entries.append(entry)
        }
        return FormMapping(blank: blank, edition: edition, addendum: addendum, entries: entries, location: location(element.line))
    }

    /// Whether `name` names a file directly inside a folder, as a form's `blank` must: not empty,
    /// no `/` or `\`, not `.` or `..`, no control characters.
    public static func isBareFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\\")
            && !name.unicodeScalars.contains { $0.value < 0x20 }
    }

    private mutating func parseAddendum(_ element: XMLElement) -> FormAddendum {
        check(element, allowed: ["part", "title", "see"])
        let part = required(element, "part") ?? ""
        let title = required(element, "title") ?? ""
        let see = required(element, "see") ?? ""
        var lines: [FormAddendumLine] = []
        let holds = "<line label=\"…\" of=\"…\"/>"
        for inner in elements(of: element, holds: holds) {
            guard inner.name == "line" else { misplaced(inner, in: element, holds: holds); continue }
            check(inner, allowed: ["label", "of", "format", "case", "empty"])
            guard let label = required(inner, "label"), let content = valueOrContent(inner) else { continue }
            lines.append(FormAddendumLine(label: label, content: content, location: location(inner.line)))
        }
        return FormAddendum(part: part, title: title, see: see, lines: lines, location: location(element.line))
    }

    private mutating func parseFormEntry(_ element: XMLElement) -> FormEntry? {
        let numbering: Set<String> = ["part", "item"]
        let fill: FormEntry.Fill
        switch element.name {
        case "text":
            check(element, allowed: numbering.union(["field", "of", "format", "case", "empty"]))
            guard let content = valueOrContent(element) else { return nil }
            fill = .text(content)
        case "check":
            check(element, allowed: numbering.union(["field", "when"]))
            noContent(element)
            guard let source = required(element, "when"), let test = expression(source, in: element, attribute: "when") else { return nil }
            fill = .check(when: test, sensitive: false)
        case "radio":
            check(element, allowed: numbering.union(["field", "of"]))
            guard let value = parseValueNode(element, attribute: "of") else { return nil }
            fill = .radio(value, options: parseRadioOptions(element))
        case "choice":
            check(element, allowed: numbering.union(["field", "of", "format", "case", "empty"]))
            noContent(element)
            guard let value = parseValueNode(element, attribute: "of") else { return nil }
            fill = .choice(value)
        default:
            check(element, allowed: ["field"])
            noContent(element)
            fill = .leave
        }
        guard let field = required(element, "field") else { return nil }
        return FormEntry(field: field, fill: fill, part: element.attribute("part"), item: element.attribute("item"), location: location(element.line))
    }

    /// The running text of a `<text>` or `<line>`: its `of` (with `format`, `case`, `empty`) as one
    /// value, or its content; exactly one of the two.
    private mutating func valueOrContent(_ element: XMLElement) -> [TemplateNode]? {
        let filled = hasContent(element)
        if element.attribute("of") != nil {
            if filled {
                report(.misplacedElement, "<\(element.name)> takes its value from of=\"…\" or from its content, not both", line: element.line)
            }
            return parseValueNode(element, attribute: "of").map { [.value($0)] }
        }
        for name in ["format", "case", "empty"] where element.attribute(name) != nil {
            report(.invalidAttribute, "'\(name)' on <\(element.name)> goes with of=\"…\"; inside its content, put it on a <value>", line: element.line)
        }
        guard filled else {
            report(.missingAttribute, "<\(element.name)> needs an 'of' attribute (or running text with <value>s as its content)", line: element.line)
            return nil
        }
        return parseNodes(element, context: .inlines)
    }

    private mutating func parseRadioOptions(_ element: XMLElement) -> [FormRadioOption] {
        var options: [FormRadioOption] = []
        let holds = "<option value=\"…\" state=\"…\"/>"
        for inner in elements(of: element, holds: holds) {
            guard inner.name == "option" else { misplaced(inner, in: element, holds: holds); continue }
            check(inner, allowed: ["value", "state"])
            noContent(inner)
            // An empty value is allowed: it matches empty text.
            guard let value = inner.attribute("value") else {
                report(.missingAttribute, "<option> needs a 'value' attribute", line: inner.line)
                continue
            }
            guard let state = required(inner, "state") else { continue }
            if options.contains(where: { $0.value == value }) {
                report(.duplicateField, "<radio> has two options for value=\"\(value)\"", line: inner.line)
            }
            options.append(FormRadioOption(value: value, state: state, location: location(inner.line)))
        }
        if options.isEmpty { report(.missingAttribute, "<radio> needs an <option value=\"…\" state=\"…\"/> for each button", line: element.line) }
        return options
    }

    /// The child elements of a container of elements (`holds` says which, for the message about
    /// loose text); elements of other namespaces are reported and left out.
    private mutating func elements(of element: XMLElement, holds: String) -> [XMLElement] {
        var result: [XMLElement] = []
        for child in element.children {
            switch child {
            case .text(let text, let line) where !text.allSatisfy(\.isWhitespace):
                report(.misplacedElement, "text cannot stand directly in <\(element.name)>; it holds \(holds)", line: line)
            case .element(let inner):
                if checkNamespace(inner) { result.append(inner) }
            default:
                continue
            }
        }
        return result
    }

    /// Reports `inner` as out of place in `container`, which holds `holds`.
    private mutating func misplaced(_ inner: XMLElement, in container: XMLElement, holds: String) {
        report(.misplacedElement, "<\(inner.name)> cannot appear in <\(container.name)>; it holds \(holds)", line: inner.line)
    }

    /// Whether `element` holds an element or text other than white space.
    private func hasContent(_ element: XMLElement) -> Bool {
        element.children.contains {
            switch $0 {
            case .element: return true
            case .text(let text, _): return !text.allSatisfy(\.isWhitespace)
            }
        }
    }

    /// Reports content in an element that must be empty.
    private mutating func noContent(_ element: XMLElement) {
        if hasContent(element) { report(.misplacedElement, "<\(element.name)> is empty: write <\(element.name) …/>", line: element.line) }
    }
}
