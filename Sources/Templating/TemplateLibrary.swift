import Foundation

/// A folder of templates. Loads a template by id, resolving its includes and parent, and binds it
/// to its fields so that every path it uses is checked before any case file is read.
///
/// Never reads a file outside its folder: ids are checked, and symbolic links that lead out are
/// refused.
public final class TemplateLibrary: @unchecked Sendable {
    /// The templates folder, with symbolic links resolved.
    public let root: URL
    /// The name of the RELAX NG schema of the vocabulary, kept at the top of the folder.
    public static let schemaFileName = "engross.rng"

    private let lock = NSLock()
    private var parsed: [String: Template] = [:]

    /// A library over the folder at `path`.
    public init(path: String) {
        root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The folder of packet definitions inside the templates folder.
    public static let packetFolder = "packets"

    /// The ids of every template in the folder, sorted (packet definitions are not templates).
    public func templateIDs() -> [String] {
        allIDs().filter { !$0.hasPrefix(Self.packetFolder + "/") }
    }

    /// The ids of every packet definition (`packets/…`), sorted.
    public func packetIDs() -> [String] {
        allIDs().filter { $0.hasPrefix(Self.packetFolder + "/") }
    }

    /// Reads packet definition `id` (`packets/t-visa`); the templates it names are not loaded.
    public func loadPacket(_ id: String) throws(TemplateErrors) -> PacketDefinition {
        let url: URL
        do { url = try self.url(for: id, from: nil) } catch {
            let message = error.reason == .notFound && Self.isValidID(id)
                ? "there is no packet '\(id)' in \(root.path) (run `engross list` to see the packets)" : error.message
            throw TemplateErrors([TemplateError(error.reason, message, at: error.location)])
        }
        guard let data = try? Data(contentsOf: url) else {
            throw TemplateErrors([TemplateError(.unreadable, "cannot read the packet file", at: TemplateLocation(file: displayName(for: id), line: 0))])
        }
        return try PacketParser.parse([UInt8](data), file: displayName(for: id), id: id)
    }

    private func allIDs() -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var ids: [String] = []
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where url.pathExtension == "xml" {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            ids.append(String(path.dropFirst(prefix.count).dropLast(4)))
        }
        return ids.sorted()
    }

    /// Whether `id` has the shape of a template id: lower-case words, digits, `-` and `_`,
    /// separated by `/`.
    public static func isValidID(_ id: String) -> Bool {
        let segments = id.split(separator: "/", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" || $0 == "." }
        }
    }

    /// The file of template `id`, after checking that it stays inside the folder.
    func url(for id: String, from location: TemplateLocation?) throws(TemplateError) -> URL {
        let place = location ?? TemplateLocation(file: id, line: 0)
        guard Self.isValidID(id) else {
            throw TemplateError(.notFound, "'\(id)' is not a template id; an id is a path under the templates folder without .xml, like letters/support", at: place)
        }
        let url = root.appendingPathComponent(id + ".xml").resolvingSymlinksInPath()
        guard url.path.hasPrefix(root.path + "/") else {
            throw TemplateError(.notFound, "the template '\(id)' leads outside the templates folder; refusing to read it", at: place)
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TemplateError(.notFound, "there is no template '\(id)' in \(root.path) (run `engross list` to see them)", at: place)
        }
        return url
    }

    /// The file name to show in messages for template `id`.
    func displayName(for id: String) -> String { root.appendingPathComponent(id + ".xml").path }

    /// Parses template `id` without resolving it (cached).
    func parse(_ id: String, from location: TemplateLocation? = nil) throws(TemplateErrors) -> Template {
        lock.lock()
        let cached = parsed[id]
        lock.unlock()
        if let cached { return cached }
        let url: URL
        do { url = try self.url(for: id, from: location) } catch { throw TemplateErrors([error]) }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw TemplateErrors([TemplateError(.unreadable, "cannot read the template file", at: TemplateLocation(file: displayName(for: id), line: 0))])
        }
        let template = try TemplateParser.parse(bytes, file: displayName(for: id), id: id)
        lock.lock()
        parsed[id] = template
        lock.unlock()
        return template
    }

    /// Loads template `id`: parsed, its parent and includes resolved, every path checked against
    /// its fields. Throws every problem found.
    public func load(_ id: String) throws(TemplateErrors) -> Template {
        var resolver = TemplateResolver(library: self)
        let resolved = try resolver.resolve(id, chain: [], from: nil)
        if !resolver.errors.isEmpty { throw TemplateErrors(resolver.errors) }
        var binder = TemplateBinder(template: resolved)
        let bound = binder.bind()
        if !binder.errors.isEmpty { throw TemplateErrors(binder.errors) }
        return bound
    }

    /// Checks template `id` against the vocabulary's RELAX NG schema (`engross.rng` at the top of
    /// the folder). Returns the problems; throws when the schema itself is missing or broken.
    public func schemaProblems(_ id: String, schemaPath: String? = nil) throws(TemplateErrors) -> [TemplateError] {
        let schemaURL = schemaPath.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent(Self.schemaFileName)
        let schemaLocation = TemplateLocation(file: schemaURL.path, line: 0)
        guard let schemaText = try? String(contentsOf: schemaURL, encoding: .utf8) else {
            throw TemplateErrors([TemplateError(.unreadable, "cannot read the template schema", at: schemaLocation)])
        }
        let schema: RelaxNGSchema
        do { schema = try RelaxNGSchema(text: schemaText) } catch {
            throw TemplateErrors([TemplateError(.schema, "the template schema does not compile: \(error.message)", at: TemplateLocation(file: schemaURL.path, line: error.line))])
        }
        let url: URL
        do { url = try self.url(for: id, from: nil) } catch { throw TemplateErrors([error]) }
        let bytes = (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
        let document = try TemplateParser.document(bytes, file: displayName(for: id))
        return document.validate(against: schema).map {
            TemplateError(.schema, "does not match the template schema: \($0.message)", at: TemplateLocation(file: displayName(for: id), line: $0.line))
        }
    }
}
