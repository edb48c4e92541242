import CaseData
@testable import EngrossServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport

/// The audit log of a server with accounts: every route that touches a case has an action, and
/// every such request that succeeds writes exactly one entry, never with a value of the case.
@Suite struct AuditRouteTests {
    /// Every registered route that names a case, or makes one, has its action in `AuditActions`,
    /// and the table names no route that does not exist: a new route cannot forget the log.
    @Test func everyCaseRouteHasAnAuditAction() async throws {
        let server = try await AccountsTestServer()
        defer { try? FileManager.default.removeItem(atPath: server.folder) }
        var web = try await WebApp.load(server.configuration, store: server.store, today: CivilDate(iso: "2026-11-29")!, log: { _ in })
        web.accounts = try AccountService(server.configuration, store: server.store, secret: web.token)
        let router = Router(context: AppRequestContext.self)
        web.addRoutes(to: router)
        let routes = router.routes.map { "\($0.method.rawValue) \($0.path.description)" }
        let caseRoutes = routes.filter { $0.contains("{case}") || $0.hasPrefix("POST /cases") }
        #expect(caseRoutes.count >= 25)
        for route in caseRoutes {
            let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
            #expect(AuditActions.action(method: parts[0], route: parts[1]) != nil, "\(route) has no audit action")
        }
        for key in AuditActions.table.keys { #expect(routes.contains(key), "\(key) is not a route") }
    }

    /// One request per case route, by the users who may make it: each that succeeds appends one
    /// entry with its action, the case and a detail without values.
    @Test func everyCaseRouteWritesOneAuditEntry() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let tess = try await server.signIn(client, "Tess")
            var covered: Set<String> = []
            var id = ""
            /// Makes a request and checks the log grew by one entry with `action`.
            func expectEntry(_ route: String, _ action: String, detail: String? = nil, as browser: Browser? = nil,
                             _ request: (Browser) async throws -> TestResponse) async throws -> TestResponse {
                let before = try await server.store.auditEntries(organizationID: server.organization.id, limit: 1, before: nil).first?.sequence ?? 0
                let response = try await request(browser ?? avi)
                #expect(response.status.code < 400, "\(route) answered \(response.status)")
                let added = try await server.store.auditEntries(organizationID: server.organization.id, limit: 10, before: nil)
                    .filter { $0.sequence > before }
                #expect(added.count == 1, "\(route) wrote \(added.count) entries")
                if let entry = added.first {
                    #expect(entry.action == action, "\(route)")
                    #expect(entry.actorName == (browser === tess ? "Tess Attorney" : "Avi Advocate"))
                    #expect(entry.caseID == id, "\(route)")
                    if let detail { #expect(entry.detail == detail, "\(route): \(entry.detail)") }
                    #expect(!entry.detail.contains("Quellwater") && !entry.detail.contains("Example Avenue"))
                }
                covered.insert(route)
                return response
            }

            let created = try await avi.post("/cases", [("title", "Intake Audit")])
            id = String(try #require(created.headers[.location]).dropFirst("/cases/".count))
            let first = try #require(try await server.store.auditEntries(organizationID: server.organization.id, limit: 1, before: nil).first)
            #expect(first.action == "created" && first.caseID == id)
            covered.insert("POST /cases")

            _ = try await expectEntry("GET /cases/{case}", "opened") { try await $0.get("/cases/\(id)") }
            _ = try await expectEntry("POST /cases/{case}/rename", "renamed") { try await $0.post("/cases/\(id)/rename", [("title", "Intake Audit 2")]) }
            _ = try await expectEntry("GET /cases/{case}/delete", "opened", detail: "delete page") { try await $0.get("/cases/\(id)/delete") }
            for format in ["json", "yaml", "zip"] {
                _ = try await expectEntry("GET /cases/{case}/case.\(format)", "exported", detail: format) { try await $0.get("/cases/\(id)/case.\(format)") }
            }
            let added = try await expectEntry("POST /cases/{case}/documents", "document-added") {
                try await $0.post("/cases/\(id)/documents", [("template", "letters/support")])
            }
            let form = try #require(added.headers[.location])
            let slot = String(form.split(separator: "/").last!)
            _ = try await expectEntry("GET /cases/{case}/documents/{slot}", "opened", detail: slot) { try await $0.get(form) }
            _ = try await expectEntry("POST /cases/{case}/documents/{slot}/draft", "changed", detail: "\(slot) draft") {
                try await $0.post("\(form)/draft?step=1", [("letterDate", "2026-11-26")])
            }
            for (index, fields) in ServerRouteTests.supportSteps.enumerated() where !fields.isEmpty {
                _ = try await expectEntry("POST /cases/{case}/documents/{slot}", "changed", detail: slot) {
                    try await $0.post("\(form)?step=\(index + 1)", fields + [("action", "next")])
                }
            }
            _ = try await expectEntry("GET /cases/{case}/documents/{slot}/preview.html", "rendered", detail: "\(slot) html") { try await $0.get("\(form)/preview.html") }
            _ = try await expectEntry("GET /cases/{case}/documents/{slot}/document.pdf", "rendered", detail: "\(slot) pdf") { try await $0.get("\(form)/document.pdf") }
            _ = try await expectEntry("GET /cases/{case}/documents/{slot}/document.docx", "rendered", detail: "\(slot) docx") { try await $0.get("\(form)/document.docx") }
            _ = try await expectEntry("GET /cases/{case}/documents/{slot}/data.json", "exported", detail: "\(slot) json") { try await $0.get("\(form)/data.json") }
            _ = try await expectEntry("POST /cases/{case}/documents/{slot}/review", "reviewed", detail: slot, as: tess) { try await $0.post("\(form)/review", []) }

            _ = try await expectEntry("GET /cases/{case}/packets/{packet}", "opened", detail: "t-visa") { try await $0.get("/cases/\(id)/packets/t-visa") }
            let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
            _ = try await expectEntry("POST /cases/{case}/packets/{packet}/exhibits", "uploaded", detail: "t-visa") {
                try await Self.postMultipart($0, "/cases/\(id)/packets/t-visa/exhibits", fields: [("title", "Report")], file: ("file", "r.pdf", pdf))
            }
            _ = try await expectEntry("POST /cases/{case}/packets/{packet}/exhibits/{number}", "changed", detail: "t-visa 1 exhibit") {
                try await $0.post("/cases/\(id)/packets/t-visa/exhibits/1", [("action", "save"), ("title", "Police report")])
            }
            let packetPage = try await avi.get("/cases/\(id)/packets/t-visa").text
            let link = try #require(packetPage.range(of: "/cases/\(id)/uploads/"))
            let upload = String(packetPage[link.lowerBound...].prefix { $0 != "\"" })
            _ = try await expectEntry("GET /cases/{case}/uploads/{file}", "exported") { try await $0.get(upload) }
            // The packet itself: the T visa packet of this case is incomplete, so its build is refused
            // (and logs nothing); a successful build is logged like every other route.
            for format in ["pdf", "zip"] {
                let before = try await server.store.auditEntries(organizationID: server.organization.id, limit: 1, before: nil).first!.sequence
                let response = try await avi.get("/cases/\(id)/packets/t-visa/packet.\(format)")
                let count = try await server.store.auditEntries(organizationID: server.organization.id, limit: 10, before: nil).filter { $0.sequence > before }.count
                #expect(count == (response.status.code < 400 ? 1 : 0))
                covered.insert("GET /cases/{case}/packets/{packet}/packet.\(format)")
            }
            let bea = server.users["Bea"]!.id
            _ = try await expectEntry("POST /cases/{case}/shares", "shared", detail: "Bea Advocate") { try await $0.post("/cases/\(id)/shares", [("user", bea)]) }
            _ = try await expectEntry("POST /cases/{case}/shares/{user}/delete", "unshared", detail: "Bea Advocate") { try await $0.post("/cases/\(id)/shares/\(bea)/delete", []) }
            let duplicated = try await expectEntry("POST /cases/{case}/duplicate", "duplicated") { try await $0.post("/cases/\(id)/duplicate", []) }
            let copy = String(try #require(duplicated.headers[.location]).dropFirst("/cases/".count))
            #expect(try await server.store.auditEntries(organizationID: server.organization.id, limit: 1, before: nil).first?.detail == "copy \(copy)")
            _ = try await expectEntry("POST /cases/{case}/documents/{slot}/delete", "document-removed", detail: slot) { try await $0.post("\(form)/delete", []) }
            _ = try await expectEntry("POST /cases/{case}/delete", "deleted") { try await $0.post("/cases/\(id)/delete", []) }

            let imported = try await Self.postMultipart(avi, "/cases/import", fields: [("title", "Imported")],
                file: ("caseFile", "case.json", Array(#"{"supportLetters": []}"#.utf8)))
            #expect(imported.status == .seeOther)
            let importedEntry = try #require(try await server.store.auditEntries(organizationID: server.organization.id, limit: 1, before: nil).first)
            #expect(importedEntry.action == "imported" && importedEntry.caseID == String(imported.headers[.location]!.dropFirst("/cases/".count)))
            covered.insert("POST /cases/import")

            // A refused request writes nothing; the deleted case's entries remain, and say who deleted it.
            let count = try await server.store.auditEntries(organizationID: server.organization.id, limit: 1000, before: nil).count
            #expect(try await avi.get("/cases/\(id)").status == .notFound)
            #expect(try await server.store.auditEntries(organizationID: server.organization.id, limit: 1000, before: nil).count == count)
            let deleted = try await server.store.auditEntries(organizationID: server.organization.id, limit: 1000, before: nil)
                .first { $0.action == "deleted" && $0.caseID == id }
            #expect(deleted?.actorName == "Avi Advocate")

            #expect(Set(AuditActions.table.keys).subtracting(covered).isEmpty, "not exercised: \(Set(AuditActions.table.keys).subtracting(covered).sorted())")
        }
    }

    @Test func signingInAndOutIsLogged() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            _ = try await avi.post("/sign-out", [])
            let actions = try await server.store.auditEntries(organizationID: server.organization.id, limit: 10, before: nil).map(\.action)
            #expect(actions == ["signed-out", "signed-in"])
        }
    }

    static func postMultipart(_ browser: Browser, _ uri: String, fields: [(String, String)], file: (String, String, [UInt8])) async throws -> TestResponse {
        let boundary = "----EngrossAuditBoundary"
        var body: [UInt8] = []
        for (name, value) in [("_csrf", browser.token ?? "")] + fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.0)\"; filename=\"\(file.1)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += file.2 + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await browser.send(uri, .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
    }
}
