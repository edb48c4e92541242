import CaseData
import Engross
@testable import EngrossServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport

/// The HTTP API (`/api/v1/`): tokens, problems, and the same answers as the command line.
@Suite struct APITests {
    // MARK: Tokens

    @Test func aRequestWithoutATokenIsRefusedWithAProblem() async throws {
        try await APIServer().run { client, _ in
            let response = try await client.execute(uri: "/api/v1/templates", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try APIServer.object(response)
            #expect(problem["status"] as? Int == 401)
            #expect((problem["detail"] as? String)?.contains("Authorization: Bearer") == true)
        }
    }

    @Test func aRevokedOrUnknownTokenIsRefused() async throws {
        let server = APIServer()
        try await server.run { client, token in
            #expect(try await client.execute(uri: "/api/v1/templates", method: .get, headers: APIServer.bearer(token)).status == .ok)
            let record = try #require(try await server.store.apiToken(hash: APIToken.hash(token)))
            #expect(try await server.store.revokeAPIToken(id: record.id, organizationID: "org-test"))
            let revoked = try await client.execute(uri: "/api/v1/templates", method: .get, headers: APIServer.bearer(token))
            #expect(revoked.status == .unauthorized)
            #expect(revoked.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            // A well-formed token the store never made.
            let unknown = try await client.execute(uri: "/api/v1/templates", method: .get, headers: APIServer.bearer(APIToken.make()))
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test func theWebAppsSessionCookieIsNoTokenAndNoCSRFCheckApplies() async throws {
        try await APIServer().run { client, _ in
            let response = try await client.execute(uri: "/api/v1/templates/letters~support/validate", method: .post,
                headers: [.cookie: "engross_session=abc", .contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func tokensAreKeptAsTheirHashAndHaveTheirForm() async throws {
        let token = APIToken.make()
        #expect(token.hasPrefix("engr_") && token.count == 48)
        #expect(APIToken.isWellFormed(token))
        #expect(!APIToken.isWellFormed("engr_" + String(repeating: "=", count: 43)))
        #expect(APIToken.make() != token)
        let store = try SQLiteCaseStore()
        let record = try await store.addAPIToken(organizationID: "org-a", name: "LegalServer", tokenHash: APIToken.hash(token))
        #expect(record.tokenHash.count == 64 && record.tokenHash != token)
        #expect(try await store.apiToken(hash: APIToken.hash(token))?.id == record.id)
        #expect(try await store.apiTokens(organizationID: "org-a").map(\.name) == ["LegalServer"])
        #expect(try await store.apiTokens(organizationID: "org-b").isEmpty)
        // Another organization cannot revoke it.
        #expect(try await !store.revokeAPIToken(id: record.id, organizationID: "org-b"))
        #expect(try await store.revokeAPIToken(id: record.id, organizationID: "org-a"))
        #expect(try await store.apiToken(hash: APIToken.hash(token))?.revoked == true)
    }

    @Test func theAPIIsOffWithoutAccounts() async throws {
        try await APIServer(accounts: false).run { client, token in
            let response = try await client.execute(uri: "/api/v1/templates", method: .get, headers: APIServer.bearer(token))
            #expect(response.status == .notFound)
            #expect(try await client.execute(uri: "/api/openapi.json", method: .get).status == .notFound)
        }
    }

    // MARK: Templates

    @Test func theTemplatesAreThoseTheCommandLineLists() async throws {
        try await APIServer().run { client, token in
            let response = try await client.execute(uri: "/api/v1/templates", method: .get, headers: APIServer.bearer(token))
            #expect(response.status == .ok)
            let list = try APIServer.object(response)
            let templates = try #require(list["templates"] as? [[String: Any]])
            let engine = Engine(templatesPath: repositoryRoot.path + "/Templates")
            #expect(templates.compactMap { $0["id"] as? String } == engine.library.templateIDs())
            let support = try #require(templates.first { $0["id"] as? String == "letters/support" })
            #expect(support["address"] as? String == "letters~support")
            #expect(support["version"] as? String == (try engine.library.load("letters/support")).version)
            let packets = try #require(list["packets"] as? [[String: Any]])
            #expect(packets.compactMap { $0["address"] as? String } == ["t-visa", "u-visa-certification"])
        }
    }

    @Test func aTemplatesSchemaIsWhatEngrossSchemaPrints() async throws {
        try await APIServer().run { client, token in
            let response = try await client.execute(uri: "/api/v1/templates/t-visa~declaration/schema", method: .get, headers: APIServer.bearer(token))
            #expect(response.status == .ok)
            let cli = try CLI.run(["schema", "t-visa/declaration"])
            #expect(cli.status == 0)
            #expect(APIServer.same(try APIServer.json(Array(cli.stdout.utf8)), try APIServer.json(Array(response.body.readableBytesView))))
        }
    }

    @Test func aTemplateOutsideTheFolderIsNotFoundAndNothingIsRead() async throws {
        try await APIServer().run { client, token in
            for uri in ["/api/v1/templates/..%2F..%2Fetc%2Fpasswd/schema", "/api/v1/templates/..~..~Package.swift/schema",
                        "/api/v1/templates/common~..~..~Package/schema", "/api/v1/templates/nothing/validate", "/api/v1/nothing"] {
                let method: HTTPRequest.Method = uri.hasSuffix("validate") ? .post : .get
                let response = try await client.execute(uri: uri, method: method, headers: APIServer.bearer(token), body: ByteBuffer(string: "{}"))
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                #expect(!String(buffer: response.body).contains("swift-tools-version"))
            }
        }
    }

    @Test func theServedDocumentNamesTheServersOwnTemplates() throws {
        let data = try Data(contentsOf: try ServerResources.locate().appendingPathComponent("openapi.json"))
        let served = try #require(APIController.document(data, templates: ["clinic~intake"], packets: ["clinic-packet"]))
        let text = String(decoding: served, as: UTF8.self)
        #expect(text.contains("\"enum\":[\"clinic~intake\"]") && text.contains("\"enum\":[\"clinic-packet\"]"))
        #expect(!text.contains("\"example\":\"letters~support\""))
        #expect(APIController.document(Data("{}".utf8), templates: [], packets: []) == nil)
    }

    // MARK: Validating and rendering

    @Test func validateGivesTheDiagnosticsOfValidateJSON() async throws {
        let fixture = "Fixtures/cases/letters/support/invalid-seven-problems.json"
        try await APIServer().run { client, token in
            let body = try Data(contentsOf: repositoryRoot.appendingPathComponent(fixture))
            let response = try await client.execute(uri: "/api/v1/templates/letters~support/validate", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(bytes: Array(body)))
            #expect(response.status == .ok)
            let answer = try APIServer.object(response)
            let cli = try CLI.run(["validate", "letters/support", fixture, "--json"])
            #expect(cli.status == 1)
            let report = try #require(try APIServer.json(Array(cli.stdout.utf8)) as? [String: Any])
            var file = try #require((report["files"] as? [[String: Any]])?.first)
            // The same diagnostics, but for the file: the API's case came in the request.
            let diagnostics = try #require(file["diagnostics"] as? [[String: Any]]).map { diagnostic in
                var copy = diagnostic
                copy["file"] = NSNull()
                return copy
            }
            file["diagnostics"] = diagnostics
            #expect(!diagnostics.isEmpty)
            #expect(answer["valid"] as? Bool == false)
            #expect(answer["template"] as? String == "letters/support")
            for key in ["valid", "errors", "warnings", "diagnostics"] {
                #expect(APIServer.same(answer[key], file[key]), "\(key)")
            }
        }
    }

    @Test func aBodyThatIsNotAJSONObjectIsABadRequest() async throws {
        try await APIServer().run { client, token in
            for body in ["{\"a\": ", "[1, 2]", "not json"] {
                let response = try await client.execute(uri: "/api/v1/templates/letters~support/validate", method: .post,
                    headers: APIServer.bearer(token), body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func renderGivesAPDFAndADOCXAndRefusesAnInvalidCase() async throws {
        let valid = try Array(Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/valid.json")))
        try await APIServer().run { client, token in
            let pdf = try await client.execute(uri: "/api/v1/templates/letters~support/render?format=pdf", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(bytes: valid))
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(Array(pdf.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
            let docx = try await client.execute(uri: "/api/v1/templates/letters~support/render?format=docx&redact=true", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(bytes: valid))
            #expect(docx.status == .ok)
            #expect(Array(docx.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            #expect(docx.headers[.contentDisposition]?.contains("support-redacted.docx") == true)
            let text = try await client.execute(uri: "/api/v1/templates/letters~support/render?format=txt", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(bytes: valid))
            let cli = try CLI.run(["render", "letters/support", "Fixtures/cases/letters/support/valid.json", "-f", "txt", "-o", "-"])
            #expect(String(buffer: text.body) == cli.stdout)

            let invalid = try Array(Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/invalid-seven-problems.json")))
            let refused = try await client.execute(uri: "/api/v1/templates/letters~support/render?format=pdf", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(bytes: invalid))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.headers[.contentType] == "application/problem+json")
            let problem = try APIServer.object(refused)
            #expect((problem["diagnostics"] as? [Any])?.isEmpty == false)
            #expect(problem["valid"] as? Bool == false)

            let noFormat = try await client.execute(uri: "/api/v1/templates/letters~support/render", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(bytes: valid))
            #expect(noFormat.status == .badRequest)

            // A form template fills a blank the server does not hold: refused, not an empty document.
            let formCase = try Array(Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/forms/example-i-000/valid.json")))
            let form = try await client.execute(uri: "/api/v1/templates/forms~example-i-000/render?format=pdf", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(bytes: formCase))
            #expect(form.status == .badRequest)
            #expect((try APIServer.object(form)["detail"] as? String)?.contains("is a form template") == true)
        }
    }

    @Test func anOversizeBodyIsRefusedWithAProblem() async throws {
        try await APIServer(maximumFormBytes: 1 << 20).run { client, token in
            let big = "{\"a\": \"" + String(repeating: "x", count: 2 << 20) + "\"}"
            let response = try await client.execute(uri: "/api/v1/templates/letters~support/validate", method: .post,
                headers: APIServer.bearer(token), body: ByteBuffer(string: big))
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try APIServer.object(response)["status"] as? Int == 413)
        }
    }

    @Test func aMethodNoRouteTakesIsNotAllowed() async throws {
        try await APIServer().run { client, token in
            for (method, uri, allowed) in [(HTTPRequest.Method.put, "/api/v1/templates", "GET"),
                                           (.get, "/api/v1/templates/letters~support/render", "POST"),
                                           (.delete, "/api/v1/packets/t-visa", "POST")] {
                let response = try await client.execute(uri: uri, method: method, headers: APIServer.bearer(token))
                #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(response.headers[.allow] == allowed)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
        #expect(APITokenMiddleware.matches("/api/v1/templates/{template}/schema", "/api/v1/templates/letters~support/schema"))
        #expect(!APITokenMiddleware.matches("/api/v1/templates/{template}/schema", "/api/v1/templates//schema"))
        #expect(!APITokenMiddleware.matches("/api/v1/templates", "/api/v1/templates/x"))
    }

    @Test func everyValidationRenderingAndPacketIsAuditedWithoutAValue() async throws {
        let server = APIServer()
        let store = server.store
        let valid = try Array(Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/valid.json")))
        try await server.run { client, token in
            _ = try await client.execute(uri: "/api/v1/templates", method: .get, headers: APIServer.bearer(token))
            #expect(try await store.auditEntries(organizationID: "org-test", limit: 100, before: nil).isEmpty)
            for (uri, expected) in [("/api/v1/templates/letters~support/validate", HTTPResponse.Status.ok),
                                    ("/api/v1/templates/letters~support/render?format=pdf", .ok),
                                    ("/api/v1/templates/letters~support/render?format=md&redact=true", .ok)] {
                let response = try await client.execute(uri: uri, method: .post, headers: APIServer.bearer(token), body: ByteBuffer(bytes: valid))
                #expect(response.status == expected, "\(uri)")
            }
            let packet = try JSONSerialization.data(withJSONObject: ["case": [String: Any]()])
            _ = try await client.execute(uri: "/api/v1/packets/t-visa?format=zip", method: .post, headers: APIServer.bearer(token), body: ByteBuffer(bytes: Array(packet)))
            // The store's own audit log, oldest first.
            let entries = Array(try await store.auditEntries(organizationID: "org-test", limit: 100, before: nil).reversed())
            #expect(entries.map(\.action) == ["api-validated", "api-rendered", "api-rendered", "api-packet"])
            #expect(entries.map(\.detail) == ["letters/support", "letters/support pdf", "letters/support md redacted", "packets/t-visa zip"])
            #expect(entries.allSatisfy { $0.actorName == "Test CMS" && $0.organizationID == "org-test" && $0.caseID == nil && !$0.address.isEmpty })
            // No value of the case in any entry.
            let text = entries.map { "\($0.actorName) \($0.action) \($0.detail) \($0.address)" }.joined(separator: "\n")
            let fixture = String(decoding: valid, as: UTF8.self)
            for marker in ["Rosa Ejemplo", "A000000001", "Sam Sample"] {
                #expect(fixture.contains(marker) && !text.contains(marker))
            }
        }
    }

    // MARK: Packets

    /// The T visa fixture's case data, and the request body with its exhibits.
    static func fixturePacket() throws -> (data: [String: Any], body: Data) {
        let folder = repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa")
        let data = try #require(try APIServer.json(Array(Data(contentsOf: folder.appendingPathComponent("case.json")))) as? [String: Any])
        var exhibits: [String: String] = [:]
        for exhibit in try #require(data["exhibits"] as? [[String: Any]]) {
            let path = try #require(exhibit["file"] as? String)
            exhibits[path] = try Data(contentsOf: folder.appendingPathComponent(path)).base64EncodedString()
        }
        return (data, try JSONSerialization.data(withJSONObject: ["case": data, "exhibits": exhibits]))
    }

    @Test func aPacketWithAFormNeedsItsBlankOnTheServer() async throws {
        let (_, body) = try Self.fixturePacket()
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("engross-api-forms-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        try await APIServer(formsPath: empty).run { client, token in
            let response = try await client.execute(uri: "/api/v1/packets/t-visa", method: .post, headers: APIServer.bearer(token),
                body: ByteBuffer(bytes: Array(body)))
            #expect(response.status == .internalServerError)
            let detail = try APIServer.object(response)["detail"] as? String ?? ""
            #expect(detail.hasPrefix("The packet cannot be built on this server: packets/t-visa includes the form form-i-000"), "\(detail)")
            #expect(detail.contains("there is no blank form example-i-000.pdf"), "\(detail)")
        }
    }

    @Test func aPacketHasThePagesOfEngrossPacket() async throws {
        let (data, body) = try Self.fixturePacket()
        let bare = try JSONSerialization.data(withJSONObject: ["case": data])
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("engross-api-packet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let cli = try CLI.run(["packet", "t-visa", "Fixtures/packets/t-visa/case.json", "-o", output.path, "--forms", "Fixtures/forms"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let combined = try #require(try FileManager.default.contentsOfDirectory(atPath: output.path).first { $0.hasSuffix(".pdf") })
        let expected = try Self.pages(Array(Data(contentsOf: output.appendingPathComponent(combined))))

        try await APIServer().run { client, token in
            let response = try await client.execute(uri: "/api/v1/packets/t-visa", method: .post, headers: APIServer.bearer(token),
                body: ByteBuffer(bytes: Array(body)))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/pdf")
            let pdf = Array(response.body.readableBytesView)
            #expect(expected > 10)
            #expect(try Self.pages(pdf) == expected)

            let zip = try await client.execute(uri: "/api/v1/packets/t-visa?format=zip&bates=DOE", method: .post, headers: APIServer.bearer(token),
                body: ByteBuffer(bytes: Array(body)))
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            #expect(String(decoding: zip.body.readableBytesView, as: UTF8.self).contains("manifest.json"))

            // Without its exhibits, the packet has problems to fix.
            let refused = try await client.execute(uri: "/api/v1/packets/t-visa", method: .post, headers: APIServer.bearer(token),
                body: ByteBuffer(bytes: Array(bare)))
            #expect(refused.status == .unprocessableContent)
            #expect((try APIServer.object(refused)["diagnostics"] as? [Any])?.isEmpty == false)
        }
    }

    /// `pdfa=true` makes the packet PDF/A-2b (issue #16); anything but true or false is a bad request.
    @Test func aPacketCanBeAskedForAsPDFA() async throws {
        let (_, body) = try Self.fixturePacket()
        try await APIServer().run { client, token in
            func post(_ query: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/packets/t-visa\(query)", method: .post, headers: APIServer.bearer(token),
                    body: ByteBuffer(bytes: Array(body)))
            }
            let archival = try await post("?pdfa=true")
            #expect(archival.status == .ok)
            #expect(Array(archival.body.readableBytesView).firstRange(of: Array("/GTS_PDFA1".utf8)) != nil)
            let plain = try await post("?pdfa=false")
            #expect(plain.status == .ok)
            #expect(Array(plain.body.readableBytesView).firstRange(of: Array("/GTS_PDFA1".utf8)) == nil)
            let wrong = try await post("?pdfa=yes")
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("pdfa is true (PDF/A-2b) or false"))
        }
    }

    @Test func anExhibitIsCheckedByItsPathAndItsFirstBytes() async throws {
        try await APIServer().run { client, token in
            func post(_ exhibits: [String: String]) async throws -> TestResponse {
                let body = try JSONSerialization.data(withJSONObject: ["case": [String: Any](), "exhibits": exhibits])
                return try await client.execute(uri: "/api/v1/packets/t-visa", method: .post, headers: APIServer.bearer(token),
                    body: ByteBuffer(bytes: Array(body)))
            }
            let text = Data("just text".utf8).base64EncodedString()
            #expect(try await post(["exhibits/report.pdf": text]).status == .unprocessableContent)
            for path in ["../report.pdf", "/etc/report.pdf", "exhibits/../../report.pdf", "exhibits/report.exe", ".hidden.pdf", "a/b/c/d/e.pdf"] {
                let response = try await post([path: Data("%PDF-1.4".utf8).base64EncodedString()])
                #expect(response.status == .badRequest, "\(path)")
            }
            #expect(try await post(["exhibits/report.pdf": "%%% not base64"]).status == .badRequest)
        }
        #expect(APIController.isExhibitPath("exhibits/police-report.pdf"))
        #expect(APIController.isExhibitPath("uploads/0b6c.JPEG"))
        #expect(!APIController.isExhibitPath("exhibits./x.pdf"))
    }

    @Test func anExhibitPastTheUploadLimitIsRefused() async throws {
        try await APIServer(maximumUploadBytes: 1 << 20).run { client, token in
            let big = Data(Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: (1 << 20) + 1)).base64EncodedString()
            let body = try JSONSerialization.data(withJSONObject: ["case": [String: Any](), "exhibits": ["exhibits/big.pdf": big]])
            let response = try await client.execute(uri: "/api/v1/packets/t-visa", method: .post, headers: APIServer.bearer(token),
                body: ByteBuffer(bytes: Array(body)))
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    // MARK: The OpenAPI document

    @Test func theDocumentIsServedWithoutATokenAndListsExactlyTheRoutes() async throws {
        let server = APIServer()
        try await server.run { client, _ in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try APIServer.object(response)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let app = try await WebApp.load(server.configuration, store: server.store, today: CivilDate(iso: "2026-11-29")!, log: { _ in })
            let controller = try APIController(app: app, resources: try ServerResources.locate(), log: { _ in })
            let routed = Set(controller.routes.map { "\($0.method.rawValue) \($0.path)" })
            #expect(documented == routed)
            // No route takes a case id: the API never reads a stored case.
            let parameters = Set(controller.routes.flatMap { route in
                route.path.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) }
            })
            #expect(parameters == ["template", "packet"])

            // The templates and packets the document names are those of the templates folder: in the
            // repository's document (the shipped templates), and in the one served.
            #expect(controller.templates.keys.sorted() == app.engine.library.templateIDs())
            let kept = try #require(try APIServer.json(Array(Data(contentsOf: try ServerResources.locate().appendingPathComponent("openapi.json")))) as? [String: Any])
            for document in [document, kept] {
                let components = try #require(document["components"] as? [String: Any])
                let template = try #require((components["parameters"] as? [String: [String: Any]])?["Template"]?["schema"] as? [String: Any])
                #expect(template["enum"] as? [String] == app.engine.library.templateIDs().map(APIController.address))
                let packet = try #require(((document["paths"] as? [String: [String: Any]])?["/api/v1/packets/{packet}"]?["post"] as? [String: Any])?["parameters"] as? [[String: Any]])
                let packetEnum = (packet.first { $0["name"] as? String == "packet" }?["schema"] as? [String: Any])?["enum"] as? [String]
                #expect(packetEnum == app.engine.library.packetIDs().map(APIController.packetAddress))
            }

            // Every documented operation is answered by its route, not by the router's 404.
            for (path, operations) in paths {
                for method in operations.keys {
                    let uri = path.replacingOccurrences(of: "{template}", with: "letters~support").replacingOccurrences(of: "{packet}", with: "t-visa")
                    let answer = try await client.execute(uri: uri, method: HTTPRequest.Method(method.uppercased())!, headers: APIServer.bearer(server.token),
                        body: ByteBuffer(string: "{}"))
                    #expect(answer.status != .notFound && answer.status != .methodNotAllowed, "\(method) \(path)")
                }
            }
        }
    }

    static func pages(_ pdf: [UInt8]) throws -> Int {
        let info = try pdfTool("pdfinfo", pdf)
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }
}

/// A server with accounts over a fresh SQLite file holding one API token of organization
/// `org-test`, driven without a socket.
struct APIServer {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engross-api-tests-\(UUID().uuidString)").path
    let configuration: ServerConfiguration
    let store: SQLiteCaseStore
    let token = APIToken.make()

    init(accounts: Bool = true, maximumFormBytes: Int = 8 << 20, maximumUploadBytes: Int = 100 << 20,
        formsPath: String = repositoryRoot.path + "/Fixtures/forms") {
        configuration = ServerConfiguration(templatesPath: repositoryRoot.path + "/Templates", dataPath: folder + "/data", port: 0,
            maximumUploadBytes: maximumUploadBytes, maximumFormBytes: maximumFormBytes, accounts: accounts, formsPath: formsPath)
        try! PrivateFolder.create(folder + "/data")
        store = try! SQLiteCaseStore(path: folder + "/data/engross.sqlite", cipher: FieldCipher.random())
    }

    /// Runs `body` with a client of the app and the token; removes the data folder afterwards.
    func run(_ body: @escaping @Sendable (any TestClientProtocol, String) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try await store.addAPIToken(organizationID: "org-test", name: "Test CMS", tokenHash: APIToken.hash(token))
        let app = try await buildApplication(configuration, store: store, today: CivilDate(iso: "2026-11-29")!, log: { _ in })
        let token = self.token
        try await app.test(.router) { client in try await body(client, token) }
    }

    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    static func json(_ bytes: [UInt8]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try json(Array(response.body.readableBytesView)) as? [String: Any])
    }

    /// Whether two decoded JSON values are equal.
    static func same(_ left: Any?, _ right: Any?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        let encode = { (value: Any) in try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]) }
        return encode(left) != nil && encode(left) == encode(right)
    }
}

/// The built `engross`, run in the repository with today fixed at 2026-11-29.
enum CLI {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = engrossProcess(arguments)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("engross-api-cli-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path + ".out", contents: nil)
        FileManager.default.createFile(atPath: output.path + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: output.path + ".out")
            try? FileManager.default.removeItem(atPath: output.path + ".err")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output.path + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: output.path + ".err"))
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: output.path + ".out", encoding: .utf8),
            try String(contentsOfFile: output.path + ".err", encoding: .utf8))
    }
}

