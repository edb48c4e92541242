#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TestSupport

/// `engross user`: the accounts of a server with `--accounts`, made from the command line.
struct UserCLITests {
    /// A fresh data folder, removed afterwards.
    private static func withData(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engross-user-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder + "/data")
    }

    /// The database and its write-ahead log.
    private static func databaseBytes(_ data: String) -> Data {
        var bytes = Data()
        for suffix in ["", "-wal"] { bytes += FileManager.default.contents(atPath: data + "/engross.sqlite" + suffix) ?? Data() }
        return bytes
    }

    @Test func addCreatesTheOrganizationAndTheUserAndListShowsThem() throws {
        try Self.withData { data in
            let add = try engross(["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "administrator",
                                   "--name", "Ada Admin", "--password-stdin", "ada@example.org"], stdin: "a long enough password\n")
            #expect(add.status == 0, "\(add.stderr)")
            #expect(add.stdout.contains("Created the organization Example Clinic."))
            #expect(add.stdout.contains("Added Ada Admin (ada@example.org) to Example Clinic as an administrator."))
            #expect(!add.stdout.contains("a long enough password") && !add.stderr.contains("a long enough password"))
            let second = try engross(["user", "add", "--data", data, "--organization", "example clinic", "--role", "advocate",
                                      "--password-stdin", "avi@example.org"], stdin: "another long password\n")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(!second.stdout.contains("Created the organization"))
            let list = try engross(["user", "list", "--data", data, "--organization", "Example Clinic"])
            #expect(list.status == 0)
            #expect(list.stdout.contains("ada@example.org\tAda Admin\tadministrator\tactive"))
            #expect(list.stdout.contains("avi@example.org\tavi@example.org\tadvocate\tactive"))
            // The database keeps a bcrypt hash, never the password.
            let database = Self.databaseBytes(data)
            #expect(database.range(of: Data("a long enough password".utf8)) == nil)
            #expect(database.range(of: Data("$2b$12$".utf8)) != nil)
        }
    }

    /// Runs `engross ARGUMENTS` on a pseudo-terminal, typing each of `lines` once the program has
    /// written a prompt; returns what the terminal showed and the exit status.
    private static func onTerminal(_ arguments: [String], typing lines: [String]) throws -> (shown: String, status: Int32) {
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw CocoaError(.fileReadUnknown) }
        let process = engrossProcess(arguments)
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        var shown = Data()
        var typed = 0
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 200) > 0 {
                var buffer = [UInt8](repeating: 0, count: 1024)
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                shown.append(contentsOf: buffer[0..<count])
            } else if !process.isRunning {
                break
            }
            // A prompt ends in ": "; answer each once.
            let text = String(decoding: shown, as: UTF8.self)
            if typed < lines.count, text.components(separatedBy: ": ").count - 1 > typed {
                _ = (lines[typed] + "\n").withCString { write(master, $0, strlen($0)) }
                typed += 1
            }
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        close(master)
        return (String(decoding: shown, as: UTF8.self), process.terminationStatus)
    }

    @Test func aPasswordIsTypedTwiceWithoutEchoOnATerminal() throws {
        try Self.withData { data in
            let arguments = ["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "administrator", "ada@example.org"]
            let differ = try Self.onTerminal(arguments, typing: ["a long secret password", "another secret password"])
            #expect(differ.status == 2)
            #expect(differ.shown.contains("the two passwords differ"))
            let added = try Self.onTerminal(arguments, typing: ["a long secret password", "a long secret password"])
            #expect(added.status == 0, "\(added.shown)")
            #expect(added.shown.contains("Password for ada@example.org: "))
            #expect(added.shown.contains("The same password again: "))
            #expect(added.shown.contains("Added ada@example.org"))
            #expect(!added.shown.contains("secret"))
        }
    }

    @Test func weakPasswordsTakenNamesAndUnknownRolesAreRefused() throws {
        try Self.withData { data in
            let weak = try engross(["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "advocate",
                                    "--password-stdin", "avi@example.org"], stdin: "short\n")
            #expect(weak.status == 2)
            #expect(weak.stderr.contains("needs at least 12"))
            let role = try engross(["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "boss",
                                    "--password-stdin", "avi@example.org"], stdin: "a long enough password\n")
            #expect(role.status == 2)
            #expect(role.stderr.contains("advocate, attorney, supervisor or administrator"))
            _ = try engross(["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "advocate",
                             "--password-stdin", "avi@example.org"], stdin: "a long enough password\n")
            let taken = try engross(["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "advocate",
                                     "--password-stdin", "AVI@example.org"], stdin: "a long enough password\n")
            #expect(taken.status == 2)
            #expect(taken.stderr.contains("is taken"))
            // Without a terminal and without --password-stdin, it says how to give the password.
            let noTerminal = try engross(["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "advocate",
                                          "bea@example.org"], stdin: "")
            #expect(noTerminal.status == 2)
            #expect(noTerminal.stderr.contains("--password-stdin"))
        }
    }

    @Test func passwdSetsANewPassword() throws {
        try Self.withData { data in
            _ = try engross(["user", "add", "--data", data, "--organization", "Example Clinic", "--role", "advocate",
                             "--password-stdin", "avi@example.org"], stdin: "a long enough password\n")
            let before = Self.databaseBytes(data)
            let passwd = try engross(["user", "passwd", "--data", data, "--password-stdin", "avi@example.org"], stdin: "another long password\n")
            #expect(passwd.status == 0, "\(passwd.stderr)")
            #expect(passwd.stdout.contains("Set the password of avi@example.org"))
            #expect(Self.databaseBytes(data) != before)
            let unknown = try engross(["user", "passwd", "--data", data, "--password-stdin", "nobody@example.org"], stdin: "another long password\n")
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("there is no user nobody@example.org"))
        }
    }
}
