import Foundation
import Testing
import TestSupport

/// Two `engross serve --accounts` processes on one PostgreSQL database, as a clinic runs them
/// behind one proxy: a session made by one is honoured by the other, and ended by either.
@Suite(.serialized) struct TwoServerProcessesTests {
    @Test(.enabled(if: TestDatabases.postgresEnabled))
    func aSessionMadeByOneProcessIsHonouredAndEndedByTheOther() async throws {
        let database = try await TestDatabase.make()
        defer { Task { await database.drop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engross-two-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.path + "/engross.key"
        let store = ["--key-file", key, "--database", database.url]

        let add = engrossProcess(["user", "add", "--data", folder.path + "/one", "--organization", "Two Process Clinic",
                                  "--role", "advocate", "--password-stdin", "ada@example.test"] + store)
        let input = Pipe()
        add.standardInput = input
        add.standardOutput = FileHandle.nullDevice
        try add.run()
        input.fileHandleForWriting.write(Data("a long enough password\n".utf8))
        try input.fileHandleForWriting.close()
        add.waitUntilExit()
        #expect(add.terminationStatus == 0)

        let one = try ServerProcess(["--data", folder.path + "/one"] + store)
        defer { one.stop() }
        let two = try ServerProcess(["--data", folder.path + "/two"] + store)
        defer { two.stop() }

        // Signed in on the first process…
        let signIn = try RawHTTP.request(port: one.port, "GET", "/sign-in")
        let token = try #require(signIn.csrfToken)
        let body = "_csrf=\(token)&next=&username=ada%40example.test&password=a+long+enough+password"
        let signedIn = try RawHTTP.request(port: one.port, "POST", "/sign-in", headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": signIn.cookie ?? ""], body: body)
        #expect(signedIn.status == 303)
        let cookie = try #require(signedIn.cookie)

        // …the second serves the case list, and makes a case for the same user…
        let list = try RawHTTP.request(port: two.port, "GET", "/", headers: ["Cookie": cookie])
        #expect(list.status == 200)
        let pageToken = try #require(list.csrfToken)
        let created = try RawHTTP.request(port: two.port, "POST", "/cases", headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie], body: "_csrf=\(pageToken)&title=Intake+2")
        #expect(created.status == 303)
        let casePath = try #require(created.headers["location"])
        // …which the first process shows her.
        #expect(try RawHTTP.request(port: one.port, "GET", casePath, headers: ["Cookie": cookie]).status == 200)

        // Signing out on the second ends the session on the first.
        let signedOut = try RawHTTP.request(port: two.port, "POST", "/sign-out", headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie], body: "_csrf=\(pageToken)")
        #expect(signedOut.status == 303)
        let after = try RawHTTP.request(port: one.port, "GET", "/", headers: ["Cookie": cookie])
        #expect(after.status == 303)
        #expect(after.headers["location"]?.hasPrefix("/sign-in") == true)
    }
}

/// A database of its own in the test cluster, for servers that are given a URL, not a schema.
private struct TestDatabase {
    let name: String
    let url: String

    static func make() async throws -> TestDatabase {
        let base = try TestDatabases.requirePostgres()
        let name = "two_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await TestDatabases.withConnection { connection, logger in
            try await connection.query(.init(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        guard let slash = base.lastIndex(of: "/") else { throw TestFailure("a test URL without a database: \(base)") }
        return TestDatabase(name: name, url: base[..<slash] + "/" + name)
    }

    func drop() async {
        try? await TestDatabases.withConnection { connection, logger in
            try await connection.query(.init(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
        }
    }
}

/// `engross serve --accounts` in a process of its own, on a free port.
private final class ServerProcess {
    let process: Process
    let port: Int

    init(_ arguments: [String]) throws {
        process = engrossProcess(["serve", "--accounts", "--port", "0", "--templates", repositoryRoot.path + "/Templates"] + arguments)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line names the address: "Engross is running at http://127.0.0.1:PORT/ …".
        var line = Data()
        let deadline = Date().addingTimeInterval(60)
        while !line.contains(UInt8(ascii: "\n")), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":").last ?? "")
        else {
            process.terminate()
            throw TestFailure("the server did not print its address: \(text.prefix(200))")
        }
        self.port = port
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
