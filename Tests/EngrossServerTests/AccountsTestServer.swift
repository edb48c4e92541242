import CaseData
@testable import EngrossServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import TestSupport

/// A web app with accounts (`--accounts`) over the repository's templates and a fresh SQLite
/// file, with one organization of users of every role, a clock the test moves, and cheap bcrypt.
struct AccountsTestServer {
    static let password = "correct horse battery"
    let folder: String
    let store: SQLiteCaseStore
    let clock: TestClock
    let configuration: ServerConfiguration
    let organization: Organization
    /// Users by the first word of their display name: Ada (administrator), Sam (supervisor),
    /// Tess (attorney), Avi and Bea (advocates); Olga is an advocate of another organization.
    let users: [String: UserRecord]

    /// - Parameter templatesPath: the templates folder; the repository's by default.
    init(templatesPath: String = repositoryRoot.path + "/Templates") async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("engross-accounts-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        store = try SQLiteCaseStore(path: folder + "/data/engross.sqlite", cipher: FieldCipher.random())
        let clock = TestClock()
        self.clock = clock
        configuration = ServerConfiguration(templatesPath: templatesPath, dataPath: folder + "/data", port: 0,
            accounts: true, passwordCost: 4, now: { clock.now })
        organization = try await store.createOrganization(name: "Example Clinic")
        let other = try await store.createOrganization(name: "Other Clinic")
        let hash = try await PasswordHasher(cost: 4).hash(Self.password)
        var users: [String: UserRecord] = [:]
        for (name, role, organizationID) in [("Ada Admin", Role.administrator, organization.id), ("Sam Supervisor", .supervisor, organization.id),
                                             ("Tess Attorney", .attorney, organization.id), ("Avi Advocate", .advocate, organization.id),
                                             ("Bea Advocate", .advocate, organization.id), ("Olga Outsider", .advocate, other.id)] {
            let first = String(name.split(separator: " ")[0])
            users[first] = try await store.addUser(organizationID: organizationID, username: first.lowercased() + "@example.org",
                displayName: name, role: role, passwordHash: hash)
        }
        self.users = users
    }

    /// Runs `body` with a client of the app; removes the data folder afterwards.
    func run(_ body: @escaping @Sendable (TestClientProtocol) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let app = try await buildApplication(configuration, store: store, today: CivilDate(iso: "2026-11-29")!, log: { _ in })
        try await app.test(.router) { client in try await body(client) }
    }

    /// Signs `name` (a first name) in; fails the test unless it works.
    func signIn(_ client: any TestClientProtocol, _ name: String) async throws -> Browser {
        guard let user = users[name] else { throw TestFailure("no user \(name)") }
        let browser = Browser(client: client)
        let response = try await browser.signIn(user.username, Self.password)
        guard response.status == .seeOther, browser.cookie != nil else { throw TestFailure("signing \(name) in answered \(response.status)") }
        return browser
    }
}

/// The clock of sessions and sign-in limits, moved by tests.
final class TestClock: Sendable {
    private let time = Mutex<Double>(1_795_910_400)
    var now: Double { time.withLock { $0 } }
    func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
}

/// One browser: its session cookie and the CSRF token of the last page it read.
final class Browser: Sendable {
    let client: any TestClientProtocol
    private let state = Mutex<(cookie: String?, token: String?)>((nil, nil))

    init(client: any TestClientProtocol) { self.client = client }

    var cookie: String? { state.withLock { $0.cookie } }
    var token: String? { state.withLock { $0.token } }

    /// Signs in with the sign-in page's form; keeps the cookie it sets.
    func signIn(_ username: String, _ password: String, next: String? = nil) async throws -> TestResponse {
        if token == nil { _ = try await get("/sign-in") }
        var fields = [("username", username), ("password", password)]
        if let next { fields.append(("next", next)) }
        return try await post("/sign-in", fields)
    }

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await send(uri, .get, headers: headers, body: nil)
    }

    /// Posts a URL-encoded form with the CSRF token of the last page read (unless given one).
    func post(_ uri: String, _ fields: [(String, String)], token: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        if self.token == nil, token == nil { _ = try await get("/sign-in") }
        let all = [("_csrf", token ?? self.token ?? "")] + fields
        let body = all.map { TestServer.Client.encode($0.0) + "=" + TestServer.Client.encode($0.1) }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, .post, headers: headers, body: ByteBuffer(string: body))
    }

    func send(_ uri: String, _ method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if let cookie { headers[.cookie] = "\(SessionToken.cookieName)=\(cookie)" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        var newSession = false
        for line in response.headers[values: .setCookie] where line.hasPrefix(SessionToken.cookieName + "=") {
            let value = String(line.dropFirst(SessionToken.cookieName.count + 1).prefix { $0 != ";" })
            state.withLock { $0 = (value.isEmpty ? nil : value, nil) }
            newSession = !value.isEmpty
        }
        if let token = Self.token(in: response) { state.withLock { $0.token = token } }
        // A new session has a new token: read it from the home page (an administrator's goes on to Users).
        if newSession {
            var location = "/"
            for _ in 0..<2 {
                let page = try await get(location)
                guard page.status == .seeOther, let next = page.headers[.location] else { break }
                location = next
            }
        }
        return response
    }

    static func token(in response: TestResponse) -> String? {
        let html = String(buffer: response.body)
        guard let range = html.range(of: "name=\"csrf-token\" content=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
