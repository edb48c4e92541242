import Foundation
import Hummingbird
import Mustache

/// The HTML pages: Mustache templates from the module's resources (`Resources/pages`), one per
/// page, with partials for the layout. The form's controls are written by `FormControls`; a page
/// whose context holds only text, numbers and switches is spliced into its frame (`PageFrames`).
struct Pages: Sendable {
    private let library: MustacheLibrary
    private let frames = PageFrames()

    init(resources: URL) async throws {
        // Templates name their content type when they are parsed, so it is registered first.
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        library = try await MustacheLibrary(directory: resources.appendingPathComponent("pages").path)
    }

    /// Page `name` rendered with `context`, as an HTML response.
    func response(_ name: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let body = frames.html(name, context, mustache: mustache).map { ByteBuffer(bytes: $0.bytes) }
            ?? ByteBuffer(string: rendered(name, context))
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: body))
    }

    /// Page `name` rendered with `context`.
    func html(_ name: String, _ context: [String: Any]) -> String {
        frames.html(name, context, mustache: mustache)?.string ?? rendered(name, context)
    }

    private func rendered(_ name: String, _ context: [String: Any]) -> String {
        mustache(name, context) ?? "<!doctype html><title>Error</title><p>Page \(name) is missing."
    }

    /// Page `name` rendered by Mustache alone.
    func mustache(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }
}

/// How the pages escape their `{{…}}` tags: byte by byte, as `HTMLText` does. Every template
/// with a tag starts with `{{% CONTENT_TYPE: ENGROSS_HTML }}` (a test checks it), since
/// swift-mustache's own HTML escaping looks each `Character` up in a dictionary, a tenth of the
/// form page's time, and leaves a quote followed by a combining mark unescaped: in an attribute,
/// such as a case value imported from a file, that quote would end the attribute.
struct EscapedHTML: MustacheContentType {
    static let name = "ENGROSS_HTML"

    func escapeText(_ text: String) -> String { HTMLText.escaped(text) }
}

/// The static files (style sheet, script), read once at start and served with a long cache
/// lifetime: they hold no case data, and their address changes with their content.
struct Assets: Sendable {
    struct Asset: Sendable {
        var bytes: ByteBuffer
        var contentType: String
    }
    private let files: [String: Asset]
    /// A short hash of all assets, put in their addresses so that a new build is fetched anew.
    let version: String

    init(resources: URL) throws {
        let folder = resources.appendingPathComponent("assets")
        var files: [String: Asset] = [:]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8"
                : name.hasSuffix(".js") ? "text/javascript; charset=utf-8"
                : name.hasSuffix(".svg") ? "image/svg+xml" : "application/octet-stream"
            files[name] = Asset(bytes: ByteBuffer(bytes: data), contentType: type)
        }
        self.files = files
        version = String(hash, radix: 16).prefix(10).description
    }

    func response(_ name: String) -> Response? {
        guard let asset = files[name] else { return nil }
        return Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=31536000, immutable"],
            body: ResponseBody(byteBuffer: asset.bytes))
    }
}

/// Where the module's resources are: beside the executable (how SwiftPM builds and installs
/// them), or in a folder named by `ENGROSS_SERVER_RESOURCES`.
enum ServerResources {
    static func locate() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["ENGROSS_SERVER_RESOURCES"] { return URL(fileURLWithPath: path) }
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ServerStartError("the web app's pages and style sheet (Resources) are missing beside the program; rebuild it with `swift build`")
        }
        return url
    }
}

/// A reason the server cannot start, said plainly.
public struct ServerStartError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
