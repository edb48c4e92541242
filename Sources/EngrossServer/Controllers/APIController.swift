import CaseData
import Engross
import Foundation
import Hummingbird
import Templating
import WriterDOCX

/// The HTTP API for case-management systems (`/api/v1/`): list the templates, give a template's
/// JSON Schema, validate a case, render a document, build a packet. It is stateless: the case
/// comes in the request and the documents go back; no route reads or keeps a stored case, so none
/// takes a case id. `APITokenMiddleware` has checked the bearer token before a handler runs.
///
/// A template id holds slashes (`letters/support`); in an address each `/` is written `~`
/// (`/api/v1/templates/letters~support/render`), so that the id is one path segment.
struct APIController {
    let app: WebApp
    /// Every template `engross list` knows, prepared once at start (a broken one is left out).
    let templates: [String: PreparedTemplate]
    /// The OpenAPI document, served as it is in the repository.
    let document: [UInt8]

    /// Where the OpenAPI document is served (without a token).
    static let documentPath = "/api/openapi.json"
    /// The most exhibits a packet request may carry.
    static let maximumExhibits = 200

    typealias Handler = @Sendable (Request, AppRequestContext) async throws -> Response

    init(app: WebApp, resources: URL, log: @Sendable (String) -> Void) throws {
        self.app = app
        var templates = app.templates
        for id in app.engine.library.templateIDs() where templates[id] == nil {
            do { templates[id] = try app.engine.prepare(id) } catch {
                log("template \(id) is broken (\(error.errors.count) problems; run engross lint \(id)); the API leaves it out")
            }
        }
        self.templates = templates
        guard let document = FileManager.default.contents(atPath: resources.appendingPathComponent("openapi.json").path),
            let served = Self.document(document, templates: templates.keys.sorted().map(Self.address),
                packets: app.packets.keys.sorted().map(Self.packetAddress))
        else {
            throw ServerStartError("the API's OpenAPI document (Resources/openapi.json) is missing or broken beside the program; rebuild it with `swift build`")
        }
        self.document = served
    }

