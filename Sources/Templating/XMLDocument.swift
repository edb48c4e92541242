import Foundation
import CLibXML2

/// A template file parsed by libxml2. The only type that holds libxml2 pointers; it frees them
/// in `deinit` and hands out plain Swift values.
///
/// Parsing is safe for hostile input: no network, no entity substitution, no DTD loading, and any
/// DOCTYPE is refused outright, so entity bombs and external entities never get a chance.
final class XMLDocument {
    private let document: xmlDocPtr
    /// The root element as Swift values.
    let root: XMLElement

    /// An XML syntax error, with the line libxml2 reported.
    struct SyntaxError: Error {
        var message: String
        var line: Int
    }

    private static let setUp: Void = {
        xmlInitParser()
        // Refuse every external entity or DTD, whatever a document asks for.
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Parses `bytes`. `name` is only used by libxml2 as the document's URL.
    init(bytes: [UInt8], name: String) throws(SyntaxError) {
        _ = Self.setUp
        if let line = Self.doctypeLine(bytes) {
            throw SyntaxError(message: Self.doctypeMessage, line: line)
        }
        guard let context = xmlNewParserCtxt() else { throw SyntaxError(message: "out of memory", line: 0) }
        defer { xmlFreeParserCtxt(context) }
        // BIG_LINES: without it libxml2 gives every element past line 65,535 that line number.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue)
        // Collect errors through the context's structured handler: the first error is the one
        // that explains the problem (libxml2 keeps only the last).
        let collector = ErrorCollector()
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.sax.pointee.serror = { data, error in
            guard let data, let error else { return }
            let parser = data.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let collector = parser.pointee._private else { return }
            ErrorCollector.handler(collector, error)
        }
        let parsed: xmlDocPtr? = withExtendedLifetime(collector) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { pointer in
                    xmlCtxtReadMemory(context, pointer, Int32(buffer.count), name, "UTF-8", options)
                }
            }
        }
        context.pointee._private = nil
        guard let parsed else {
            if let first = collector.messages.first {
                throw SyntaxError(message: first.message, line: first.line)
            }
            if let error = xmlCtxtGetLastError(context) {
                let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed XML"
                throw SyntaxError(message: Self.clean(message), line: Int(error.pointee.line))
            }
            throw SyntaxError(message: "not well-formed XML", line: 0)
        }
        if let subset = parsed.pointee.intSubset ?? parsed.pointee.extSubset {
            let line = Int(xmlGetLineNo(UnsafeMutablePointer<xmlNode>(OpaquePointer(subset))))
            xmlFreeDoc(parsed)
            throw SyntaxError(message: Self.doctypeMessage, line: max(line, 1))
        }
        guard let rootNode = xmlDocGetRootElement(parsed) else {
            xmlFreeDoc(parsed)
            throw SyntaxError(message: "the file has no root element", line: 1)
        }
        do {
            self.root = try Self.convert(rootNode)
        } catch {
            xmlFreeDoc(parsed)
            throw error
        }
        self.document = parsed
    }

    deinit { xmlFreeDoc(document) }

    private static let doctypeMessage =
        "templates may not have a DOCTYPE declaration (it can declare entities that read files or expand without end); remove it"

    /// The line of a `<!DOCTYPE`, found before libxml2 sees the file, so that no entity in it is
    /// ever processed.
    private static func doctypeLine(_ bytes: [UInt8]) -> Int? {
        let marker = Array("<!DOCTYPE".utf8)
        guard bytes.count >= marker.count else { return nil }
        var line = 1
        for index in 0...(bytes.count - marker.count) {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            if bytes[index] == marker[0], Array(bytes[index..<index + marker.count]) == marker { return line }
        }
        return nil
    }

    /// Validates the document against a RELAX NG schema; returns one message per problem.
    func validate(against schema: RelaxNGSchema) -> [(line: Int, message: String)] {
        schema.validate(document)
    }

    private static func clean(_ message: String) -> String {
        message.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func convert(_ node: xmlNodePtr) throws(SyntaxError) -> XMLElement {
        var attributes: [XMLAttribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            // Without entity substitution an attribute's value is a list of text nodes.
            var value = ""
            var part = attribute.pointee.children
            while let text = part {
                value += string(text.pointee.content) ?? ""
                part = text.pointee.next
            }
            attributes.append(XMLAttribute(
                name: string(attribute.pointee.name) ?? "",
                namespace: string(attribute.pointee.ns?.pointee.href),
                value: value))
            property = attribute.pointee.next
        }
        var children: [XMLChild] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(.element(try convert(current)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                children.append(.text(string(current.pointee.content) ?? "", line: Int(xmlGetLineNo(current))))
            case XML_ENTITY_REF_NODE:
                throw SyntaxError(
                    message: "entity references other than the XML built-ins are not allowed in templates",
                    line: Int(xmlGetLineNo(current)))
            default:
                break  // comments and processing instructions carry no content
            }
            child = current.pointee.next
        }
        return XMLElement(
            name: string(node.pointee.name) ?? "",
            namespace: string(node.pointee.ns?.pointee.href),
            attributes: attributes,
            children: children,
            line: Int(xmlGetLineNo(node)))
    }
}

/// A compiled RELAX NG schema (the template vocabulary's, Templates/engross.rng).
final class RelaxNGSchema {
    private let schema: xmlRelaxNGPtr

    /// Compiles the schema text; `nil` with a message when it does not compile.
    init(text: String) throws(XMLDocument.SyntaxError) {
        let bytes = Array(text.utf8)
        let parserContext: xmlRelaxNGParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlRelaxNGNewMemParserCtxt($0, Int32(buffer.count))
            }
        }
        guard let parserContext else { throw XMLDocument.SyntaxError(message: "cannot read the schema", line: 0) }
        defer { xmlRelaxNGFreeParserCtxt(parserContext) }
        let collector = ErrorCollector()
        xmlRelaxNGSetParserStructuredErrors(parserContext, ErrorCollector.handler, Unmanaged.passUnretained(collector).toOpaque())
        guard let compiled = withExtendedLifetime(collector, { xmlRelaxNGParse(parserContext) }) else {
            let first = collector.messages.first
            throw XMLDocument.SyntaxError(message: first?.message ?? "the schema does not compile", line: first?.line ?? 0)
        }
        schema = compiled
    }

    deinit { xmlRelaxNGFree(schema) }

    fileprivate func validate(_ document: xmlDocPtr) -> [(line: Int, message: String)] {
        guard let context = xmlRelaxNGNewValidCtxt(schema) else { return [(0, "out of memory")] }
        defer { xmlRelaxNGFreeValidCtxt(context) }
        let collector = ErrorCollector()
        xmlRelaxNGSetValidStructuredErrors(context, ErrorCollector.handler, Unmanaged.passUnretained(collector).toOpaque())
        let result = withExtendedLifetime(collector) { xmlRelaxNGValidateDoc(context, document) }
        if result != 0 && collector.messages.isEmpty { return [(0, "the template does not match the schema")] }
        return collector.messages
    }
}

/// Collects libxml2's structured errors through a C callback.
private final class ErrorCollector {
    var messages: [(line: Int, message: String)] = []

    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
        let message = error.pointee.message.map { String(cString: $0) } ?? "invalid"
        collector.messages.append((Int(error.pointee.line), message.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
