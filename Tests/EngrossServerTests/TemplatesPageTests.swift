import CaseData
@testable import EngrossServer
import Foundation
import Testing
import TestSupport

/// The administrators' Templates page: what the server loaded, what changed in the folder since,
/// and every problem `engross lint` finds; for administrators only.
@Suite struct TemplatesPageTests {
    @Test func administratorsSeeEveryTemplateWithItsReviewAndStatus() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let ada = try await server.signIn(client, "Ada")
            let page = try await ada.get("/admin/templates")
            #expect(page.status == .ok)
            let text = page.text
            for id in ["letters/support", "t-visa/declaration", "common/signature", "packets/t-visa"] {
                #expect(text.contains("<code>\(id)</code>"), "\(id)")
            }
            #expect(text.contains("Letter in support of a T or U visa application"))
            #expect(text.contains("In use"))
            #expect(text.contains("2026-"))  // review dates
            #expect(text.contains("8 U.S.C. § 1367") || text.contains("8 U.S.C. &#167; 1367") || text.contains("1367"))
            #expect(text.contains("need attention") == false)
            #expect(text.contains("href=\"/admin/templates\""))
        }
    }

    @Test func onlyAdministratorsOpenIt() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            for name in ["Sam", "Tess", "Avi"] {
                let browser = try await server.signIn(client, name)
                #expect(try await browser.get("/admin/templates").status == .forbidden, "\(name)")
                #expect(try await browser.get("/").text.contains("href=\"/admin/templates\"") == false, "\(name)")
            }
        }
    }

    @Test func changesToTheFolderSinceStartAreShownWithWhatToDo() async throws {
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("engross-templates-page-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: repositoryRoot.path + "/Templates", toPath: templates)
        defer { try? FileManager.default.removeItem(atPath: templates) }
        let server = try await AccountsTestServer(templatesPath: templates)
        try await server.run { client in
            // After the server started: one template edited (still sound), one broken, one
            // added with an error, one removed.
            let support = templates + "/letters/support.xml"
            let edited = try String(contentsOfFile: support, encoding: .utf8).replacingOccurrences(of: "id=\"letters/support\" version=\"", with: "id=\"letters/support\" version=\"9.")
            try edited.write(toFile: support, atomically: true, encoding: .utf8)
            let certificate = templates + "/letters/translation-certificate.xml"
            let broken = try String(contentsOfFile: certificate, encoding: .utf8).replacingOccurrences(of: "</meta>", with: "</meta><nonsense/>")
            try broken.write(toFile: certificate, atomically: true, encoding: .utf8)
            try """
                <?xml version="1.0" encoding="UTF-8"?>
                <template xmlns="urn:engross:template:1" id="letters/new-one" version="1.0.0" kind="letter">
                  <meta><title>A new letter</title></meta>
                  <body><p><value of="missingField"/></p></body>
                </template>
                """.write(toFile: templates + "/letters/new-one.xml", atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: templates + "/letters/continued-presence-request.xml")

            let ada = try await server.signIn(client, "Ada")
            let text = try await ada.get("/admin/templates").text
            #expect(text.contains("5 of "))
            #expect(text.contains("need attention"))
            let rows = Self.rows(text)
            #expect(rows["letters/support"]?.contains("Changed since start</strong>") == true)
            #expect(rows["letters/support"]?.contains("restart every server process to use it") == true)
            #expect(rows["letters/translation-certificate"]?.contains("Changed since start: has errors") == true)
            #expect(rows["letters/translation-certificate"]?.contains("nonsense") == true)
            #expect(rows["letters/translation-certificate"]?.contains("letters/translation-certificate.xml:") == true)
            #expect(rows["letters/new-one"]?.contains("New since start: has errors") == true)
            #expect(rows["letters/new-one"]?.contains("missingField") == true)
            // A template without an authority shows no empty paragraph for one.
            #expect(rows["common/letterhead"]?.contains("class=\"authority\"") == false)
            #expect(rows["common/signature"]?.contains("class=\"authority\"") == false)
            #expect(rows["letters/continued-presence-request"]?.contains("Removed since start") == true)
            #expect(rows["letters/support"]?.contains("9.1.1.0") == true)
            #expect(rows["t-visa/declaration"]?.contains("In use</strong>") == true)
            // The packet's own file is unchanged, but a template it uses now has errors.
            #expect(rows["packets/t-visa"]?.contains("In use: errors on disk") == true)
            // The page names files inside the folder, not the server's whole path, in problems.
            #expect(rows["letters/new-one"]?.contains(templates + "/letters") == false)
        }
    }

    /// Each row of the page's table, by the template id it shows.
    static func rows(_ html: String) -> [String: String] {
        var rows: [String: String] = [:]
        for row in html.components(separatedBy: "<tr").dropFirst() {
            guard let start = row.range(of: "<code>"), let end = row.range(of: "</code>", range: start.upperBound..<row.endIndex) else { continue }
            rows[String(row[start.upperBound..<end.lowerBound])] = row
        }
        return rows
    }
}
