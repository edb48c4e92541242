import Foundation
import Testing
import TestSupport

/// `engross token` makes, lists and revokes API tokens (engross-server token).
@Suite struct TokenCLITests {
    @Test func aTokenIsPrintedOnceListedByNameAndRevoked() throws {
        let data = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let store = ["--data", data.path + "/store", "--organization", "clinic"]
        // Tokens belong to an organization, which its first user makes.
        let admin = try engross(["user", "add", "--data", data.path + "/store", "--organization", "clinic", "--role", "administrator",
                                 "--password-stdin", "ada@example.org"], stdin: "a long enough password\n")
        #expect(admin.status == 0, "\(admin.stderr)")
        let add = try engross(["token", "add", "--name", "LegalServer"] + store)
        #expect(add.status == 0, "\(add.stderr)")
        let token = add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("engr_") && token.count == 48)
        let list = try engross(["token", "list"] + store)
        #expect(list.status == 0)
        #expect(list.stdout.contains("LegalServer") && list.stdout.contains("active"))
        #expect(!list.stdout.contains(token) && !list.stdout.contains(String(token.dropFirst(5).prefix(20))))
        // The database keeps the hash only.
        let database = try Data(contentsOf: data.appendingPathComponent("store/engross.sqlite"))
        #expect(database.range(of: Data(token.utf8)) == nil)
        let id = try #require(list.stdout.split(separator: " ").first.map(String.init))
        // Another organization's administrator cannot revoke it.
        let elsewhere = try engross(["token", "revoke", id, "--data", data.path + "/store", "--organization", "other"])
        #expect(elsewhere.status == 2)
        let revoke = try engross(["token", "revoke", id] + store)
        #expect(revoke.status == 0)
        #expect(try engross(["token", "list"] + store).stdout.contains("revoked"))
    }

    @Test func aTokenNeedsANameAndAnOrganization() throws {
        let data = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let noName = try engross(["token", "add", "--data", data.path, "--organization", "clinic"])
        #expect(noName.status == 2)
        #expect(noName.stderr.contains("--name"))
        let blank = try engross(["token", "add", "--data", data.path, "--organization", "clinic", "--name", " "])
        #expect(blank.status == 2)
        #expect(blank.stderr.contains("--name takes 1 to 100 characters"))
    }
}
