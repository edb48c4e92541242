import CaseData

/// Reads a packet definition (`<packet>` in the template namespace).
///
/// ```xml
/// <packet xmlns="urn:engross:template:1" id="packets/t-visa" version="1.0.0" exhibits="exhibits">
///   <meta><title>T visa application</title></meta>
///   <document name="cover-letter" template="t-visa/cover-letter" data="coverLetter"/>
///   <exhibit-index template="common/exhibit-index"/>
///   <document name="declaration" template="t-visa/declaration" data="declaration" cite-as="Decl."/>
///   <document name="support-letter" template="letters/support" data="supportLetters" each="true"/>
///   <exhibits cover="common/exhibit-cover"/>
/// </packet>
/// ```
public struct PacketParser {
    private var parser: TemplateParser

    private init(file: String) { parser = TemplateParser(packetFile: file) }

    /// Parses packet XML; `id` is the id the file's place gives (`packets/t-visa`).
    public static func parse(_ bytes: [UInt8], file: String, id: String) throws(TemplateErrors) -> PacketDefinition {
        let document = try TemplateParser.document(bytes, file: file)
        var reader = PacketParser(file: file)
        let packet = reader.packet(document.root, id: id, file: file)
        if !reader.parser.errors.isEmpty { throw TemplateErrors(reader.parser.errors) }
        return packet!
    }

    private mutating func packet(_ root: XMLElement, id: String, file: String) -> PacketDefinition? {
        guard root.name == "packet", root.namespace == TemplateParser.namespace else {
            parser.report(.unknownElement, "the root element of a packet must be <packet xmlns=\"\(TemplateParser.namespace)\">", line: root.line)
            return nil
        }
        parser.check(root, allowed: ["id", "version", "exhibits"])
        let declaredID = parser.required(root, "id")
        if let declaredID, declaredID != id {
            parser.report(.invalidAttribute, "id=\"\(declaredID)\" does not match the file's place in the templates folder; it should be id=\"\(id)\"", line: root.line)
        }
        let version = parser.required(root, "version") ?? ""
        var title = ""
        var authority: String?
        var entries: [PacketDefinition.Entry] = []
        var names: Set<String> = []
        for element in parser.ownElements(of: root) {
            let location = TemplateLocation(file: file, line: element.line)
            switch element.name {
            case "meta":
                for child in parser.ownElements(of: element) {
                    switch child.name {
                    case "title": title = parser.text(of: child)
                    case "authority": authority = parser.text(of: child)
                    default: parser.report(.unknownElement, "<meta> of a packet takes <title> and <authority>, not <\(child.name)>", line: child.line)
                    }
                }
            case "document":
                parser.check(element, allowed: ["name", "template", "data", "each", "when", "cite-as"])
                guard let name = parser.required(element, "name"), let template = parser.required(element, "template") else { continue }
                if !names.insert(name).inserted {
                    parser.report(.invalidAttribute, "two documents are named '\(name)'; give each its own name", line: element.line)
                }
                let when = element.attribute("when").flatMap { parser.expression($0, in: element, attribute: "when") }
                entries.append(.document(PacketDefinition.DocumentEntry(
                    name: name, template: template, data: element.attribute("data").map(Self.path),
                    each: parser.bool(element, "each"), when: when, citeAs: element.attribute("cite-as"), location: location)))
            case "exhibit-index":
                parser.check(element, allowed: ["template"])
                entries.append(.exhibitIndex(template: element.attribute("template") ?? "common/exhibit-index", location: location))
            case "exhibits":
                parser.check(element, allowed: ["cover"])
                entries.append(.exhibits(cover: element.attribute("cover") ?? "common/exhibit-cover", location: location))
            default:
                parser.report(.unknownElement, "a packet holds <meta>, <document>, <exhibit-index> and <exhibits>, not <\(element.name)>", line: element.line)
            }
        }
        if title.isEmpty { parser.report(.missingAttribute, "a packet needs <meta><title>…</title></meta>", line: root.line) }
        if entries.isEmpty { parser.report(.missingAttribute, "the packet lists no documents; add <document template=\"…\"/>", line: root.line) }
        return PacketDefinition(id: id, version: version, title: title, authority: authority,
            exhibitList: Self.path(root.attribute("exhibits") ?? "exhibits"), entries: entries, file: file)
    }

    /// `coverLetter` or `a.b`: keys only.
    private static func path(_ text: String) -> FieldPath {
        FieldPath(text.split(separator: ".").map { .key(String($0)) })
    }
}
