@testable import EngrossServer
import Foundation
import PostgresNIO
import Testing

/// One set of behaviours, run against every store: what the web app relies on must not depend on
/// the database under it.
struct StoreConformanceTests {
    private static let org1 = "org-1", org2 = "org-2"
    private static let ada = CaseOwner(userID: "user-ada", organizationID: org1)
    private static let ben = CaseOwner(userID: "user-ben", organizationID: org1)
    private static let cy = CaseOwner(userID: "user-cy", organizationID: org2)

    private static func with(_ factory: StoreFactory, _ body: (StoreUnderTest) async throws -> Void) async throws {
        let subject = try await factory.make()
        do {
            try await body(subject)
            await subject.close()
        } catch {
            await subject.close()
            throw error
        }
    }

    @Test(arguments: StoreFactory.caseStores)
    func eachScopeSeesItsCasesOnly(_ factory: StoreFactory) async throws {
        try await Self.with(factory) { subject in
            let store = subject.store
            let adas = try await store.createCase(title: "Ada's", json: #"{"n": 1}"#, owner: Self.ada)
            let bens = try await store.createCase(title: "Ben's", json: #"{"n": 2}"#, owner: Self.ben)
            let cys = try await store.createCase(title: "Cy's", json: #"{"n": 3}"#, owner: Self.cy)
            #expect(adas.owner == Self.ada)
            let adaScope = CaseScope.member(userID: Self.ada.userID, organizationID: Self.org1)

            #expect(Set(try await store.listCases(in: .everything).map(\.id)) == [adas.id, bens.id, cys.id])
            #expect(Set(try await store.listCases(in: .organization(Self.org1)).map(\.id)) == [adas.id, bens.id])
            #expect(try await store.listCases(in: .organization(Self.org2)).map(\.id) == [cys.id])
            #expect(try await store.listCases(in: adaScope).map(\.id) == [adas.id])
            #expect(try await store.listCases(in: .nothing).isEmpty)

            // Outside its scope a case does not exist: nil and false, never an error.
            for (id, scope) in [(bens.id, adaScope), (cys.id, .organization(Self.org1)), (adas.id, .nothing)] {
                #expect(try await store.fetchCase(id: id, in: scope) == nil)
                #expect(try await !store.updateCase(id: id, json: "{}", in: scope))
                #expect(try await !store.renameCase(id: id, title: "x", in: scope))
                #expect(try await store.duplicateCase(id: id, title: "x", owner: Self.ada, in: scope) == nil)
                #expect(try await store.addUpload(caseID: id, kind: "pdf", content: [1], in: scope) == nil)
                #expect(try await store.uploads(caseID: id, in: scope).isEmpty)
                #expect(try await !store.deleteCase(id: id, in: scope))
            }
            #expect(try await store.fetchCase(id: bens.id, in: .everything)?.json == #"{"n": 2}"#)

            // A case shared with Ada is hers to see; one of another organization never is.
            try await subject.share(bens.id, Self.ada.userID)
            try await subject.share(cys.id, Self.ada.userID)
            #expect(Set(try await store.listCases(in: adaScope).map(\.id)) == [adas.id, bens.id])
            #expect(try await store.fetchCase(id: bens.id, in: adaScope)?.title == "Ben's")
            #expect(try await store.fetchCase(id: cys.id, in: adaScope) == nil)

            // Within scope: read, change, rename.
            #expect(try await store.updateCase(id: adas.id, json: #"{"n": 10}"#, in: adaScope))
            #expect(try await store.renameCase(id: adas.id, title: "Ada's intake", in: .organization(Self.org1)))
            let fetched = try #require(try await store.fetchCase(id: adas.id, in: adaScope))
            #expect(fetched.json == #"{"n": 10}"#)
            #expect(fetched.title == "Ada's intake")
            #expect(fetched.owner == Self.ada)
            #expect(fetched.updated >= fetched.created)
            #expect(try await store.fetchCase(id: "no-such-case", in: .everything) == nil)
        }
    }

    @Test(arguments: StoreFactory.caseStores)
    func uploadsBelongToTheirCase(_ factory: StoreFactory) async throws {
        try await Self.with(factory) { subject in
            let store = subject.store
            let record = try await store.createCase(title: "Intake", json: "{}", owner: Self.ada)
            let pdf = Array("%PDF-1.4 exhibit".utf8), png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0, 255]
            let first = try #require(try await store.addUpload(caseID: record.id, kind: "pdf", content: pdf, in: .organization(Self.org1)))
            let second = try #require(try await store.addUpload(caseID: record.id, kind: "png", content: png, in: .everything))
            #expect(first.size == pdf.count)
            #expect(first.path == "uploads/\(first.id).pdf")
            #expect(Set(try await store.uploads(caseID: record.id, in: .everything).map(\.id)) == [first.id, second.id])
            #expect(try await store.uploadContent(caseID: record.id, uploadID: first.id, in: .everything) == pdf)
            #expect(try await store.uploadContent(caseID: record.id, uploadID: second.id, in: .everything) == png)
            #expect(try await store.uploadContent(caseID: record.id, uploadID: first.id, in: .organization(Self.org2)) == nil)
            #expect(try await store.uploadContent(caseID: record.id, uploadID: "no-such", in: .everything) == nil)
            #expect(try await !store.deleteUpload(caseID: record.id, uploadID: first.id, in: .organization(Self.org2)))
            #expect(try await store.deleteUpload(caseID: record.id, uploadID: first.id, in: .everything))
            #expect(try await store.uploads(caseID: record.id, in: .everything).map(\.id) == [second.id])

            // A copy has the same files, under the new owner.
            let copy = try #require(try await store.duplicateCase(id: record.id, title: "Copy", owner: Self.ben, in: .everything))
            #expect(copy.owner == Self.ben)
            #expect(copy.json == "{}")
            #expect(try await store.uploadContent(caseID: copy.id, uploadID: second.id, in: .everything) == png)
            #expect(try await store.fetchCase(id: copy.id, in: .member(userID: Self.ben.userID, organizationID: Self.org1))?.title == "Copy")
        }
    }

    @Test(arguments: StoreFactory.caseStores)
    func theDatabaseHoldsNoMarkerValueNeitherAfterCreateNorAfterDelete(_ factory: StoreFactory) async throws {
        try await Self.with(factory) { subject in
            let store = subject.store
            let markers = ["Quellwater Zorbatine", "A000000001", "Intake Brightmoor", "Thistlewood exhibit"]
            let record = try await store.createCase(title: "Intake Brightmoor",
                json: #"{"client": {"fullName": "Quellwater Zorbatine", "aNumber": "A000000001"}}"#, owner: Self.ada)
            _ = try await store.addUpload(caseID: record.id, kind: "pdf", content: Array("%PDF-1.4 Thistlewood exhibit".utf8), in: .everything)
            _ = try await store.updateCase(id: record.id, json: #"{"client": {"fullName": "Quellwater Zorbatine", "aNumber": "A000000001"}}"#, in: .everything)
            try await subject.share(record.id, Self.ben.userID)
            // The case is there (the dump is not empty of it), sealed.
            #expect(try await subject.holds(record.id))
            for marker in markers {
                #expect(try await !subject.holds(marker), "\(marker) in clear after create")
            }
            #expect(try await store.deleteCase(id: record.id, in: .everything))
            #expect(try await !subject.holds(record.id), "the case's id (its row, uploads, shares) after delete")
            for marker in markers {
                #expect(try await !subject.holds(marker), "\(marker) after delete")
            }
            #expect(try await store.fetchCase(id: record.id, in: .everything) == nil)
            #expect(try await store.uploads(caseID: record.id, in: .everything).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.caseStores)
    func theCSRFSecretIsMadeOnce(_ factory: StoreFactory) async throws {
        try await Self.with(factory) { subject in
            let secret = try await subject.store.csrfSecret()
            #expect(secret.count == 64)
            #expect(try await subject.store.csrfSecret() == secret)
        }
    }
}
