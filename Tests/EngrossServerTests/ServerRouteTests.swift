import CaseData
import EngrossServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing
import TestSupport

/// The routes of `engross serve`, one test per promise the issue makes: CSRF, limits, import
/// errors, deletion, headers, logs, and the form's round trip through the engine.
@Suite struct ServerRouteTests {
    /// The minimal valid support letter, step by step as the form sends it.
    static let supportSteps: [[(String, String)]] = [
        [("letterDate", "2026-11-26"), ("visa", "t")],
        [("organization.addressLine1", "100 Example Avenue"), ("organization.addressLine2", "Example Town, OH 00000")],
        [("client.fullName", "Zorbatine Quellwater"), ("client.pronouns", "she"), ("client.aNumber", "A000000001")],
        [("knownSince", "2026-06-01"), ("role", "advocate"), ("services#count", "1"),
         ("services[0].description", "Emergency shelter and case management"), ("consentToShare", "false")],
        [],
        [("author.name", "Kim Sample"), ("author.title", "Advocate"), ("author.organization", "Example Survivor Services")],
    ]

    /// A case with a filled-in support letter; returns the case id and the form's address.
    static func filledLetter(_ client: TestServer.Client) async throws -> (String, String) {
        let id = try await client.createCase()
        let form = try await client.addDocument(id, "letters/support")
        for (index, fields) in supportSteps.enumerated() where !fields.isEmpty {
            let response = try await client.post("\(form)?step=\(index + 1)", fields + [("action", "next")])
            #expect(response.status == .seeOther)
        }
        return (id, form)
    }

