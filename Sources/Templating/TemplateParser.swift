import Foundation
import CaseData
import DocumentModel

/// Reads a template file into a `Template` whose includes and parent are not yet resolved.
///
/// Checks the vocabulary as it goes: an unknown element or attribute in the template namespace,
/// a misplaced element or a malformed expression is an error naming the file and line.
public struct TemplateParser {
    /// The template namespace.
    public static let namespace = "urn:engross:template:1"

    let file: String
    var errors: [TemplateError] = []

    private init(file: String) { self.file = file }

    /// A parser whose helpers read a packet definition (PacketParser).
    init(packetFile file: String) { self.file = file }

    /// Parses template XML.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - file: the path to name in messages.
    ///   - id: the template id the file's location gives; the root's `id` must match it.
    public static func parse(_ bytes: [UInt8], file: String, id: String) throws(TemplateErrors) -> Template {
        let document: XMLDocument
        do {
            document = try XMLDocument(bytes: bytes, name: file)
        } catch {
            throw TemplateErrors([TemplateError(.syntax, error.message, at: TemplateLocation(file: file, line: error.line))])
        }
        var parser = TemplateParser(file: file)
        let template = parser.parseTemplate(document.root, id: id)
        if !parser.errors.isEmpty { throw TemplateErrors(parser.errors) }
        return template!
    }

    /// Parses template XML and also checks it against a RELAX NG schema.
    static func document(_ bytes: [UInt8], file: String) throws(TemplateErrors) -> XMLDocument {
        do {
            return try XMLDocument(bytes: bytes, name: file)
        } catch {
            throw TemplateErrors([TemplateError(.syntax, error.message, at: TemplateLocation(file: file, line: error.line))])
        }
    }

    // MARK: - Helpers

    func location(_ line: Int) -> TemplateLocation { TemplateLocation(file: file, line: line) }

    mutating func report(_ reason: TemplateError.Reason, _ message: String, line: Int) {
        errors.append(TemplateError(reason, message, at: location(line)))
    }

    /// The child elements of `element`, all of which must be in the template namespace (the
    /// schema allows no others either).
    mutating func ownElements(of element: XMLElement) -> [XMLElement] {
        var result: [XMLElement] = []
        for child in element.children {
            guard case .element(let inner) = child else { continue }
            if checkNamespace(inner) { result.append(inner) }
        }
        return result
    }

    /// Whether `element` is in the template namespace; reports it when not.
    mutating func checkNamespace(_ element: XMLElement) -> Bool {
        if element.namespace == Self.namespace { return true }
        if let namespace = element.namespace {
            report(.unknownElement, "<\(element.name)> is in the namespace \(namespace); templates hold only elements of \(Self.namespace)", line: element.line)
        } else {
            report(.unknownElement, "<\(element.name)> is in no namespace; declare xmlns=\"\(Self.namespace)\" on <template>", line: element.line)
        }
        return false
    }

    /// Reports attributes outside `allowed`, and attributes of other namespaces (the schema
    /// allows none).
    mutating func check(_ element: XMLElement, allowed: Set<String>) {
        for attribute in element.attributes {
            if let namespace = attribute.namespace, namespace != Self.namespace {
                report(.unknownAttribute, "<\(element.name)> has an attribute '\(attribute.name)' of the namespace \(namespace); templates take no attributes of other namespaces", line: element.line)
            } else if !allowed.contains(attribute.name) {
                let list = allowed.sorted().joined(separator: ", ")
                report(.unknownAttribute,
                    "<\(element.name)> has no attribute '\(attribute.name)'" + (list.isEmpty ? "" : "; it takes \(list)"),
                    line: element.line)
            }
        }
    }

