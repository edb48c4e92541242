import CaseData
import EngrossServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import TestSupport

/// A web app over the repository's templates and a fresh SQLite file, driven without a socket.
struct TestServer {
    let folder: String
    let configuration: ServerConfiguration
    let log = LogLines()

    /// The database file.
    var databasePath: String { folder + "/data/engross.sqlite" }

    init(maximumUploadBytes: Int = 100 << 20) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("engross-server-tests-\(UUID().uuidString)").path
        configuration = ServerConfiguration(templatesPath: repositoryRoot.path + "/Templates", dataPath: folder + "/data",
            port: 0, maximumUploadBytes: maximumUploadBytes, formsPath: repositoryRoot.path + "/Fixtures/forms")
    }

    /// Runs `body` with a client of the app; removes the data folder afterwards.
    func run(over framework: TestingSetup = .router, _ body: @escaping @Sendable (Client) async throws -> Void) async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = self.log
        let app = try await buildApplication(configuration, today: CivilDate(iso: "2026-11-29")!, log: { log.append($0) })
        try await app.test(framework) { client in
            let page = try await client.execute(uri: "/", method: .get)
            let html = String(buffer: page.body)
            guard let range = html.range(of: "name=\"csrf-token\" content=\"") else { throw TestFailure("no CSRF token on the home page") }
            let token = String(html[range.upperBound...].prefix { $0 != "\"" })
            try await body(Client(client: client, token: token))
        }
    }

    /// The test client, with the page's CSRF token and helpers for forms.
    struct Client: Sendable {
        let client: any TestClientProtocol
        let token: String

        func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
            try await client.execute(uri: uri, method: .get, headers: headers)
        }

        /// Posts a URL-encoded form; the token is added unless `withToken` is false.
        func post(_ uri: String, _ fields: [(String, String)], withToken: Bool = true, headers: HTTPFields = [:]) async throws -> TestResponse {
            var all = fields
            if withToken { all.insert(("_csrf", token), at: 0) }
            let body = all.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
            var headers = headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        }

        /// Posts a multipart form: text fields, then files as (field, file name, bytes).
        func postMultipart(_ uri: String, fields: [(String, String)], files: [(String, String, [UInt8])], withToken: Bool = true) async throws -> TestResponse {
            let boundary = "----EngrossTestBoundary7MA4YWxkTrZu0gW"
            var body: [UInt8] = []
            let all = (withToken ? [("_csrf", token)] : []) + fields
            for (name, value) in all {
                body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
            }
            for (name, fileName, bytes) in files {
                body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
                body += bytes + Array("\r\n".utf8)
            }
            body += Array("--\(boundary)--\r\n".utf8)
            return try await client.execute(uri: uri, method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
        }

        /// Creates a case; returns its id.
        func createCase(_ title: String = "Intake 1") async throws -> String {
            let response = try await post("/cases", [("title", title)])
            guard response.status == .seeOther, let location = response.headers[.location], location.hasPrefix("/cases/") else {
                throw TestFailure("creating a case answered \(response.status)")
            }
            return String(location.dropFirst("/cases/".count))
        }

        /// Adds a document of `template` to a case; returns the address of its form.
        func addDocument(_ caseID: String, _ template: String) async throws -> String {
            let response = try await post("/cases/\(caseID)/documents", [("template", template)])
            guard response.status == .seeOther, let location = response.headers[.location] else {
                throw TestFailure("adding \(template) answered \(response.status)")
            }
            return location
        }

        static func encode(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
    }
}

/// Every line the server logged, in order.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
