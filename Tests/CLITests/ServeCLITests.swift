import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `engross serve` runs the web app (engross-server), with the command line's exit codes.
@Suite struct ServeCLITests {
    @Test func serveStartsTheWebAppAndPrintsItsAddress() throws {
        let data = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let process = engrossProcess(["serve", "--port", "0", "--data", data.path + "/store"])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line names the address; the port was picked by the system.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let address = try #require(text.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })
        let (status, body) = try Self.get(String(address))
        #expect(status == 200)
        #expect(body.contains("<h1>Cases</h1>"))
        // The database is made readable by its owner only.
        let attributes = try FileManager.default.attributesOfItem(atPath: data.path + "/store/engross.sqlite")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        process.terminate()
        process.waitUntilExit()
    }

    @Test func serveRefusesToListenBeyondThisComputer() throws {
        let run = try engross(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("listens on this computer only (127.0.0.1)"))
    }

    @Test func allowRemoteNeedsAccounts() throws {
        let withoutAccounts = try engross(["serve", "--host", "0.0.0.0", "--allow-remote", "--port", "0"])
        #expect(withoutAccounts.status == 2)
        #expect(withoutAccounts.stderr.contains("--allow-remote needs --accounts"))
        let badTimeout = try engross(["serve", "--accounts", "--session-timeout", "0", "--port", "0"])
        #expect(badTimeout.status == 2)
        #expect(badTimeout.stderr.contains("--session-timeout takes minutes, from 1 to 1440"))
    }

    static func get(_ address: String) throws -> (Int, String) {
        let url = try #require(URL(string: address))
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String) = (0, "")
        URLSession.shared.dataTask(with: url) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + 30)
        return result
    }
}
