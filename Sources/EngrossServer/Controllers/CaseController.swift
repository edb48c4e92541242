import CaseData
import Foundation
import Hummingbird
import Multipart
import TextSafety
import WriterDOCX

/// The case list and one case's page: create, import, rename, duplicate, export, delete.
struct CaseController {
    let app: WebApp

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, context in try await self.list(context) }
        router.post("/cases") { _, context in try await self.create(context) }
        router.post("/cases/import") { _, context in try await self.importCase(context) }
        router.get("/cases/:case") { _, context in try await self.show(context.parameters.require("case"), context) }
        router.post("/cases/:case/rename") { _, context in try await self.rename(context) }
        router.post("/cases/:case/duplicate") { _, context in try await self.duplicate(context) }
        router.get("/cases/:case/delete") { _, context in try await self.confirmDelete(context.parameters.require("case"), context) }
        router.post("/cases/:case/delete") { _, context in try await self.delete(context.parameters.require("case"), context) }
        router.get("/cases/:case/case.json") { _, context in try await self.export(context.parameters.require("case"), context, yaml: false) }
        router.get("/cases/:case/case.yaml") { _, context in try await self.export(context.parameters.require("case"), context, yaml: true) }
        router.get("/cases/:case/case.zip") { _, context in try await self.exportWithFiles(context.parameters.require("case"), context) }
    }

    func list(_ context: AppRequestContext, message: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let cases = try await app.store.listCases(in: context.scope)
        return app.pages.response("cases", app.page("Cases", [
            "cases": cases.map { ["id": $0.id, "title": $0.title, "updated": WebApp.shownTime($0.updated)] },
            "hasCases": !cases.isEmpty,
            "kinds": app.kinds.kinds.map { ["id": $0.templateID, "title": $0.title] },
            "importError": message ?? "", "hasImportError": message != nil,
        ]), status: status)
    }

    private func create(_ context: AppRequestContext) async throws -> Response {
        let title = try Self.title(WebApp.form(context).last("title"))
        let record = try await app.store.createCase(title: title, json: "{}", owner: context.owner)
        return WebApp.redirect("/cases/\(record.id)")
    }

    /// A title as typed, trimmed; a case needs one so that its user can find it again.
    static func title(_ text: String?) throws -> String {
        let title = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw HTTPError(.badRequest, message: "Give the case a title, such as the intake number.") }
        return String(title.prefix(200))
    }

    // MARK: Import and export

    private func importCase(_ context: AppRequestContext) async throws -> Response {
        guard let form = context.multipart, let file = form.file("caseFile"), file.filename?.isEmpty == false else {
            return try await list(context, message: "Choose a case file (.json, .yaml or .yml) to import.", status: .badRequest)
        }
        let name = TextSafety.forMessage(file.filename ?? "case", limit: 200)
        let format: CaseFile.Format
        if let known = CaseFile.format(of: name) {
            format = known
        } else {
            return try await list(context, message: "\(name): cannot tell the format; case files end in .json, .yaml or .yml.", status: .badRequest)
        }
        let value: CaseValue
        do throws(CaseFileError) {
            value = try CaseFile.parse(Data(file.body), format: format, file: name)
        } catch {
            return try await list(context, message: error.description, status: .unprocessableContent)
        }
        guard let object = value.objectValue else {
            return try await list(context, message: "\(name): the case file must hold a group of fields ({ … } in JSON), not \(value.shapeDescription).",
                status: .unprocessableContent)
        }
        var data = CaseObject()
        let holds = form.value("holds") ?? ""
        if let kind = app.kinds.kind(templateID: holds) {
            data[kind.key] = kind.each ? .list([CaseValue(.object(object))]) : CaseValue(.object(object))
        } else {
            data = object
            // Exhibit files are uploaded on the packet page; paths in an imported file point nowhere here.
            data["exhibits"] = nil
        }
        let title = (form.value("title")?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.isEmpty ? nil : $0 }
            ?? "Imported case"
        let record = try await app.store.createCase(title: String(title.prefix(200)), json: CaseValue(.object(data)).jsonText(pretty: true), owner: context.owner)
        return WebApp.redirect("/cases/\(record.id)")
    }

    private func export(_ id: String, _ context: AppRequestContext, yaml: Bool) async throws -> Response {
        let (_, data) = try await app.loadCase(id, context)
        let value = CaseValue(.object(data))
        if yaml {
            return WebApp.download(Array(value.yamlText().utf8), type: "application/yaml; charset=utf-8", fileName: "case.yaml")
        }
        return WebApp.download(Array((value.jsonText(pretty: true) + "\n").utf8), type: "application/json; charset=utf-8", fileName: "case.json")
    }

    /// The case file and its uploaded exhibits, as a folder `engross packet` reads once unzipped.
    private func exportWithFiles(_ id: String, _ context: AppRequestContext) async throws -> Response {
        let (_, data) = try await app.loadCase(id, context)
        var files: [(path: String, bytes: [UInt8])] = [("case.json", Array((CaseValue(.object(data)).jsonText(pretty: true) + "\n").utf8))]
        for upload in try await app.store.uploads(caseID: id, in: context.scope) {
            if let bytes = try await app.store.uploadContent(caseID: id, uploadID: upload.id, in: context.scope) { files.append((upload.path, bytes)) }
        }
        return WebApp.download(try ZipArchive.archive(files), type: "application/zip", fileName: "case.zip")
    }

    // MARK: One case

    private func show(_ id: String, _ context: AppRequestContext) async throws -> Response {
        let (record, data) = try await app.loadCase(id, context)
        let documents = app.slots(in: data).map { kind, slot -> [String: Any] in
            let problems = app.templates[kind.templateID].map { template in
                template.validate(CaseValue(.object(data)).value(at: slot.path) ?? .object([]), file: nil).filter { $0.severity == .error }.count
            } ?? 0
            let title = kind.each ? "\(kind.title) (\(slot.index.map { $0 + 1 } ?? 1))" : kind.title
            return ["title": title, "href": "/cases/\(id)/documents/\(slot.name)", "problems": problems,
                "ready": problems == 0, "problemText": problems == 1 ? "1 problem to fix" : "\(problems) problems to fix"]
        }
        let packets = app.kinds.packets.map { packet -> [String: Any] in
            ["title": packet.title, "href": "/cases/\(id)/packets/\(packet.id.replacingOccurrences(of: "packets/", with: ""))"]
        }
        var values: [String: Any] = [
            "id": id, "title": record.title, "updated": WebApp.shownTime(record.updated),
            "documents": documents, "hasDocuments": !documents.isEmpty,
            "kinds": app.kinds.kinds.map { ["id": $0.templateID, "title": $0.title] },
            "packets": packets,
            // On the one-user server, and for the owner, attorneys and supervisors of a clinic's.
            "mayManage": context.user.map { WebApp.mayManage($0, record) } ?? true,
        ]
        values["sharing"] = try await app.sharingValues(record, context)
        return app.pages.response("case", app.page("Case", values))
    }

    private func rename(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let title = try Self.title(WebApp.form(context).last("title"))
        try await requireManager(id, context)
        guard WebApp.isID(id), try await app.store.renameCase(id: id, title: title, in: context.scope) else {
            throw HTTPError(.notFound, message: "There is no such case. It may have been deleted.")
        }
        return WebApp.redirect("/cases/\(id)")
    }

    private func duplicate(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("case")
        let (record, _) = try await app.loadCase(id, context)
        guard let copy = try await app.store.duplicateCase(id: id, title: "Copy of " + record.title, owner: context.owner, in: context.scope) else {
            throw HTTPError(.notFound, message: "There is no such case. It may have been deleted.")
        }
        return WebApp.redirect("/cases/\(copy.id)")
    }

    private func confirmDelete(_ id: String, _ context: AppRequestContext) async throws -> Response {
        let record = try await requireManager(id, context)
        return app.pages.response("delete", app.page("Delete the case", ["id": id, "title": record.title]))
    }

    private func delete(_ id: String, _ context: AppRequestContext) async throws -> Response {
        try await requireManager(id, context)
        guard WebApp.isID(id), try await app.store.deleteCase(id: id, in: context.scope) else {
            throw HTTPError(.notFound, message: "There is no such case. It may have been deleted already.")
        }
        return WebApp.redirect("/")
    }

    /// On a server with accounts, renaming and deleting a case are for its owner, attorneys and
    /// supervisors (403 for an advocate it is shared with); a case outside the user's scope is 404.
    /// Returns the case.
    @discardableResult
    private func requireManager(_ id: String, _ context: AppRequestContext) async throws -> CaseRecord {
        let (record, _) = try await app.loadCase(id, context)
        if let user = context.user, !WebApp.mayManage(user, record) {
            throw HTTPError(.forbidden, message: "Only the case's owner, attorneys and supervisors rename or delete a case.")
        }
        return record
    }
}
