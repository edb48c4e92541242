import CaseData
import Engross
import Foundation
import Hummingbird
import Multipart
import Templating
import WriterDOCX

/// A case's packet page: which of its documents are ready, the exhibits (uploaded, titled,
/// ordered), and the packet built with a Bates prefix, downloaded as its PDF or as a ZIP of every
/// file with the manifest.
struct PacketController {
    let app: WebApp

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/cases/:case/packets/:packet") { request, context in try await self.show(request, context) }
        router.post("/cases/:case/packets/:packet/exhibits") { _, context in try await self.upload(context) }
        router.post("/cases/:case/packets/:packet/exhibits/:number") { _, context in try await self.change(context) }
        router.get("/cases/:case/uploads/:file") { _, context in try await self.uploaded(context) }
        router.get("/cases/:case/packets/:packet/packet.pdf") { request, context in try await self.download(request, context, zip: false) }
        router.get("/cases/:case/packets/:packet/packet.zip") { request, context in try await self.download(request, context, zip: true) }
    }

    private func packet(_ context: AppRequestContext) throws -> Packet {
        let name = try context.parameters.require("packet")
        guard let packet = app.packets["packets/" + name] else { throw HTTPError(.notFound, message: "There is no such packet.") }
        return packet
    }

    private func base(_ id: String, _ packet: Packet) -> String {
        "/cases/\(id)/packets/\(packet.definition.id.replacingOccurrences(of: "packets/", with: ""))"
    }

    // MARK: The page

    private func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let packet = try packet(context)
        let (record, data) = try await app.loadCase(id, context)
        return page(id: id, record: record, data: data, packet: packet, problems: nil, uploadError: nil,
            bates: request.uri.queryParameters["bates"].map(String.init) ?? "")
    }

    func page(
        id: String, record: CaseRecord, data: CaseObject, packet: Packet, problems: [Diagnostic]?, uploadError: String?,
        bates: String, archival: Bool = false, status: HTTPResponse.Status = .ok
    ) -> Response {
        let documents = packet.definition.documents.map { entry -> [String: Any] in
            let kind = app.kinds.kind(templateID: entry.template)
            let key = entry.data?.lastKey ?? entry.name
            // Every template of the packet, forms too (which the web app does not edit: no kind).
            let template = packet.templates[entry.template]
            var items: [[String: Any]] = []
            func item(_ value: CaseValue, slot: DocumentSlot) -> [String: Any] {
                let errors = template?.validate(value, file: nil).filter { $0.severity == .error }.count ?? 0
                return ["href": "/cases/\(id)/documents/\(slot.name)", "number": (slot.index ?? 0) + 1, "ready": errors == 0,
                    "problemText": errors == 1 ? "1 problem to fix" : "\(errors) problems to fix"]
            }
            if entry.each {
                for (index, value) in (data[key]?.listValue ?? []).enumerated() { items.append(item(value, slot: DocumentSlot(key: key, index: index))) }
            } else if let value = data[key] {
                items.append(item(value, slot: DocumentSlot(key: key, index: nil)))
            }
            return ["title": kind?.title ?? template?.template.meta.title ?? entry.name, "each": entry.each, "items": items,
                "missing": items.isEmpty, "templateID": entry.template, "optional": entry.each,
                "editable": kind != nil, "isForm": template?.template.isForm == true, "key": key]
        }
        let exhibits = (data[packet.definition.exhibitList.lastKey ?? "exhibits"]?.listValue ?? []).enumerated().map { index, value -> [String: Any] in
            let object = value.objectValue ?? CaseObject()
            let count = data[packet.definition.exhibitList.lastKey ?? "exhibits"]?.listValue?.count ?? 0
            let file = object["file"]?.stringValue.flatMap(Self.uploadID).map { "/cases/\(id)/uploads/\($0)" } ?? ""
            return ["number": index + 1, "letter": Citations.exhibitLetter(index), "reference": object["id"]?.stringValue ?? "",
                "fileHref": file, "hasFile": !file.isEmpty,
                "title": object["title"]?.stringValue ?? "", "source": object["source"]?.stringValue ?? "",
                "date": object["date"]?.stringValue ?? "", "first": index == 0, "last": index == count - 1,
                "href": base(id, packet) + "/exhibits/\(index + 1)"]
        }
        let shown = (problems ?? []).map { diagnostic -> [String: Any] in
            let link = documentLink(id: id, path: diagnostic.path)
            return ["text": (link.map { $0.title + ": " } ?? "") + FormControls.sentence(diagnostic), "href": link?.href ?? "", "hasLink": link != nil]
        }
        return app.pages.response("packet", app.page(packet.definition.title, [
            "caseID": id, "caseTitle": record.title, "title": packet.definition.title, "base": base(id, packet),
            "documents": documents, "exhibits": exhibits, "hasExhibits": !exhibits.isEmpty,
            "problems": shown, "hasProblems": !shown.isEmpty, "uploadError": uploadError ?? "", "hasUploadError": uploadError != nil,
            "bates": bates, "pdfa": archival, "maximumMB": app.configuration.maximumUploadBytes >> 20,
        ]), status: status)
    }

    /// The document a packet diagnostic is about (`supportLetters[1].author.name`): its title as
    /// the case page shows it, and its review step, which lists the problem with a link to the field.
    private func documentLink(id: String, path: String) -> (title: String, href: String)? {
        let key = path.prefix { $0.isLetter || $0.isNumber }
        guard !key.isEmpty, let kind = app.kinds.kind(key: String(key)) else { return nil }
        var slot = DocumentSlot(key: String(key), index: nil)
        if kind.each {
            let rest = path.dropFirst(key.count)
            guard rest.first == "[", let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return nil }
            slot.index = index
        }
        let title = kind.each ? "\(kind.title) (\((slot.index ?? 0) + 1))" : kind.title
        return (title, "/cases/\(id)/documents/\(slot.name)?step=\(reviewStep(kind))")
    }

    private func reviewStep(_ kind: DocumentKinds.Kind) -> Int {
        (app.steps[kind.templateID]?.count ?? 0) + 1
    }

    // MARK: Exhibits

    private func exhibitsKey(_ packet: Packet) -> String { packet.definition.exhibitList.lastKey ?? "exhibits" }

    private func upload(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let packet = try packet(context)
        var (record, data) = try await app.loadCase(id, context)
        func refuse(_ message: String, _ status: HTTPResponse.Status) -> Response {
            page(id: id, record: record, data: data, packet: packet, problems: nil, uploadError: message, bates: "", status: status)
        }
        guard let form = context.multipart, let file = form.file("file"), !(file.filename ?? "").isEmpty, !file.body.isEmpty else {
            return refuse("Choose the exhibit's file (PDF, PNG or JPEG).", .badRequest)
        }
        guard let kind = UploadKind(file.body) else {
            return refuse("The file is not a PDF, PNG or JPEG (its content was checked, not its name). Scan or save it as one of these.", .unsupportedMediaType)
        }
        let title = (form.value("title") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { return refuse("Give the exhibit a title, as the index of exhibits will show it.", .badRequest) }
        var reference = (form.value("reference") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reference.isEmpty { reference = Self.reference(from: title) }
        guard reference.count <= 60, reference.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return refuse("The exhibit's short name may hold only letters, digits, - and _ (e.g. police-report).", .badRequest)
        }
        var exhibits = data[exhibitsKey(packet)]?.listValue ?? []
        if exhibits.contains(where: { $0.objectValue?["id"]?.stringValue == reference }) {
            return refuse("Another exhibit already has the short name \(reference); give this one its own.", .badRequest)
        }
        guard let stored = try await app.store.addUpload(caseID: id, kind: kind.rawValue, content: file.body, in: context.scope) else {
            throw HTTPError(.notFound, message: "There is no such case. It may have been deleted.")
        }
        var entries: [(String, CaseValue)] = [("id", .string(reference)), ("file", .string(stored.path)), ("title", .string(title))]
        if let source = form.value("source")?.trimmingCharacters(in: .whitespacesAndNewlines), !source.isEmpty { entries.append(("source", .string(source))) }
        if let date = form.value("date")?.trimmingCharacters(in: .whitespacesAndNewlines), !date.isEmpty { entries.append(("date", .string(date))) }
        exhibits.append(.object(entries))
        data[exhibitsKey(packet)] = .list(exhibits)
        try await app.saveCase(id, data, context)
        return WebApp.redirect(base(id, packet) + "#exhibits")
    }

    /// `Incident report (sheriff)` → `incident-report-sheriff`.
    static func reference(from title: String) -> String {
        var words: [String] = []
        var word = ""
        for character in title.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber { word.append(character) } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        let joined = words.prefix(5).joined(separator: "-")
        return joined.isEmpty ? "exhibit" : String(joined.prefix(40))
    }

    /// Saves an exhibit's title, source and date, or moves or removes it.
    private func change(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let packet = try packet(context)
        guard let number = Int(try context.parameters.require("number")), number >= 1 else {
            throw HTTPError(.notFound, message: "There is no such exhibit.")
        }
        let form = try WebApp.form(context)
        var (_, data) = try await app.loadCase(id, context)
        var exhibits = data[exhibitsKey(packet)]?.listValue ?? []
        let index = number - 1
        guard exhibits.indices.contains(index) else { throw HTTPError(.notFound, message: "There is no such exhibit. It may have been removed.") }
        switch form.last("action") ?? "save" {
        case "up": if index > 0 { exhibits.swapAt(index, index - 1) }
        case "down": if index + 1 < exhibits.count { exhibits.swapAt(index, index + 1) }
        case "delete":
            let removed = exhibits.remove(at: index)
            if let path = removed.objectValue?["file"]?.stringValue, let upload = Self.uploadID(path) {
                _ = try await app.store.deleteUpload(caseID: id, uploadID: upload, in: context.scope)
            }
        default:
            var object = exhibits[index].objectValue ?? CaseObject()
            for key in ["title", "source", "date"] {
                let text = (form.last(key) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                object[key] = text.isEmpty ? (key == "title" ? object[key] : nil) : .string(text)
            }
            exhibits[index] = CaseValue(.object(object))
        }
        data[exhibitsKey(packet)] = exhibits.isEmpty ? nil : .list(exhibits)
        try await app.saveCase(id, data, context)
        return WebApp.redirect(base(id, packet) + "#exhibits")
    }

    /// `uploads/ID.pdf` → `ID`.
    static func uploadID(_ path: String) -> String? {
        guard path.hasPrefix("uploads/"), let dot = path.lastIndex(of: ".") else { return nil }
        let id = String(path[path.index(path.startIndex, offsetBy: 8)..<dot])
        return WebApp.isID(id) ? id : nil
    }

    /// An uploaded exhibit, as a download: the browser's own viewer opens it outside the app.
    private func uploaded(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let upload = try context.parameters.require("file")
        guard WebApp.isID(id), WebApp.isID(upload), let record = try await app.store.uploads(caseID: id, in: context.scope).first(where: { $0.id == upload }),
            let bytes = try await app.store.uploadContent(caseID: id, uploadID: upload, in: context.scope)
        else { throw HTTPError(.notFound, message: "There is no such exhibit file. It may have been removed.") }
        let type = ["pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"][record.kind] ?? "application/octet-stream"
        return WebApp.download(bytes, type: type, fileName: "exhibit." + (record.kind == "jpeg" ? "jpg" : record.kind))
    }

    // MARK: Building

    private func download(_ request: Request, _ context: AppRequestContext, zip: Bool) async throws -> Response {
        let id = try context.parameters.require("case")
        let packet = try packet(context)
        let (record, data) = try await app.loadCase(id, context)
        let bates = (request.uri.queryParameters["bates"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        // The "PDF/A" checkbox: sent as "true" when ticked.
        let archival = request.uri.queryParameters["pdfa"] == "true"
        if !bates.isEmpty, !PacketWriter.isValidBatesPrefix(bates) {
            let problem = Diagnostic(.error, .patternMismatch, path: "", label: "Bates prefix",
                message: "takes 1 to 20 letters, digits, - or _ (e.g. DOE)")
            return page(id: id, record: record, data: data, packet: packet, problems: [problem], uploadError: nil, bates: bates,
                archival: archival, status: .unprocessableContent)
        }
        switch try await PacketBuilder(store: app.store, configuration: app.configuration).build(packet, caseID: id, scope: context.scope, data: data,
            bates: bates.isEmpty ? nil : bates, archival: archival) {
        case .problems(let problems):
            return page(id: id, record: record, data: data, packet: packet, problems: problems, uploadError: nil, bates: bates,
                archival: archival, status: .unprocessableContent)
        case .built(let rendered, let writer):
            let stem = packet.definition.id.replacingOccurrences(of: "packets/", with: "")
            if zip {
                return WebApp.download(try ZipArchive.archive(rendered.files), type: "application/zip", fileName: "\(stem)-packet.zip")
            }
            let combined = rendered.files.first { $0.path == writer.combinedFileName }?.bytes ?? []
            return WebApp.download(combined, type: "application/pdf", fileName: writer.combinedFileName)
        }
    }
}