    /// The repository's document with the templates and packets of this server's folder (which
    /// may be a clinic's own) in place of the shipped ones; `nil` when it is not the document.
    static func document(_ data: Data, templates: [String], packets: [String]) -> [UInt8]? {
        guard var root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            var components = root["components"] as? [String: Any], var parameters = components["parameters"] as? [String: Any],
            var template = parameters["Template"] as? [String: Any], var schema = template["schema"] as? [String: Any],
            var paths = root["paths"] as? [String: Any], var packetPath = paths["/api/v1/packets/{packet}"] as? [String: Any],
            var post = packetPath["post"] as? [String: Any], var packetParameters = post["parameters"] as? [[String: Any]],
            let index = packetParameters.firstIndex(where: { $0["name"] as? String == "packet" }),
            var packetSchema = packetParameters[index]["schema"] as? [String: Any]
        else { return nil }
        schema["enum"] = templates
        template["schema"] = schema
        if let example = template["example"] as? String, !templates.contains(example) { template["example"] = nil }
        parameters["Template"] = template
        components["parameters"] = parameters
        root["components"] = components
        packetSchema["enum"] = packets
        packetParameters[index]["schema"] = packetSchema
        post["parameters"] = packetParameters
        packetPath["post"] = post
        paths["/api/v1/packets/{packet}"] = packetPath
        root["paths"] = paths
        return (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])).map { Array($0) }
    }

    /// Every route of the API, in the OpenAPI document's notation (`{template}`); the document
    /// lists exactly these (a test checks it).
    var routes: [(method: HTTPRequest.Method, path: String, handler: Handler)] {
        [
            (.get, Self.documentPath, { _, _ in self.openAPI() }),
            (.get, "/api/v1/templates", { _, _ in self.list() }),
            (.get, "/api/v1/templates/{template}/schema", { _, context in try self.schema(context) }),
            (.post, "/api/v1/templates/{template}/validate", { request, context in try await self.validate(request, context) }),
            (.post, "/api/v1/templates/{template}/render", { request, context in try await self.render(request, context) }),
            (.post, "/api/v1/packets/{packet}", { request, context in try await self.packet(request, context) }),
        ]
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        for route in routes {
            let path = route.path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
            router.on(RouterPath(path), method: route.method, use: route.handler)
        }
    }

    // MARK: Templates

    private func openAPI() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
    }

    /// What `engross list` shows: the templates (id, title, kind, version, date of legal review)
    /// and the packets.
    private func list() -> Response {
        let listed = templates.keys.sorted().compactMap { id -> CaseValue? in
            guard let template = templates[id]?.template else { return nil }
            return .object([
                ("id", .string(id)), ("address", .string(Self.address(id))), ("title", .string(template.meta.title)),
                ("kind", .string(template.kind)), ("version", .string(template.version)),
                ("reviewed", template.meta.reviewed.map(CaseValue.string) ?? .null),
            ])
        }
        let packets = app.packets.keys.sorted().compactMap { id -> CaseValue? in
            guard let packet = app.packets[id] else { return nil }
            return .object([
                ("id", .string(id)), ("address", .string(Self.packetAddress(id))), ("title", .string(packet.definition.title)),
                ("version", .string(packet.definition.version)),
            ])
        }
        return WebApp.json(.object([("templates", .list(listed)), ("packets", .list(packets))]))
    }

    private func schema(_ context: AppRequestContext) throws -> Response {
        let (_, template) = try self.template(context)
        return WebApp.json(CaseSchema.jsonSchema(for: template.template))
    }

    // MARK: Validating and rendering

    /// The diagnostics `engross validate --json` gives for the case, 200 whether it is valid or not.
    private func validate(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (id, template) = try self.template(context)
        let value = try await caseBody(request)
        try await audit(request, context, "api-validated", id)
        let entry = ValidationReport.entry(file: nil, diagnostics: template.validate(value, file: nil))
        return WebApp.json(.object([("template", .string(id))] + entry.members))
    }

    /// The document in the format asked for; 422 with the diagnostics when the case is not valid.
    private func render(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (id, template) = try self.template(context)
        guard let name = request.uri.queryParameters["format"], let format = OutputFormat(rawValue: String(name)) else {
            throw APIProblem(status: .badRequest, detail: "Give the format: ?format=pdf, docx, html, md or txt.")
        }
        guard !template.template.isForm else {
            throw APIProblem(status: .badRequest,
                detail: "\(id) is a form template: it fills a blank PDF form, which the server does not hold; fill it with `engross render \(id) CASE --forms DIR`.")
        }
        let redact = try Self.flag(request, "redact")
        let value = try await caseBody(request)
        try await audit(request, context, "api-rendered", "\(id) \(format.rawValue)\(redact ? " redacted" : "")")
        let diagnostics = template.validate(value, file: nil)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { throw Self.invalid(diagnostics) }
        let bytes = try format.write(template.render(value, redact: redact))
        let stem = (id.split(separator: "/").last.map(String.init) ?? "document") + (redact ? "-redacted" : "")
        return WebApp.download(bytes, type: format.mediaType, fileName: "\(stem).\(format.fileExtension)")
    }

    // MARK: Packets

    /// The packet of the case in the body (`{"case": {…}, "exhibits": {"exhibits/x.pdf": "<base64>"}}`):
    /// its combined PDF, or with `?format=zip` a ZIP of the packet folder with its manifest.
    private func packet(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let address = try context.parameters.require("packet")
        guard let packet = app.packets["packets/" + address] else {
            throw APIProblem(status: .notFound, detail: "There is no such packet: GET /api/v1/templates lists the packets.")
        }
        let zip: Bool
        switch request.uri.queryParameters["format"].map(String.init) {
        case nil, "pdf": zip = false
        case "zip": zip = true
        default: throw APIProblem(status: .badRequest, detail: "The format of a packet is pdf (the default) or zip.")
        }
        let bates = request.uri.queryParameters["bates"].map(String.init) ?? ""
        if !bates.isEmpty, !PacketWriter.isValidBatesPrefix(bates) {
            throw APIProblem(status: .badRequest, detail: "The Bates prefix takes 1 to 20 letters, digits, - or _ (e.g. DOE).")
        }
        let archival: Bool
        switch request.uri.queryParameters["pdfa"].map(String.init) {
        case nil, "false": archival = false
        case "true": archival = true
        default: throw APIProblem(status: .badRequest, detail: "pdfa is true (PDF/A-2b) or false (the default).")
        }
        let body = try await self.body(request, limit: app.configuration.maximumUploadBytes + app.configuration.maximumFormBytes)
        let (data, exhibits) = try Self.packetRequest(try Self.parse(body), maximumExhibitBytes: app.configuration.maximumUploadBytes)
        try await audit(request, context, "api-packet", "\(packet.definition.id) \(zip ? "zip" : "pdf")")
        let builder = PacketBuilder(store: app.store, configuration: app.configuration)
        switch try builder.build(packet, data: data, exhibits: exhibits, bates: bates.isEmpty ? nil : bates, archival: archival) {
        case .problems(let diagnostics):
            throw Self.invalid(diagnostics)
        case .built(let rendered, let writer):
            if zip {
                return WebApp.download(try ZipArchive.archive(rendered.files), type: "application/zip", fileName: "\(address)-packet.zip")
            }
            let combined = rendered.files.first { $0.path == writer.combinedFileName }?.bytes ?? []
            return WebApp.download(combined, type: "application/pdf", fileName: writer.combinedFileName)
        }
    }

    /// The case data and the exhibit files of a packet request, each exhibit checked: a relative
    /// path inside the case's folder, base64 that decodes, within the upload limit, and a PDF, PNG
    /// or JPEG by its first bytes.
    static func packetRequest(_ body: CaseValue, maximumExhibitBytes: Int) throws -> (CaseObject, [(path: String, bytes: [UInt8])]) {
        guard let object = body.objectValue, let data = object["case"]?.objectValue else {
            throw APIProblem(status: .badRequest, detail: "The body must be a JSON object {\"case\": {…}, \"exhibits\": {\"exhibits/x.pdf\": \"<base64>\"}} whose case is an object.")
        }
        let given = object["exhibits"]
        guard given == nil || given?.objectValue != nil else {
            throw APIProblem(status: .badRequest, detail: "exhibits must be an object from each exhibit's file path (as the case names it) to its content in base64.")
        }
        let entries = given?.members ?? []
        guard entries.count <= maximumExhibits else {
            throw APIProblem(status: .contentTooLarge, detail: "A packet takes at most \(maximumExhibits) exhibits.")
        }
        var exhibits: [(path: String, bytes: [UInt8])] = []
        for (number, (path, value)) in zip(1..., entries) {
            guard isExhibitPath(path) else {
                throw APIProblem(status: .badRequest, detail: "Exhibit \(number)'s path must be relative, like exhibits/police-report.pdf: "
                    + "letters, digits, - and _ in folder names, and a file name ending in .pdf, .png, .jpg or .jpeg.")
            }
            guard let text = value.stringValue, let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw APIProblem(status: .badRequest, detail: "exhibits[\"\(path)\"] must be the file's content in base64.")
            }
            guard decoded.count <= maximumExhibitBytes else {
                throw APIProblem(status: .contentTooLarge, detail: "exhibits[\"\(path)\"] is larger than \(maximumExhibitBytes >> 20) MB, the most this server takes. Split the exhibit, or lower the resolution of its scans.")
            }
            let bytes = [UInt8](decoded)
            guard UploadKind(bytes) != nil else {
                throw APIProblem(status: .unprocessableContent, detail: "exhibits[\"\(path)\"] is not a PDF, PNG or JPEG (its content was checked, not its name).")
            }
            exhibits.append((path, bytes))
        }
        return (data, exhibits)
    }

    /// `exhibits/police-report.pdf`: at most four parts, folders of letters, digits, - and _
    /// (never `.` or `..`), and a file of those and dots ending in .pdf, .png, .jpg or .jpeg. A
    /// folder's name has no dot, so it never collides with a file's.
    static func isExhibitPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count), path.utf8.count <= 200, let file = parts.last else { return false }
        func isWord(_ part: Substring, dots: Bool) -> Bool {
            !part.isEmpty && part.first != "." && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || (dots && $0 == ".")) }
        }
        let fileExtension = file.split(separator: ".").last?.lowercased() ?? ""
        return parts.dropLast().allSatisfy { isWord($0, dots: false) } && isWord(file, dots: true)
            && file.contains(".") && ["pdf", "png", "jpg", "jpeg"].contains(fileExtension)
    }

    // MARK: Requests

    /// The template the address names (`letters~support`); 404 for any other, never a file read.
    private func template(_ context: AppRequestContext) throws -> (String, PreparedTemplate) {
        let id = try context.parameters.require("template").replacingOccurrences(of: "~", with: "/")
        guard let template = templates[id] else {
            throw APIProblem(status: .notFound, detail: "There is no such template: GET /api/v1/templates lists them (write letters/support as letters~support).")
        }
        return (id, template)
    }

    /// `letters/support` → `letters~support`.
    static func address(_ id: String) -> String { id.replacingOccurrences(of: "/", with: "~") }

    /// `packets/t-visa` → `t-visa`.
    static func packetAddress(_ id: String) -> String {
        id.hasPrefix("packets/") ? String(id.dropFirst("packets/".count)) : id
    }

    /// A query flag: absent or `false` is off, `true` is on.
    static func flag(_ request: Request, _ name: String) throws -> Bool {
        switch request.uri.queryParameters[Substring(name)].map(String.init) {
        case nil, "false": return false
        case "true": return true
        default: throw APIProblem(status: .badRequest, detail: "\(name) takes true or false.")
        }
    }

    /// The request's body, within `limit` bytes (413 past it).
    private func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        let tooLarge = APIProblem(status: .contentTooLarge, detail: "The request body is larger than \(limit >> 20) MB, the most this server takes for this route.")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        var request = request
        do {
            return Array(try await request.collectBody(upTo: limit).readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        }
    }

    /// The case data the body holds: a JSON object, within the form limit.
    private func caseBody(_ request: Request) async throws -> CaseValue {
        let value = try Self.parse(try await body(request, limit: app.configuration.maximumFormBytes))
        guard value.objectValue != nil else {
            throw APIProblem(status: .badRequest, detail: "The body must be the case data as a JSON object ({…}).")
        }
        return value
    }

    /// The body as JSON; 400 with the reason (and its line and column) when it is not.
    static func parse(_ body: [UInt8]) throws -> CaseValue {
        do {
            return try JSONCaseParser.parse(body, file: "request body")
        } catch {
            let members = ValidationReport.entry(file: nil, diagnostics: [], unreadable: error).members
            throw APIProblem(status: .badRequest, detail: "The body is not JSON: \(error.message)", members: members)
        }
    }

    /// 422: the case is not valid; the members are those of `engross validate --json`.
    static func invalid(_ diagnostics: [Diagnostic]) -> APIProblem {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let members = ValidationReport.entry(file: nil, diagnostics: diagnostics).members
        return APIProblem(status: .unprocessableContent,
            detail: "The case has \(errors == 1 ? "1 problem" : "\(errors) problems") to fix; see diagnostics.", members: members)
    }

    /// Appends the call to the audit log, when the store keeps one: the token's name as the actor,
    /// the template and format as the detail; never a value of the case. Every call that was given
    /// a case it could read is logged, whether the case turned out valid or not.
    private func audit(_ request: Request, _ context: AppRequestContext, _ action: String, _ detail: String) async throws {
        guard let log = app.store as? any AccountStore, let token = context.apiToken else { return }
        try await log.appendAudit(AuditEntry(time: app.configuration.now(), organizationID: token.organizationID,
            actorID: token.id, actorName: token.name, action: action, detail: detail,
            address: ClientAddress.of(request, context, behindProxy: app.configuration.allowRemote)))
    }
}

private extension CaseValue {
    /// An object's members, in order (none for another value).
    var members: [(String, CaseValue)] { objectValue?.entries.map { ($0.key, $0.value) } ?? [] }
}
