@testable import EngrossServer
import Foundation
import Testing

/// What every `AccountStore` and `APITokenStore` does, whatever its database.
struct AccountStoreConformanceTests {
    private static func with(_ factory: AccountStoreFactory,
                             _ body: (any AccountStore & APITokenStore & CaseStore) async throws -> Void) async throws {
        let (store, close) = try await factory.make()
        do {
            try await body(store)
            await close()
        } catch {
            await close()
            throw error
        }
    }

    @Test(arguments: AccountStoreFactory.all)
    func organizationsAndUsers(_ factory: AccountStoreFactory) async throws {
        try await Self.with(factory) { store in
            let clinic = try await store.createOrganization(name: "Example Clinic")
            await #expect(throws: AccountStoreError.duplicateOrganization) { try await store.createOrganization(name: "Example Clinic") }
            #expect(try await store.organization(named: "Example Clinic") == clinic)
            #expect(try await store.organization(id: clinic.id) == clinic)
            #expect(try await store.organization(named: "Nowhere") == nil)

            let ada = try await store.addUser(organizationID: clinic.id, username: "Ada@Example.org", displayName: "Ada Example",
                role: .advocate, passwordHash: "$2b$12$hash")
            #expect(ada.active)
            // Usernames are unique without regard to case, and found the same way.
            await #expect(throws: AccountStoreError.duplicateUsername) {
                try await store.addUser(organizationID: clinic.id, username: "ada@example.ORG", displayName: "Other", role: .attorney, passwordHash: "x")
            }
            #expect(try await store.user(username: "ADA@example.org") == ada)
            #expect(try await store.user(id: ada.id) == ada)
            #expect(try await store.user(username: "nobody") == nil)
            let ben = try await store.addUser(organizationID: clinic.id, username: "ben", displayName: "Ben", role: .attorney, passwordHash: "h")
            #expect(try await store.users(organizationID: clinic.id).map(\.id) == [ada.id, ben.id])

            var changed = ada
            changed.role = .supervisor
            changed.displayName = "Ada E."
            changed.passwordHash = "$2b$12$new"
            changed.active = false
            #expect(try await store.updateUser(changed))
            #expect(try await store.user(id: ada.id) == changed)
            var ghost = changed
            ghost.id = "no-such-user"
            #expect(try await !store.updateUser(ghost))
        }
    }

    @Test(arguments: AccountStoreFactory.all)
    func sessionsAndSignInFailures(_ factory: AccountStoreFactory) async throws {
        try await Self.with(factory) { store in
            let organization = try await store.createOrganization(name: "Sessions Clinic")
            let u1 = try await store.addUser(organizationID: organization.id, username: "ada@example.org", displayName: "Ada",
                role: .advocate, passwordHash: "x").id
            let u2 = try await store.addUser(organizationID: organization.id, username: "ben@example.org", displayName: "Ben",
                role: .advocate, passwordHash: "x").id
            let one = SessionRecord(id: String(repeating: "a", count: 64), userID: u1, created: 1000, lastSeen: 1000)
            let two = SessionRecord(id: String(repeating: "b", count: 64), userID: u1, created: 1000, lastSeen: 1000)
            let three = SessionRecord(id: String(repeating: "c", count: 64), userID: u2, created: 1000, lastSeen: 1000)
            for session in [one, two, three] { try await store.createSession(session) }
            #expect(try await store.session(id: one.id) == one)
            try await store.touchSession(id: one.id, at: 2000)
            #expect(try await store.session(id: one.id)?.lastSeen == 2000)
            try await store.deleteSessions(idleSince: 1500)
            #expect(try await store.session(id: two.id) == nil)
            #expect(try await store.session(id: three.id) == nil)
            #expect(try await store.session(id: one.id) != nil)
            try await store.createSession(two)
            try await store.deleteSessions(userID: u1)
            #expect(try await store.session(id: one.id) == nil)
            #expect(try await store.session(id: two.id) == nil)
            try await store.createSession(three)
            try await store.deleteSession(id: three.id)
            #expect(try await store.session(id: three.id) == nil)

            for time in [100.0, 200, 300] { try await store.recordFailedSignIn(key: "ada@example.org", at: time) }
            try await store.recordFailedSignIn(key: "127.0.0.1", at: 300)
            #expect(try await store.failedSignIns(key: "ada@example.org", since: 0) == 3)
            #expect(try await store.failedSignIns(key: "ada@example.org", since: 200) == 2)
            #expect(try await store.failedSignIns(key: "ben", since: 0) == 0)
        }
    }

    @Test(arguments: AccountStoreFactory.all)
    func sharesAndReviewsGoWithTheirCaseButTheAuditLogStays(_ factory: AccountStoreFactory) async throws {
        try await Self.with(factory) { store in
            let owner = CaseOwner(userID: "u-ada", organizationID: "org")
            let record = try await store.createCase(title: "Intake", json: "{}", owner: owner)
            try await store.shareCase(caseID: record.id, withUserID: "u-ben")
            try await store.shareCase(caseID: record.id, withUserID: "u-ben")
            try await store.shareCase(caseID: record.id, withUserID: "u-cy")
            #expect(try await store.shares(caseID: record.id) == ["u-ben", "u-cy"])
            try await store.unshareCase(caseID: record.id, withUserID: "u-cy")
            #expect(try await store.shares(caseID: record.id) == ["u-ben"])

            try await store.markReviewed(caseID: record.id, slot: "declaration", userID: "u-att", at: 10)
            try await store.markReviewed(caseID: record.id, slot: "declaration", userID: "u-sup", at: 20)
            try await store.markReviewed(caseID: record.id, slot: "supportLetters.1", userID: "u-att", at: 15)
            #expect(try await store.reviews(caseID: record.id) == [
                ReviewRecord(caseID: record.id, slot: "declaration", userID: "u-sup", time: 20),
                ReviewRecord(caseID: record.id, slot: "supportLetters.1", userID: "u-att", time: 15),
            ])
            try await store.appendAudit(AuditEntry(time: 30, organizationID: "org", actorID: "u-ada", actorName: "Ada", action: "deleted",
                caseID: record.id, address: "127.0.0.1"))

            #expect(try await store.deleteCase(id: record.id, in: .everything))
            #expect(try await store.shares(caseID: record.id).isEmpty)
            #expect(try await store.reviews(caseID: record.id).isEmpty)
            #expect(try await store.auditEntries(organizationID: "org", limit: 10, before: nil).map(\.caseID) == [record.id])
        }
    }

    @Test(arguments: AccountStoreFactory.all)
    func theAuditLogIsReadNewestFirstByPage(_ factory: AccountStoreFactory) async throws {
        try await Self.with(factory) { store in
            for index in 0..<5 {
                try await store.appendAudit(AuditEntry(time: Double(index), organizationID: "org", actorID: "u", actorName: "Ada",
                    action: "opened", caseID: index == 0 ? nil : "case-\(index)", detail: "declaration", address: "10.0.0.\(index)"))
            }
            try await store.appendAudit(AuditEntry(time: 9, organizationID: "other", actorID: "v", actorName: "Vi", action: "opened", address: "x"))
            let page = try await store.auditEntries(organizationID: "org", limit: 3, before: nil)
            #expect(page.map(\.time) == [4, 3, 2])
            #expect(page[0].actorName == "Ada")
            #expect(page[0].detail == "declaration")
            #expect(page[0].address == "10.0.0.4")
            #expect(page[0].sequence > page[1].sequence)
            let next = try await store.auditEntries(organizationID: "org", limit: 3, before: page.last!.sequence)
            #expect(next.map(\.time) == [1, 0])
            #expect(next.last?.caseID == nil)
            #expect(try await store.auditEntries(organizationID: "other", limit: 10, before: nil).count == 1)
        }
    }

    @Test(arguments: AccountStoreFactory.all)
    func apiTokensAreFoundByHashAndRevokedWithinTheirOrganization(_ factory: AccountStoreFactory) async throws {
        try await Self.with(factory) { store in
            let hash = String(repeating: "d", count: 64)
            let token = try await store.addAPIToken(organizationID: "org", name: "LegalServer", tokenHash: hash)
            #expect(!token.revoked)
            #expect(try await store.apiToken(hash: hash) == token)
            #expect(try await store.apiToken(hash: String(repeating: "e", count: 64)) == nil)
            let other = try await store.addAPIToken(organizationID: "org", name: "Second", tokenHash: String(repeating: "f", count: 64))
            #expect(try await store.apiTokens(organizationID: "org").map(\.id) == [token.id, other.id])
            #expect(try await !store.revokeAPIToken(id: token.id, organizationID: "another-org"))
            #expect(try await store.apiToken(hash: hash)?.revoked == false)
            #expect(try await store.revokeAPIToken(id: token.id, organizationID: "org"))
            #expect(try await store.apiToken(hash: hash)?.revoked == true)
        }
    }
}
