import CaseData
@testable import EngrossServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The server with accounts, one test per promise of issue #14: who sees which case, sessions
/// that end, the sign-in limit, the CSRF token per session, and the audit log.
@Suite struct AccountsRouteTests {
    /// Creates a case as `browser`; returns its id.
    static func createCase(_ browser: Browser, _ title: String) async throws -> String {
        let response = try await browser.post("/cases", [("title", title)])
        guard response.status == .seeOther, let location = response.headers[.location], location.hasPrefix("/cases/") else {
            throw TestFailure("creating a case answered \(response.status)")
        }
        return String(location.dropFirst("/cases/".count))
    }

    @Test func anAdvocateSeesOnlyTheirOwnCasesAndThoseSharedWithThem() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let bea = try await server.signIn(client, "Bea")
            let id = try await Self.createCase(avi, "Intake Avi 1")
            #expect(try await avi.get("/cases/\(id)").status == .ok)
            // Bea: not by page, not by export, not in her list, not by changing it.
            #expect(try await bea.get("/cases/\(id)").status == .notFound)
            #expect(try await bea.get("/cases/\(id)/case.json").status == .notFound)
            #expect(try await bea.get("/cases/\(id)/case.json", headers: [.accept: "application/json"]).status == .notFound)
            #expect(try await bea.post("/cases/\(id)/rename", [("title", "Mine now")]).status == .notFound)
            #expect(try await bea.post("/cases/\(id)/delete", []).status == .notFound)
            #expect(try await bea.get("/").text.contains("Intake Avi 1") == false)
            // Nor by guessing: an id that exists answers exactly as one that does not.
            let guessed = try await bea.get("/cases/00000000-0000-4000-8000-000000000000")
            #expect(guessed.status == .notFound)
            // An advocate of another organization neither.
            let olga = try await server.signIn(client, "Olga")
            #expect(try await olga.get("/cases/\(id)").status == .notFound)