    @Test func aPostWithoutTheTokenIsRefused() async throws {
        try await TestServer().run { client in
            let refused = try await client.post("/cases", [("title", "Intake 1")], withToken: false)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("reload the page"))
            let forged = try await client.post("/cases", [("_csrf", String(repeating: "0", count: 64)), ("title", "Intake 1")], withToken: false)
            #expect(forged.status == .forbidden)
            let accepted = try await client.post("/cases", [("title", "Intake 1")])
            #expect(accepted.status == .seeOther)
            // A script's request carries the token in a header instead.
            let id = try await client.createCase()
            let form = try await client.addDocument(id, "letters/support")
            let draft = try await client.client.execute(uri: "\(form)/draft?step=1", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .init("X-CSRF-Token")!: client.token],
                body: .init(string: "letterDate=2026-11-26"))
            #expect(draft.status == .ok)
        }
    }

    @Test func aPostFromAnotherSiteIsRefusedEvenWithTheToken() async throws {
        try await TestServer().run { client in
            let crossSite = try await client.post("/cases", [("title", "x")], headers: [.init("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let otherOrigin = try await client.post("/cases", [("title", "x")], headers: [.origin: "http://evil.example", .init("Host")!: "127.0.0.1:8080"])
            #expect(otherOrigin.status == .forbidden)
        }
    }

    @Test func aRequestForAnotherHostNameIsRefused() async throws {
        // A page elsewhere that points its own domain at 127.0.0.1 (DNS rebinding) is not served.
        // Over a real socket: the test clients always send "localhost".
        let server = TestServer()
        defer { try? FileManager.default.removeItem(atPath: server.folder) }
        let address = Mutex<Int?>(nil)
        let app = try await buildApplication(server.configuration, today: CivilDate(iso: "2026-11-29")!, log: { _ in },
            onServerRunning: { url in address.withLock { $0 = Int(url.split(separator: ":").last?.dropLast() ?? "") } })
        let running = Task { try await app.run() }
        defer { running.cancel() }
        var port: Int?
        for _ in 0..<200 where port == nil {
            try await Task.sleep(for: .milliseconds(10))
            port = address.withLock { $0 }
        }
        let open = try #require(port)
        let rebound = try RawHTTP.statusLine(port: open, host: "rebind.example:\(open)")
        #expect(rebound == "HTTP/1.1 421 Misdirected Request")
        let own = try RawHTTP.statusLine(port: open, host: "127.0.0.1:\(open)")
        #expect(own == "HTTP/1.1 200 OK")
        #expect(try RawHTTP.statusLine(port: open, host: "localhost:\(open)") == "HTTP/1.1 200 OK")
    }

    @Test func anOversizedUploadIsRefusedWith413() async throws {
        try await TestServer(maximumUploadBytes: 1 << 20).run { client in
            let id = try await client.createCase()
            let big = [UInt8]("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: 3 << 20)
            let response = try await client.postMultipart("/cases/\(id)/packets/t-visa/exhibits",
                fields: [("title", "Incident report")], files: [("file", "report.pdf", big)])
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("larger than 1 MB"))
            // An ordinary form has its own, smaller limit.
            let form = try await client.post("/cases", [("title", String(repeating: "x", count: 9 << 20))])
            #expect(form.status == .contentTooLarge)
        }
    }

    @Test func importingAJSONCaseWithASyntaxErrorGivesTheLineAndColumn() async throws {
        try await TestServer().run { client in
            let broken = Array("{\n  \"letterDate\": \"2026-11-26\",\n  \"visa\": t\n}\n".utf8)
            let response = try await client.postMultipart("/cases/import", fields: [("holds", "letters/support"), ("title", "Imported")],
                files: [("caseFile", "letter.json", broken)])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("letter.json:3:11: error: expected a value but found text without double quotes"))
            // Nothing was created.
            #expect(!(try await client.get("/").text.contains("Imported")))
        }
    }

    @Test func anImportedCaseIsTheSameJSONTheCommandLineReads() async throws {
        try await TestServer().run { client in
            let fixture = try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/cases/letters/support/minimal.json"))
            let response = try await client.postMultipart("/cases/import", fields: [("holds", "letters/support"), ("title", "Imported")],
                files: [("caseFile", "minimal.json", Array(fixture))])
            #expect(response.status == .seeOther)
            let id = String(try #require(response.headers[.location]).dropFirst("/cases/".count))
            let exported = try await client.get("/cases/\(id)/documents/supportLetters-1/data.json")
            let original = try JSONCaseParser.parse(Array(fixture), file: "a")
            let roundTrip = try JSONCaseParser.parse(Array(exported.body.readableBytesView), file: "b")
            #expect(roundTrip.jsonText() == original.jsonText())
            let yaml = try await client.get("/cases/\(id)/case.yaml")
            let fromYAML = try CaseFile.parse(Data(yaml.body.readableBytesView), format: .yaml, file: "case.yaml")
            #expect(fromYAML.objectValue?["supportLetters"]?.listValue?.first?.jsonText() == original.jsonText())
        }
    }

    @Test func aPacketPageShowsAnImportedFormWithoutAnEditor() async throws {
        try await TestServer().run { client in
            let fixture = try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa/case.json"))
            let response = try await client.postMultipart("/cases/import", fields: [("holds", ""), ("title", "Imported packet")],
                files: [("caseFile", "case.json", Array(fixture))])
            #expect(response.status == .seeOther)
            let id = String(try #require(response.headers[.location]).dropFirst("/cases/".count))
            let page = try await client.get("/cases/\(id)/packets/t-visa").text
            // The form template's title, what it is, its data checked, and no link to an editor it does not have.
            #expect(page.contains("Example Form I-000 (an invented test form)"))
            #expect(page.contains("an official form, filled from the case file's <code>formI000</code>"))
            #expect(page.contains("In the case file <span class=\"badge ok\">Ready</span>"))
            #expect(!page.contains("/documents/formI000"))
            #expect(!page.contains("value=\"forms/example-i-000\""))
        }
    }

    @Test func aDeletedCaseIsGoneFromTheDatabaseFile() async throws {
        let server = TestServer()
        try await server.run { client in
            let marker = "Zorbatine Quellwater"
            let id = try await client.createCase("Intake 77")
            let form = try await client.addDocument(id, "letters/support")
            _ = try await client.post("\(form)?step=3", [("client.fullName", marker), ("action", "save")])
            let pdf = Array("%PDF-1.4\n% Quellwater exhibit bytes\n".utf8)
            _ = try await client.postMultipart("/cases/\(id)/packets/t-visa/exhibits", fields: [("title", "Quellwater letter")], files: [("file", "x.pdf", pdf)])
            // Before the deletion, the values are in the database, sealed: the server reads them
            // back, the file (and its write-ahead log) holds none in clear.
            #expect(try await client.get("/cases/\(id)/case.json").text.contains(marker))
            for path in [server.databasePath, server.databasePath + "-wal"] {
                #expect(try !Self.fileContains(path, marker))
                #expect(try !Self.fileContains(path, "Quellwater exhibit bytes"))
                #expect(try !Self.fileContains(path, "Intake 77"))
            }

            let confirm = try await client.get("/cases/\(id)/delete")
            #expect(confirm.text.contains("cannot be undone"))
            let deleted = try await client.post("/cases/\(id)/delete", [])
            #expect(deleted.status == .seeOther)
            #expect(try await client.get("/cases/\(id)").status == .notFound)
            for path in [server.databasePath, server.databasePath + "-wal", server.databasePath + "-journal"] {
                #expect(try !Self.fileContains(path, marker))
                #expect(try !Self.fileContains(path, "Quellwater"))
                #expect(try !Self.fileContains(path, "Intake 77"))
            }
        }
    }

    static func fileContains(_ path: String, _ text: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.range(of: Data(text.utf8)) != nil
    }

    @Test func theDatabaseFileIsReadableByItsOwnerOnly() async throws {
        let server = TestServer()
        try await server.run { client in
            _ = try await client.createCase()
            let attributes = try FileManager.default.attributesOfItem(atPath: server.databasePath)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let folder = try FileManager.default.attributesOfItem(atPath: server.folder + "/data")
            #expect((folder[.posixPermissions] as? Int) == 0o700)
        }
    }

    @Test func everyPageCarriesTheSecurityHeaders() async throws {
        try await TestServer().run { client in
            let (id, form) = try await Self.filledLetter(client)
            for uri in ["/", "/cases/\(id)", "\(form)?step=2", "\(form)/document.pdf", "/no-such-page"] {
                let response = try await client.get(uri)
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true, "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false, "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer", "\(uri)")
                #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
            }
            // The preview has no script at all, and only this site may frame it.
            let preview = try await client.get("\(form)/preview.html")
            #expect(preview.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
            #expect(preview.headers[.contentSecurityPolicy]?.contains("script-src") == false)
            #expect(preview.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self'") == true)
            // No page has an inline script.
            let page = try await client.get("\(form)?step=4").text
            #expect(!page.contains("<script>") && !page.contains("onclick=") && !page.contains("javascript:"))
            #expect(page.contains("Quick exit"))
        }
    }

    @Test func noLogLineHoldsACaseValue() async throws {
        let server = TestServer()
        try await server.run { client in
            let (id, form) = try await Self.filledLetter(client)
            _ = try await client.get("\(form)/document.pdf")
            _ = try await client.get("/cases/\(id)/case.json")
            _ = try await client.get("/cases/\(id)?name=Zorbatine")
        }
        let lines = server.log.all
        #expect(lines.count > 10)
        for line in lines {
            for value in ["Zorbatine", "Quellwater", "A000000001", "Kim Sample", "Emergency shelter", "Intake"] {
                #expect(!line.contains(value), "\(line)")
            }
        }
        #expect(lines.contains { $0.hasPrefix("POST /cases/{id}/documents/supportLetters-1 303 ") })
    }

    @Test func theFormSavesEachStepAsTheCaseFileTheCommandLineReads() async throws {
        try await TestServer().run { client in
            let (id, form) = try await Self.filledLetter(client)
            let data = try await client.get("\(form)/data.json")
            let value = try JSONCaseParser.parse(Array(data.body.readableBytesView), file: "x")
            #expect(value.objectValue?["client"]?.objectValue?["fullName"]?.stringValue == "Zorbatine Quellwater")
            #expect(value.objectValue?["services"]?.listValue?.count == 1)
            #expect(value.objectValue?["consentToShare"]?.kind == .bool(false))
            // Steps are in the case's packet shape: the same JSON `engross packet` reads.
            let whole = try await client.get("/cases/\(id)/case.json")
            let root = try JSONCaseParser.parse(Array(whole.body.readableBytesView), file: "x")
            #expect(root.objectValue?.keys == ["supportLetters"])
        }
    }

    @Test func problemsAppearBesideTheirFieldsInTheEnginesWords() async throws {
        try await TestServer().run { client in
            let id = try await client.createCase()
            let form = try await client.addDocument(id, "letters/support")
            let saved = try await client.post("\(form)?step=4", [("knownSince", "2026-02-30"), ("role", ""), ("action", "save")])
            #expect(saved.headers[.location]?.hasSuffix("?step=4&check=1") == true)
            let page = try await client.get("\(form)?step=4&check=1").text
            // The engine's message, beside the field and tied to it.
            #expect(page.contains("<p class=\"error-message\" id=\"f-knownSince-error\"><span>Date the author first met the client: &quot;2026-02-30&quot; is not a real date: February 2026 has 28 days"))
            #expect(page.contains("aria-describedby=\"f-knownSince-error\" aria-required=\"true\" aria-invalid=\"true\""))
            #expect(page.contains("<a href=\"#f-role\">Author&#39;s role with the client is required but missing</a>"))
            // The script's round trip gives the diagnostics of `validate --json`, with the control of each.
            let draft = try await client.post("\(form)/draft?step=4", [("knownSince", "2026-02-30")])
            let answer = try JSONCaseParser.parse(Array(draft.body.readableBytesView), file: "x")
            let diagnostics = answer.objectValue?["diagnostics"]?.listValue ?? []
            let knownSince = diagnostics.first { $0.objectValue?["path"]?.stringValue == "knownSince" }?.objectValue
            #expect(knownSince?["code"]?.stringValue == "invalid-date")
            #expect(knownSince?["input"]?.stringValue == "f-knownSince")
            #expect(knownSince?["severity"]?.stringValue == "error")
        }
    }

    @Test func aRequiredIfFieldIsMarkedWhenItsConditionHolds() async throws {
        try await TestServer().run { client in
            let id = try await client.createCase()
            let form = try await client.addDocument(id, "letters/support")
            let tLetter = try await client.post("\(form)/draft?step=1", [("visa", "t")]).text
            #expect(!tLetter.contains("f-lawEnforcementAgency"))
            let uLetter = try await client.post("\(form)/draft?step=1", [("visa", "u")]).text
            #expect(uLetter.contains("\"required\":[\"f-lawEnforcementAgency\"]"))
            let page = try await client.get("\(form)?step=4").text
            #expect(page.contains("data-required-for=\"f-lawEnforcementAgency\" data-conditional> (required)"))
        }
    }

    @Test func listButtonsAddRemoveAndMoveItems() async throws {
        try await TestServer().run { client in
            let id = try await client.createCase()
            let form = try await client.addDocument(id, "letters/support")
            let added = try await client.post("\(form)?step=4", [("services#count", "0"), ("action", "add:services")])
            #expect(added.headers[.location]?.hasSuffix("#f-services-0") == true)
            _ = try await client.post("\(form)?step=4", [("services#count", "1"), ("services[0].description", "Shelter"), ("action", "add:services")])
            _ = try await client.post("\(form)?step=4", [("services#count", "2"), ("services[0].description", "Shelter"),
                ("services[1].description", "Counseling"), ("action", "up:services[1]")])
            var data = try await client.get("\(form)/data.json").text
            let counseling = try #require(data.range(of: "Counseling")), shelter = try #require(data.range(of: "Shelter"))
            #expect(counseling.lowerBound < shelter.lowerBound)
            _ = try await client.post("\(form)?step=4", [("services#count", "2"), ("services[0].description", "Counseling"),
                ("services[1].description", "Shelter"), ("action", "remove:services[0]")])
            data = try await client.get("\(form)/data.json").text
            #expect(!data.contains("Counseling") && data.contains("Shelter"))
        }
    }

    @Test func aValidDocumentDownloadsAsPDFAndDOCXAndAnInvalidOneIsRefused() async throws {
        try await TestServer().run { client in
            let (_, form) = try await Self.filledLetter(client)
            let pdf = try await client.get("\(form)/document.pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentDisposition] == "attachment; filename=\"support-1.pdf\"")
            let text = try pdfTool("pdftotext", Array(pdf.body.readableBytesView), ["-layout"])
            #expect(text.contains("Zorbatine Quellwater") && text.contains("Emergency shelter and case management"))
            let redacted = try await client.get("\(form)/document.pdf?redact=1")
            #expect(!(try pdfTool("pdftotext", Array(redacted.body.readableBytesView))).contains("Quellwater"))
            let docx = try await client.get("\(form)/document.docx")
            #expect(Array(docx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let review = try await client.get("\(form)?step=7").text
            #expect(review.contains("<iframe id=\"preview\""))

            let other = try await client.addDocument(try await client.createCase(), "letters/support")
            let refused = try await client.get("\(other)/document.pdf")
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("problems to fix before it can be made"))
        }
    }

    @Test func anExhibitIsCheckedByItsContentNotItsName() async throws {
        try await TestServer().run { client in
            let id = try await client.createCase()
            let notAPDF = try await client.postMultipart("/cases/\(id)/packets/t-visa/exhibits", fields: [("title", "Report")],
                files: [("file", "report.pdf", Array("<html>not a pdf</html>".utf8))])
            #expect(notAPDF.status == .unsupportedMediaType)
            #expect(notAPDF.text.contains("its content was checked, not its name"))
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
            let accepted = try await client.postMultipart("/cases/\(id)/packets/t-visa/exhibits",
                fields: [("title", "Photograph of the notebook"), ("reference", "")], files: [("file", "photo.jpg", png)])
            #expect(accepted.status == .seeOther)
            let data = try await client.get("/cases/\(id)/case.json").text
            #expect(data.contains("\"id\": \"photograph-of-the-notebook\""))
            #expect(data.contains(".png\""))
            // The packet page links the stored file, which comes back byte for byte.
            let page = try await client.get("/cases/\(id)/packets/t-visa").text
            let link = try #require(page.range(of: "/cases/\(id)/uploads/"))
            let uri = String(page[link.lowerBound...].prefix { $0 != "\"" })
            let file = try await client.get(uri)
            #expect(Array(file.body.readableBytesView) == png)
            #expect(file.headers[.contentType] == "image/png")
            #expect(try await client.get("/cases/\(id)/uploads/00000000-0000-0000-0000-000000000000").status == .notFound)
        }
    }

    @Test func aPacketWithProblemsNamesEachDocumentAndLinksIt() async throws {
        try await TestServer().run { client in
            let id = try await client.createCase()
            _ = try await client.addDocument(id, "letters/support")
            let response = try await client.get("/cases/\(id)/packets/t-visa/packet.pdf?bates=DOE")
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(page.contains("The packet cannot be built yet"))
            // The document's title, not the case file's key, and a link to its review step.
            #expect(page.contains("<a href=\"/cases/\(id)/documents/supportLetters-1?step=7\">Letter in support of a T or U visa application (1): "))
            #expect(!page.contains("supportLetters[0]."))
            let badBates = try await client.get("/cases/\(id)/packets/t-visa/packet.zip?bates=DOE%2F..")
            #expect(badBates.status == .unprocessableContent)
            #expect(badBates.text.contains("Bates prefix takes 1 to 20 letters"))
            // The PDF/A box is offered, and stays ticked on the page that lists the problems.
            #expect(page.contains("<input type=\"checkbox\" id=\"pdfa\" name=\"pdfa\" value=\"true\" aria-describedby=\"pdfa-help\">"))
            let archival = try await client.get("/cases/\(id)/packets/t-visa/packet.pdf?bates=DOE&pdfa=true")
            #expect(archival.status == .unprocessableContent)
            #expect(archival.text.contains("name=\"pdfa\" value=\"true\" checked"))
        }
    }

    @Test func aPacketBuildLeavesNoCopyOfTheExhibitsBehind() async throws {
        let server = TestServer()
        // A folder left by a server killed during a build (process 999999 does not run).
        let stale = server.configuration.dataPath + "/.packet.999999.1.tmp"
        try FileManager.default.createDirectory(atPath: stale + "/uploads", withIntermediateDirectories: true)
        try await server.run { client in
            #expect(!FileManager.default.fileExists(atPath: stale))
            let id = try await client.createCase()
            let pdf = Array("%PDF-1.4\n".utf8)
            _ = try await client.postMultipart("/cases/\(id)/packets/t-visa/exhibits", fields: [("title", "Report")], files: [("file", "r.pdf", pdf)])
            let response = try await client.get("/cases/\(id)/packets/t-visa/packet.pdf")
            #expect(response.status == .unprocessableContent)
            let left = try FileManager.default.contentsOfDirectory(atPath: server.configuration.dataPath)
            #expect(left.allSatisfy { $0.hasPrefix("engross.sqlite") || $0 == "engross.key" }, "\(left)")
        }
    }

    @Test func aCaseCanBeRenamedAndDuplicated() async throws {
        try await TestServer().run { client in
            let (id, _) = try await Self.filledLetter(client)
            _ = try await client.post("/cases/\(id)/rename", [("title", "Intake 2")])
            let list = try await client.get("/").text
            #expect(list.contains(">Intake 2</a>"))
            // The one-user server says where the data is.
            #expect(list.contains("Case data stays on this computer."))
            let copy = try await client.post("/cases/\(id)/duplicate", [])
            let copyID = String(try #require(copy.headers[.location]).dropFirst("/cases/".count))
            #expect(copyID != id)
            #expect(try await client.get("/cases/\(copyID)/case.json").text == (try await client.get("/cases/\(id)/case.json").text))
            #expect(try await client.get("/cases/\(copyID)").text.contains("Copy of Intake 2"))
        }
    }

    @Test func aGuessedOrMalformedIdIsNotFound() async throws {
        try await TestServer().run { client in
            #expect(try await client.get("/cases/00000000-0000-0000-0000-000000000000").status == .notFound)
            #expect(try await client.get("/cases/..%2F..%2Fetc").status == .notFound)
            let id = try await client.createCase()
            #expect(try await client.get("/cases/\(id)/documents/supportLetters-1").status == .notFound)
            #expect(try await client.get("/cases/\(id)/documents/nothing").status == .notFound)
        }
    }
}