    mutating func required(_ element: XMLElement, _ name: String) -> String? {
        guard let value = element.attribute(name), !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            report(.missingAttribute, "<\(element.name)> needs a '\(name)' attribute", line: element.line)
            return nil
        }
        return value
    }

    mutating func bool(_ element: XMLElement, _ name: String) -> Bool {
        guard let value = element.attribute(name) else { return false }
        switch value {
        case "true": return true
        case "false": return false
        default:
            report(.invalidAttribute, "'\(name)' on <\(element.name)> must be true or false", line: element.line)
            return false
        }
    }

    mutating func expression(_ text: String, in element: XMLElement, attribute: String) -> Expression? {
        do {
            return try ExpressionParser.parse(text)
        } catch {
            // A long expression is quoted by its start only: the message stays readable.
            let shown = text.count > 80 ? String(text.prefix(60)) + "…" : text
            report(.expression, "in \(attribute)=\"\(shown)\" on <\(element.name)>: \(error.message) (at character \(error.offset + 1))", line: element.line)
            return nil
        }
    }

    func text(of element: XMLElement) -> String {
        element.children.map { child -> String in
            if case .text(let text, _) = child { return text }
            return ""
        }.joined().trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Template

    private mutating func parseTemplate(_ root: XMLElement, id: String) -> Template? {
        guard root.name == "template", root.namespace == Self.namespace else {
            report(.unknownElement, "the root element must be <template xmlns=\"\(Self.namespace)\">", line: root.line)
            return nil
        }
        check(root, allowed: ["id", "version", "kind", "extends"])
        let declaredID = required(root, "id") ?? id
        if declaredID != id {
            report(.invalidAttribute, "id=\"\(declaredID)\" does not match the file's place in the templates folder; it should be id=\"\(id)\"", line: root.line)
        }
        let version = required(root, "version") ?? "0"
        let parent = root.attribute("extends")
        let kind = root.attribute("kind") ?? "document"
        let isForm = kind == Template.formKind
        if isForm, parent != nil {
            report(.invalidAttribute, "a form template (kind=\"form\") cannot extend another template; declare its fields itself", line: root.line)
        }
        var form: FormMapping?
        var meta = TemplateMeta(title: id)
        var page = PageSetup()
        var hasOwnPage = false
        var fields: [FieldDeclaration] = []
        var rules: [RuleDeclaration] = []
        var body: [TemplateNode] = []
        var seen: Set<String> = []
        var sawMeta = false
        for child in ownElements(of: root) {
            if seen.contains(child.name) {
                report(.misplacedElement, "<template> may have only one <\(child.name)>", line: child.line)
            }
            seen.insert(child.name)
            switch child.name {
            case "meta":
                meta = parseMeta(child, id: id)
                sawMeta = true
            case "page" where isForm:
                report(.misplacedElement, "a form template (kind=\"form\") has no <page>: the blank PDF sets its pages", line: child.line)
            case "page":
                page = parsePage(child)
                hasOwnPage = true
            case "fields": (fields, rules) = parseFieldList(child)
            case "form" where isForm: form = parseForm(child)
            case "form":
                report(.misplacedElement, "<form> belongs in a form template: set kind=\"form\" on <template> (and drop the <body>), or remove the <form>", line: child.line)
            case "body" where isForm:
                report(.misplacedElement, "a form template (kind=\"form\") has a <form> in place of <body>", line: child.line)
            case "body" where parent == nil: body = parseNodes(child, context: .blocks)
            case "body":
                report(.misplacedElement, "a template that extends another has no <body>; override the parent's parts with <block name=\"…\">", line: child.line)
            case "block" where parent != nil:
                seen.remove("block")
                body.append(parseBlock(child, context: .blocks))
            default:
                let holds = isForm ? "<meta>, <fields> and <form>" : "<meta>, <page>, <fields> and <body>"
                report(.unknownElement, "<\(child.name)> cannot appear in <template>; it holds \(holds)" + (parent == nil ? "" : " (or <block>s, when it extends another template)"), line: child.line)
            }
        }
        if !sawMeta {
            report(.missingAttribute, "<template> needs a <meta> with at least a <title>", line: root.line)
        }
        if isForm, form == nil {
            report(.missingAttribute, "a form template (kind=\"form\") needs a <form blank=\"…\" edition=\"…\"> naming the fields of the blank it fills", line: root.line)
        }
        return Template(
            id: id, version: version, kind: kind, file: file, meta: meta, page: page, hasOwnPage: hasOwnPage,
            fields: fields, rules: rules, body: body, form: form, parent: parent, location: location(root.line))
    }

    private mutating func parseMeta(_ element: XMLElement, id: String) -> TemplateMeta {
        check(element, allowed: [])
        var meta = TemplateMeta(title: id)
        var hasTitle = false
        for child in ownElements(of: element) {
            check(child, allowed: [])
            let value = text(of: child)
            switch child.name {
            case "title": meta.title = value; hasTitle = true
            case "description": meta.description = value
            case "authority": meta.authority = value
            case "reviewed":
                if CivilDate(iso: value) == nil {
                    report(.invalidAttribute, "<reviewed> must be a date in the form yyyy-mm-dd", line: child.line)
                }
                meta.reviewed = value
            case "marking": meta.marking = value.isEmpty ? nil : value
            case "language":
                if !Self.isLanguageTag(value) {
                    report(.invalidAttribute, "<language> must be a language tag such as en-US or es (BCP 47); screen readers read the document in it", line: child.line)
                }
                meta.language = value
            default:
                report(.unknownElement, "<\(child.name)> cannot appear in <meta>; it holds <title>, <description>, <authority>, <reviewed>, <marking> and <language>", line: child.line)
            }
        }
        if !hasTitle { report(.missingAttribute, "<meta> needs a <title>", line: element.line) }
        return meta
    }

    /// A language tag of the usual shape: a language of 2 or 3 letters, then subtags of 2 to 8
    /// letters or digits (`en-US`, `es-419`, `zh-Hant`).
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    private mutating func parsePage(_ element: XMLElement) -> PageSetup {
        check(element, allowed: ["size", "margins", "font", "font-size", "line-spacing"])
        var page = PageSetup()
        if let size = element.attribute("size") {
            if let paper = Paper(rawValue: size.lowercased()) { page.paper = paper } else {
                report(.invalidAttribute, "size=\"\(size)\" is not a paper size; use letter, legal or a4", line: element.line)
            }
        }
        if let margins = element.attribute("margins") {
            let lengths = margins.split(separator: " ").map { Self.points(String($0)) }
            if lengths.contains(where: { $0 == nil }) || !(1...4).contains(lengths.count) {
                report(.invalidAttribute, "margins=\"\(margins)\" must be one to four lengths like 1in, 2.5cm or 72pt", line: element.line)
            } else {
                let v = lengths.map { $0! }
                switch v.count {
                case 1: page.margins = Margins(all: v[0])
                case 2: page.margins = Margins(top: v[0], right: v[1], bottom: v[0], left: v[1])
                case 3: page.margins = Margins(top: v[0], right: v[1], bottom: v[2], left: v[1])
                default: page.margins = Margins(top: v[0], right: v[1], bottom: v[2], left: v[3])
                }
            }
        }
        if let font = element.attribute("font") { page.fontFamily = font }
        if let size = element.attribute("font-size") {
            if let points = Self.points(size), points >= 6, points <= 72 { page.fontSize = points } else {
                report(.invalidAttribute, "font-size=\"\(size)\" must be a size from 6pt to 72pt", line: element.line)
            }
        }
        if let spacing = element.attribute("line-spacing") {
            if let value = LineSpacing(rawValue: spacing) { page.lineSpacing = value } else {
                report(.invalidAttribute, "line-spacing=\"\(spacing)\" must be single, 1.5 or double", line: element.line)
            }
        }
        if let problem = Self.pageProblem(page) {
            report(.invalidAttribute, problem, line: element.line)
        }
        return page
    }

    /// The smallest top and bottom margin: the running header and the "Page N of M" footer are
    /// set in them (at most 12pt, `PageSetup.runningFontSize`).
    public static let minimumVerticalMargin = 36.0
    /// The smallest width and height of the text area, between the margins: room for the footer
    /// on one line and for a few lines of text at the largest font size.
    public static let minimumTextArea = 216.0

    /// What is wrong with a page's margins, or nil: they must leave a text area of at least 3in
    /// each way, and top and bottom margins of at least 0.5in for the header and footer.
    static func pageProblem(_ page: PageSetup) -> String? {
        let (width, height) = page.paper.size
        let margins = page.margins
        func inches(_ points: Double) -> String {
            let value = (points / 72 * 100).rounded() / 100
            return value.rounded() == value ? "\(Int(value))in" : "\(value)in"
        }
        let textWidth = width - margins.left - margins.right, textHeight = height - margins.top - margins.bottom
        let fix = "; make the margins smaller (a \(page.paper.rawValue) page is \(inches(width)) by \(inches(height)))"
        if textWidth < minimumTextArea {
            return "the left and right margins leave a text area \(inches(max(0, textWidth))) wide; it must be at least \(inches(minimumTextArea))" + fix
        }
        if textHeight < minimumTextArea {
            return "the top and bottom margins leave a text area \(inches(max(0, textHeight))) tall; it must be at least \(inches(minimumTextArea))" + fix
        }
        if min(margins.top, margins.bottom) < minimumVerticalMargin {
            return "the top and bottom margins must each be at least \(inches(minimumVerticalMargin)), to hold the running header and the page numbers"
        }
        return nil
    }

    /// A length in points from "1in", "2.54cm", "25mm" or "72pt".
    static func points(_ text: String) -> Double? {
        let units: [(String, Double)] = [("in", 72), ("cm", 72 / 2.54), ("mm", 72 / 25.4), ("pt", 1)]
        for (unit, factor) in units where text.hasSuffix(unit) {
            guard let number = Double(text.dropLast(unit.count)), number >= 0, number.isFinite else { return nil }
            return number * factor
        }
        return nil
    }
}