            // Shared with Bea, she sees it; unshared, no longer.
            let page = try await avi.get("/cases/\(id)")
            #expect(page.text.contains("Share with"))
            #expect(page.text.contains("Bea Advocate"))
            #expect(page.text.contains("Olga") == false)
            #expect(try await avi.post("/cases/\(id)/shares", [("user", server.users["Bea"]!.id)]).status == .seeOther)
            #expect(try await bea.get("/cases/\(id)").status == .ok)
            #expect(try await bea.get("/").text.contains("Intake Avi 1"))
            // Bea, not the owner, cannot share it on, nor share it with Olga of another organization.
            #expect(try await bea.post("/cases/\(id)/shares", [("user", server.users["Avi"]!.id)]).status == .forbidden)
            // She fills it in, but neither renames nor deletes it: that is the owner's (or an attorney's).
            let shared = try await bea.get("/cases/\(id)").text
            #expect(!shared.contains("/cases/\(id)/delete") && !shared.contains("/cases/\(id)/rename"))
            #expect(page.text.contains("/cases/\(id)/delete") && page.text.contains("/cases/\(id)/rename"))
            #expect(try await bea.post("/cases/\(id)/rename", [("title", "Mine now")]).status == .forbidden)
            #expect(try await bea.get("/cases/\(id)/delete").status == .forbidden)
            #expect(try await bea.post("/cases/\(id)/delete", []).status == .forbidden)
            #expect(try await avi.get("/").text.contains("Intake Avi 1"))
            #expect(try await avi.post("/cases/\(id)/shares", [("user", server.users["Olga"]!.id)]).status == .badRequest)
            #expect(try await avi.post("/cases/\(id)/shares/\(server.users["Bea"]!.id)/delete", []).status == .seeOther)
            #expect(try await bea.get("/cases/\(id)").status == .notFound)
        }
    }

    @Test func attorneysAndSupervisorsSeeEveryCaseOfTheirOrganization() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let id = try await Self.createCase(avi, "Intake Avi 2")
            for name in ["Sam", "Tess"] {
                let reader = try await server.signIn(client, name)
                #expect(try await reader.get("/cases/\(id)").status == .ok)
                #expect(try await reader.get("/").text.contains("Intake Avi 2"))
                #expect(try await reader.get("/cases/\(id)/case.json").status == .ok)
            }
        }
    }

    @Test func anAdministratorSeesNoCaseData() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let id = try await Self.createCase(avi, "Intake Avi 3")
            let ada = try await server.signIn(client, "Ada")
            for path in ["/cases/\(id)", "/cases/\(id)/case.json", "/cases/\(id)/case.zip", "/cases/\(id)/delete"] {
                let response = try await ada.get(path)
                #expect(response.status == .forbidden, "\(path)")
                #expect(response.text.contains("do not see case data"))
            }
            #expect(try await ada.post("/cases", [("title", "Admin case")]).status == .forbidden)
            #expect(try await ada.post("/cases/\(id)/delete", []).status == .forbidden)
            let home = try await ada.get("/")
            #expect(home.status == .seeOther && home.headers[.location] == "/admin/users")
            for path in ["/admin/users", "/audit", "/audit.csv"] {
                let response = try await ada.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.text.contains("Intake Avi 3") == false, "\(path)")
            }
            #expect(try await server.store.fetchCase(id: id, in: .everything) != nil)
        }
    }

    @Test func pagesRedirectToSignInAndEverythingElseIsRefusedWithoutASession() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let anonymous = Browser(client: client)
            let page = try await anonymous.get("/cases/00000000-0000-4000-8000-000000000000?step=2")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/sign-in?next=/cases/00000000-0000-4000-8000-000000000000%3Fstep%3D2")
            #expect(try await anonymous.get("/").headers[.location] == "/sign-in")
            #expect(try await anonymous.post("/cases", [("title", "x")]).status == .unauthorized)
            #expect(try await anonymous.get("/cases/x/case.json", headers: [.accept: "application/json"]).status == .unauthorized)
            let signIn = try await anonymous.get("/sign-in")
            #expect(signIn.status == .ok)
            // A clinic's server does not tell its users that case data stays on their computer.
            #expect(!signIn.text.contains("stays on this computer"))
            // Signing in goes back where the user was; a link elsewhere goes home instead.
            let back = try await anonymous.signIn("avi@example.org", AccountsTestServer.password, next: "/audit")
            #expect(back.headers[.location] == "/audit")
            let cookie = try #require(back.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            let other = Browser(client: client)
            #expect(try await other.signIn("AVI@example.org", AccountsTestServer.password, next: "//evil.example/").headers[.location] == "/")
            #expect(try await other.signIn("avi@example.org", AccountsTestServer.password, next: "/\\evil.example").headers[.location] == "/")
        }
    }

    @Test func aSessionCookieIsRefusedAfterSignOutAndAfterExpiry() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let cookie = try #require(avi.cookie)
            #expect(try await avi.post("/sign-out", []).status == .seeOther)
            #expect(avi.cookie == nil)
            let stale = try await client.execute(uri: "/", method: .get, headers: [.cookie: "engross_session=\(cookie)"])
            #expect(stale.status == .seeOther && stale.headers[.location] == "/sign-in")
            #expect(try await server.store.session(id: SessionToken.hash(cookie)) == nil)

            // Idle for 29 minutes: still signed in (and seen again); then 31 more: refused and deleted.
            let again = try await server.signIn(client, "Avi")
            let second = try #require(again.cookie)
            server.clock.advance(29 * 60)
            #expect(try await again.get("/").status == .ok)
            server.clock.advance(29 * 60)
            #expect(try await again.get("/").status == .ok)
            server.clock.advance(31 * 60)
            let expired = try await again.get("/")
            #expect(expired.status == .seeOther && expired.headers[.location] == "/sign-in")
            #expect(expired.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await server.store.session(id: SessionToken.hash(second)) == nil)
            // Signing out of the ended session just goes to the sign-in page.
            let late = try await client.execute(uri: "/sign-out", method: .post,
                headers: [.cookie: "engross_session=\(second)", .contentType: "application/x-www-form-urlencoded"], body: .init(string: "_csrf=x"))
            #expect(late.status == .seeOther && late.headers[.location] == "/sign-in")
        }
    }

    @Test func theSixthBadPasswordInAMinuteIsRefusedEvenIfRight() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let browser = Browser(client: client)
            for _ in 1...5 {
                let wrong = try await browser.signIn("avi@example.org", "not the password at all")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("do not match an active account"))
            }
            let limited = try await browser.signIn("avi@example.org", AccountsTestServer.password)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("Too many failed sign-ins"))
            #expect(limited.headers[.retryAfter] == "60")
            #expect(browser.cookie == nil)
            server.clock.advance(61)
            #expect(try await browser.signIn("avi@example.org", AccountsTestServer.password).status == .seeOther)
            // An unknown user gets the same answer as a wrong password.
            let unknown = try await Browser(client: client).signIn("nobody@example.org", "not the password at all")
            #expect(unknown.status == .unauthorized && unknown.text.contains("do not match an active account"))
            let entries = try await server.store.auditEntries(organizationID: server.organization.id, limit: 100, before: nil)
            #expect(entries.filter { $0.action == "sign-in-refused" }.count == 6)
        }
    }

    @Test func failedSignInsAreAlsoCountedByAddress() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let browser = Browser(client: client)
            for index in 1...5 {
                let response = try await browser.signIn("guess\(index)@example.org", "not the password at all")
                #expect(response.status == .unauthorized)
            }
            let refused = try await browser.signIn("bea@example.org", AccountsTestServer.password)
            #expect(refused.status == .tooManyRequests)
        }
    }

    /// Behind a reverse proxy on this computer, each person has their own address: the one the
    /// proxy adds to X-Forwarded-For, in the limit and in the log.
    @Test func theAddressBehindAProxyIsTheForwardedOne() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let browser = Browser(client: client)
            _ = try await browser.get("/sign-in")
            let forwarded = HTTPField.Name("X-Forwarded-For")!
            for index in 1...5 {
                let response = try await browser.post("/sign-in", [("username", "guess\(index)@example.org"), ("password", "not the password at all")],
                    headers: [forwarded: "203.0.113.9, 192.0.2.7"])
                #expect(response.status == .unauthorized)
            }
            let limited = try await browser.post("/sign-in", [("username", "avi@example.org"), ("password", AccountsTestServer.password)],
                headers: [forwarded: "192.0.2.7"])
            #expect(limited.status == .tooManyRequests)
            let elsewhere = try await browser.post("/sign-in", [("username", "avi@example.org"), ("password", AccountsTestServer.password)],
                headers: [forwarded: "192.0.2.8"])
            #expect(elsewhere.status == .seeOther)
            let entries = try await server.store.auditEntries(organizationID: server.organization.id, limit: 10, before: nil)
            #expect(entries.first { $0.action == "signed-in" }?.address == "192.0.2.8")
            #expect(entries.first { $0.action == "sign-in-refused" }?.address == "192.0.2.7")
        }
    }

    @Test func idleSessionsAreSweptWhenSomeoneSignsIn() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let cookie = try #require(avi.cookie)
            server.clock.advance(31 * 60)
            _ = try await server.signIn(client, "Bea")
            #expect(try await server.store.session(id: SessionToken.hash(cookie)) == nil)
        }
    }

    @Test func theCSRFTokenBelongsToTheSession() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let bea = try await server.signIn(client, "Bea")
            let anonymousToken = try #require(Browser.token(in: try await client.execute(uri: "/sign-in", method: .get)))
            #expect(avi.token != bea.token && avi.token != anonymousToken)
            #expect(try await avi.post("/cases", [("title", "x")], token: bea.token).status == .forbidden)
            #expect(try await avi.post("/cases", [("title", "x")], token: anonymousToken).status == .forbidden)
            #expect(try await avi.post("/cases", [("title", "x")]).status == .seeOther)
        }
    }

    @Test func attorneysMarkDocumentsReviewedAndEveryoneSeesIt() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let id = try await Self.createCase(avi, "Intake Avi 4")
            let form = try #require(try await avi.post("/cases/\(id)/documents", [("template", "letters/support")]).headers[.location])
            let review = form + "?step=99"
            #expect(try await avi.get(review).text.contains("Not yet reviewed"))
            #expect(try await avi.get(review).text.contains("Mark reviewed") == false)
            #expect(try await avi.post(form + "/review", []).status == .forbidden)
            let tess = try await server.signIn(client, "Tess")
            #expect(try await tess.get(review).text.contains("Mark reviewed"))
            #expect(try await tess.post(form + "/review", []).status == .seeOther)
            #expect(try await avi.get(review).text.contains("Reviewed by Tess Attorney on"))
            #expect(try await tess.post("/cases/\(id)/documents/nothing/review", []).status == .notFound)
        }
    }

    @Test func administratorsManageUsers() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let ada = try await server.signIn(client, "Ada")
            let weak = try await ada.post("/admin/users", [("name", "Cy Advocate"), ("username", "cy@example.org"), ("role", "advocate"), ("password", "short")])
            #expect(weak.status == .badRequest)
            #expect(weak.text.contains("at least 12"))
            #expect(try await ada.post("/admin/users", [("name", "Cy Advocate"), ("username", "cy@example.org"), ("role", "advocate"),
                ("password", "a long enough password")]).status == .seeOther)
            #expect(try await ada.post("/admin/users", [("name", "Cy Again"), ("username", "CY@example.org"), ("role", "advocate"),
                ("password", "a long enough password")]).status == .conflict)
            #expect(try await ada.get("/admin/users").text.contains("Cy Advocate"))
            let cy = try #require(try await server.store.user(username: "cy@example.org"))
            let browser = Browser(client: client)
            #expect(try await browser.signIn("cy@example.org", "a long enough password").status == .seeOther)
            // A new role ends the user's sessions; so does disabling them, who then cannot sign in.
            #expect(try await ada.post("/admin/users/\(cy.id)", [("change", "role"), ("role", "attorney")]).status == .seeOther)
            #expect(try await server.store.user(id: cy.id)?.role == .attorney)
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await browser.signIn("cy@example.org", "a long enough password").status == .seeOther)
            #expect(try await ada.post("/admin/users/\(cy.id)", [("change", "active"), ("active", "false")]).status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
            #expect(try await browser.signIn("cy@example.org", "a long enough password").status == .unauthorized)
            #expect(try await ada.post("/admin/users/\(cy.id)", [("change", "active"), ("active", "true")]).status == .seeOther)
            #expect(try await ada.post("/admin/users/\(cy.id)", [("change", "password"), ("password", "another long password")]).status == .seeOther)
            #expect(try await browser.signIn("cy@example.org", "another long password").status == .seeOther)
            // Not on themselves, and not for anyone else.
            #expect(try await ada.post("/admin/users/\(server.users["Ada"]!.id)", [("change", "role"), ("role", "advocate")]).status == .badRequest)
            let sam = try await server.signIn(client, "Sam")
            #expect(try await sam.get("/admin/users").status == .forbidden)
            #expect(try await sam.post("/admin/users", [("name", "X"), ("username", "x@example.org"), ("role", "administrator"),
                ("password", "a long enough password")]).status == .forbidden)
            let actions = try await server.store.auditEntries(organizationID: server.organization.id, limit: 100, before: nil).map(\.action)
            for action in ["user-added", "role-changed", "user-disabled", "user-enabled", "password-reset"] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }

    @Test func onlySupervisorsAndAdministratorsReadTheAuditLog() async throws {
        let server = try await AccountsTestServer()
        try await server.run { client in
            let avi = try await server.signIn(client, "Avi")
            let id = try await Self.createCase(avi, "Intake Avi 5")
            #expect(try await avi.get("/audit").status == .forbidden)
            #expect(try await avi.get("/audit.csv").status == .forbidden)
            #expect(try await server.signIn(client, "Tess").get("/audit").status == .forbidden)
            let sam = try await server.signIn(client, "Sam")
            let page = try await sam.get("/audit")
            #expect(page.status == .ok)
            #expect(page.text.contains("Avi Advocate") && page.text.contains("created") && page.text.contains(String(id.prefix(8))))
            #expect(page.text.contains("Intake Avi 5") == false)
            // A sign-in names no case: its case cell is empty, not an empty case id.
            #expect(page.text.contains("<code title=\"\">") == false)
            #expect(page.text.contains("<code title=\"\(id)\">"))
            let csv = try await sam.get("/audit.csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "sequence,time (UTC),actor,actor id,action,case,detail,address")
            #expect(lines.contains { $0.contains(",created,\(id),") })
            #expect(csv.text.contains("Intake Avi 5") == false)
        }
    }

    @Test func theAuditLogIsPaged() async throws {
        let server = try await AccountsTestServer()
        for index in 0..<60 {
            try await server.store.appendAudit(AuditEntry(time: Double(index), organizationID: server.organization.id, actorID: "x",
                actorName: "Entry \(index)", action: "opened", address: "x"))
        }
        try await server.run { client in
            let sam = try await server.signIn(client, "Sam")
            let first = try await sam.get("/audit")
            #expect(first.text.contains("Sam Supervisor") && first.text.contains("Older entries"))
            let older = try #require(first.text.range(of: "/audit?before=").map { String(first.text[$0.lowerBound...].prefix { $0 != "\"" }) })
            let second = try await sam.get(older)
            #expect(second.text.contains("<td data-label=\"Who\">Entry 0</td>") && !second.text.contains("<td data-label=\"Who\">Sam Supervisor</td>"))
            #expect(first.text.contains("<td data-label=\"Who\">Sam Supervisor</td>") && !first.text.contains("<td data-label=\"Who\">Entry 0</td>"))
        }
    }

    @Test func csvCellsAreEscapedAndNeverFormulas() {
        #expect(AuditCSV.cell("plain") == "plain")
        #expect(AuditCSV.cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(AuditCSV.cell("+1") == "'+1")
        #expect(AuditCSV.cell("-1") == "'-1")
        #expect(AuditCSV.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(AuditCSV.cell("a,b") == "\"a,b\"")
        #expect(AuditCSV.cell("two\nlines") == "\"two\nlines\"")
    }

    @Test func remoteAddressesNeedAccountsAndAllowRemote() async throws {
        let base = ServerConfiguration(templatesPath: repositoryRoot.path + "/Templates", dataPath: NSTemporaryDirectory() + "engross-remote-\(UUID().uuidString)",
            host: "0.0.0.0", port: 0, allowRemote: true)
        defer { try? FileManager.default.removeItem(atPath: base.dataPath) }
        await #expect(throws: ServerStartError.self) { _ = try await buildApplication(base, log: { _ in }) }
        var accounts = base
        accounts.accounts = true
        accounts.passwordCost = 4
        _ = try await buildApplication(accounts, log: { _ in })
        var notAllowed = accounts
        notAllowed.allowRemote = false
        await #expect(throws: ServerStartError.self) { _ = try await buildApplication(notAllowed, log: { _ in }) }
    }
}
