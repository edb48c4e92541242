import EngrossServer
import Foundation
import GRDB
import Testing

/// The SQLite store's accounts: every `AccountStore` method, and the audit log's refusal to be
/// rewritten.
struct SQLiteAccountStoreTests {
    /// A store in a fresh file (so a second connection can try to rewrite the log), removed afterwards.
    private static func withStore(_ body: (SQLiteCaseStore, String) async throws -> Void) async throws {
        let folder = NSTemporaryDirectory() + "engross-accounts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/engross.sqlite"
        try await body(try SQLiteCaseStore(path: path), path)
    }

    @Test func organizationsAreFoundByNameWithoutRegardToCaseAndAreUnique() async throws {
        let store = try SQLiteCaseStore()
        let clinic = try await store.createOrganization(name: "Example Clinic")
        #expect(try await store.organization(named: "example clinic") == clinic)
        #expect(try await store.organization(id: clinic.id) == clinic)
        #expect(try await store.organization(named: "Other") == nil)
        #expect(try await store.organization(id: "nope") == nil)
        await #expect(throws: AccountStoreError.duplicateOrganization) { _ = try await store.createOrganization(name: "EXAMPLE CLINIC") }
    }

    @Test func usersAreUniqueWithoutRegardToCaseAndCanBeUpdated() async throws {
        let store = try SQLiteCaseStore()
        let clinic = try await store.createOrganization(name: "Example Clinic")
        let other = try await store.createOrganization(name: "Other Clinic")
        let ada = try await store.addUser(organizationID: clinic.id, username: "Ada@Example.org", displayName: "Ada Admin",
            role: .administrator, passwordHash: "$2b$04$x")
        _ = try await store.addUser(organizationID: other.id, username: "bo@example.org", displayName: "Bo Advocate", role: .advocate, passwordHash: "h")
        #expect(ada.active)
        #expect(try await store.user(username: "ada@example.ORG") == ada)
        #expect(try await store.user(id: ada.id) == ada)
        #expect(try await store.user(username: "nobody@example.org") == nil)
        await #expect(throws: AccountStoreError.duplicateUsername) {
            _ = try await store.addUser(organizationID: other.id, username: "ADA@example.org", displayName: "X", role: .advocate, passwordHash: "h")
        }
        #expect(try await store.users(organizationID: clinic.id).map(\.id) == [ada.id])
        var changed = ada
        changed.role = .supervisor
        changed.displayName = "Ada Supervisor"
        changed.passwordHash = "new"
        changed.active = false
        #expect(try await store.updateUser(changed))
        #expect(try await store.user(id: ada.id) == changed)
        changed.id = "missing"
        #expect(try await store.updateUser(changed) == false)
    }

    @Test func sessionsAreTouchedAndDeletedOneByOneByUserAndWhenIdle() async throws {
        let store = try SQLiteCaseStore()
        let clinic = try await store.createOrganization(name: "Example Clinic")
        let user = try await store.addUser(organizationID: clinic.id, username: "a", displayName: "A", role: .advocate, passwordHash: "h")
        let other = try await store.addUser(organizationID: clinic.id, username: "b", displayName: "B", role: .advocate, passwordHash: "h")
        for (id, owner) in [("s1", user.id), ("s2", user.id), ("s3", other.id)] {
            try await store.createSession(SessionRecord(id: id, userID: owner, created: 100, lastSeen: 100))
        }
        try await store.touchSession(id: "s3", at: 500)
        #expect(try await store.session(id: "s3") == SessionRecord(id: "s3", userID: other.id, created: 100, lastSeen: 500))
        try await store.touchSession(id: "s3", at: 400)
        #expect(try await store.session(id: "s3")?.lastSeen == 500)
        try await store.deleteSession(id: "s1")
        #expect(try await store.session(id: "s1") == nil)
        #expect(try await store.session(id: "s2") != nil)
        try await store.deleteSessions(userID: user.id)
        #expect(try await store.session(id: "s2") == nil)
        #expect(try await store.session(id: "s3") != nil)
        try await store.deleteSessions(idleSince: 501)
        #expect(try await store.session(id: "s3") == nil)
    }

    @Test func failedSignInsAreCountedByKeyWithinTheWindow() async throws {
        let store = try SQLiteCaseStore()
        for time in [100.0, 130, 150] { try await store.recordFailedSignIn(key: "user:ada", at: time) }
        try await store.recordFailedSignIn(key: "address:192.0.2.1", at: 150)
        #expect(try await store.failedSignIns(key: "user:ada", since: 100) == 3)
        #expect(try await store.failedSignIns(key: "user:ada", since: 120) == 2)
        #expect(try await store.failedSignIns(key: "address:192.0.2.1", since: 0) == 1)
        #expect(try await store.failedSignIns(key: "user:bo", since: 0) == 0)
    }

    @Test func sharesAndReviewsGoWithTheCase() async throws {
        let store = try SQLiteCaseStore()
        let clinic = try await store.createOrganization(name: "Example Clinic")
        let owner = try await store.addUser(organizationID: clinic.id, username: "a", displayName: "A", role: .advocate, passwordHash: "h")
        let colleague = try await store.addUser(organizationID: clinic.id, username: "b", displayName: "B", role: .advocate, passwordHash: "h")
        let record = try await store.createCase(title: "Intake 1", json: "{}", owner: CaseOwner(userID: owner.id, organizationID: clinic.id))
        let colleagueScope = CaseScope.member(userID: colleague.id, organizationID: clinic.id)
        #expect(try await store.fetchCase(id: record.id, in: colleagueScope) == nil)
        try await store.shareCase(caseID: record.id, withUserID: colleague.id)
        try await store.shareCase(caseID: record.id, withUserID: colleague.id)
        #expect(try await store.shares(caseID: record.id) == [colleague.id])
        #expect(try await store.fetchCase(id: record.id, in: colleagueScope) != nil)
        try await store.unshareCase(caseID: record.id, withUserID: colleague.id)
        #expect(try await store.shares(caseID: record.id).isEmpty)
        #expect(try await store.fetchCase(id: record.id, in: colleagueScope) == nil)

        try await store.markReviewed(caseID: record.id, slot: "declaration", userID: owner.id, at: 10)
        try await store.markReviewed(caseID: record.id, slot: "declaration", userID: colleague.id, at: 20)
        try await store.markReviewed(caseID: record.id, slot: "supportLetters.0", userID: owner.id, at: 30)
        #expect(try await store.reviews(caseID: record.id) == [
            ReviewRecord(caseID: record.id, slot: "declaration", userID: colleague.id, time: 20),
            ReviewRecord(caseID: record.id, slot: "supportLetters.0", userID: owner.id, time: 30),
        ])
        try await store.shareCase(caseID: record.id, withUserID: colleague.id)
        #expect(try await store.deleteCase(id: record.id, in: .organization(clinic.id)))
        #expect(try await store.reviews(caseID: record.id).isEmpty)
        #expect(try await store.shares(caseID: record.id).isEmpty)
    }

    @Test func theAuditLogIsPagedNewestFirstPerOrganization() async throws {
        let store = try SQLiteCaseStore()
        for index in 1...5 {
            try await store.appendAudit(AuditEntry(time: Double(index), organizationID: "org1", actorID: "u1", actorName: "Ada",
                action: "opened", caseID: "c\(index)", detail: "declaration", address: "192.0.2.1"))
        }
        try await store.appendAudit(AuditEntry(time: 9, organizationID: "org2", actorID: "u2", actorName: "Bo", action: "created", address: "x"))
        let first = try await store.auditEntries(organizationID: "org1", limit: 2, before: nil)
        #expect(first.map(\.caseID) == ["c5", "c4"])
        #expect(first[0].actorName == "Ada" && first[0].detail == "declaration" && first[0].address == "192.0.2.1" && first[0].time == 5)
        let second = try await store.auditEntries(organizationID: "org1", limit: 10, before: first.last!.sequence)
        #expect(second.map(\.caseID) == ["c3", "c2", "c1"])
        #expect(try await store.auditEntries(organizationID: "org2", limit: 10, before: nil).map(\.action) == ["created"])
    }

    /// The database itself refuses to change or delete an entry, whatever connection tries.
    @Test func theAuditLogRefusesUpdateAndDelete() async throws {
        try await Self.withStore { store, path in
            try await store.appendAudit(AuditEntry(time: 1, organizationID: "org1", actorID: "u1", actorName: "Ada", action: "deleted",
                caseID: "c1", address: "x"))
            let database = try DatabaseQueue(path: path)
            #expect(throws: DatabaseError.self) {
                try database.write { db in try db.execute(sql: "UPDATE auditEntry SET actorName = 'Someone else'") }
            }
            #expect(throws: DatabaseError.self) {
                try database.write { db in try db.execute(sql: "DELETE FROM auditEntry") }
            }
            let entries = try await store.auditEntries(organizationID: "org1", limit: 10, before: nil)
            #expect(entries.map(\.actorName) == ["Ada"])
        }
    }
}
