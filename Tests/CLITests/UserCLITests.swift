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
