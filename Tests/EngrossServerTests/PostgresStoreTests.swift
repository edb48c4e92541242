@testable import EngrossServer
import Foundation
import PostgresNIO
import Testing

/// What only the PostgreSQL store has: migrations under a lock, the audit table's trigger, several
/// processes on one database, and its address.
@Suite(.enabled(if: TestDatabases.postgresEnabled, "ENGROSS_SKIP_POSTGRES=1"))
struct PostgresStoreTests {
    private static func with(_ body: (PostgresFixture) async throws -> Void) async throws {
        let fixture = try await PostgresFixture.make()
        do {
            try await body(fixture)
            await fixture.close()
        } catch {
            await fixture.close()
            throw error
        }
    }

    @Test func theAuditLogRefusesUpdateDeleteAndTruncateInTheDatabaseItself() async throws {
        try await Self.with { fixture in
            try await fixture.store.appendAudit(AuditEntry(time: 1, organizationID: "org", actorID: "u", actorName: "Ada",
                action: "opened", address: "127.0.0.1"))
            for statement in ["UPDATE audit_log SET actor_name = 'Mallory'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
                var refusal = ""
                do {
                    try await TestDatabases.withConnection(schema: fixture.schema) { connection, logger in
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                } catch let error as PSQLError {
                    refusal = error.serverInfo?[.message] ?? ""
                }
                #expect(refusal.contains("append-only"), "\(statement)")
            }
            let entries = try await fixture.store.auditEntries(organizationID: "org", limit: 10, before: nil)
            #expect(entries.map(\.actorName) == ["Ada"])
        }
    }

    @Test func twoProcessesOnOneDatabaseShareSessionsSignInFailuresAndTheCSRFSecret() async throws {
        try await Self.with { fixture in
            let other = try await fixture.secondProcess()
            defer { other.shutdown() }
            let session = SessionRecord(id: String(repeating: "a", count: 64), userID: "u1", created: 1, lastSeen: 1)
            try await fixture.store.createSession(session)
            #expect(try await other.session(id: session.id) == session)
            try await other.touchSession(id: session.id, at: 5)
            #expect(try await fixture.store.session(id: session.id)?.lastSeen == 5)
            try await other.deleteSession(id: session.id)
            #expect(try await fixture.store.session(id: session.id) == nil)

            try await fixture.store.recordFailedSignIn(key: "ada", at: 10)
            try await other.recordFailedSignIn(key: "ada", at: 11)
            #expect(try await fixture.store.failedSignIns(key: "ada", since: 0) == 2)
            #expect(try await other.failedSignIns(key: "ada", since: 0) == 2)

            async let first = fixture.store.csrfSecret()
            async let second = other.csrfSecret()
            let (a, b) = try await (first, second)
            #expect(a == b)
            let record = try await other.createCase(title: "Made by the second process", json: "{}", owner: nil)
            #expect(try await fixture.store.fetchCase(id: record.id, in: .everything)?.title == "Made by the second process")
        }
    }

    @Test func processesStartingAtOnceMigrateOnce() async throws {
        let address = try PostgresAddress(url: try TestDatabases.requirePostgres())
        let schema = try await TestDatabases.makeSchema()
        defer { Task { await TestDatabases.dropSchema(schema) } }
        let cipher = FieldCipher.random()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<4 {
                group.addTask { try await PostgresStore.open(address: address, cipher: cipher, schema: schema, maximumConnections: 2) }
            }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        defer { stores.forEach { $0.shutdown() } }
        #expect(stores.count == 4)
        var versions: [Int] = []
        try await TestDatabases.withConnection(schema: schema) { connection, logger in
            for try await version in try await connection.query("SELECT version FROM schema_migrations ORDER BY version", logger: logger).decode(Int.self) {
                versions.append(version)
            }
        }
        #expect(versions == PostgresSchema.migrations.map(\.version))
    }

    @Test func aDatabaseSealedWithOneKeyRefusesAnother() async throws {
        try await Self.with { fixture in
            let address = try PostgresAddress(url: try TestDatabases.requirePostgres())
            await #expect(throws: SealingError.wrongKey) {
                try await PostgresStore.open(address: address, cipher: .random(), schema: fixture.schema)
            }
            let again = try await fixture.secondProcess()
            again.shutdown()
        }
    }

    /// It fails at start (a direct connection with a 5-second connect timeout), not at the first
    /// request through the pool, which would retry.
    @Test func anUnreachableDatabaseFailsAtStartWithoutItsPassword() async throws {
        let address = try PostgresAddress(url: "postgres://engross:s3cretpass@127.0.0.1:1/engross")
        do {
            _ = try await PostgresStore.open(address: address, cipher: .random())
            Issue.record("connected to port 1")
        } catch let error as PostgresStoreError {
            guard case .unreachable = error else { Issue.record("\(error)"); return }
            #expect(error.description.hasPrefix("cannot use the PostgreSQL database postgres://engross@127.0.0.1:1/engross: "))
            #expect(!error.description.contains("s3cretpass"))
        }
    }
}

/// `--database` addresses, read without a database.
struct PostgresAddressTests {
    @Test func aURLGivesItsPartsAndPrintsWithoutItsPassword() throws {
        let address = try PostgresAddress(url: "postgres://clinic:p%40ss@db.example.org:6543/engross?sslmode=require")
        #expect(address.host == "db.example.org")
        #expect(address.port == 6543)
        #expect(address.username == "clinic")
        #expect(address.password == "p@ss")
        #expect(address.database == "engross")
        #expect(address.tls == .require)
        #expect(address.description == "postgres://clinic@db.example.org:6543/engross")
        let plain = try PostgresAddress(url: "postgresql://engross@127.0.0.1/engross_test")
        #expect(plain.port == 5432)
        #expect(plain.password == nil)
        #expect(plain.tls == .prefer)
    }

    @Test(arguments: [
        ("mysql://u@h/db", "postgres://"), ("postgres:///db", "no host"), ("postgres://h/db", "no user"),
        ("postgres://u:secretword@h", "no database"), ("postgres://u:secretword@h/db?sslmode=maybe", "sslmode"),
        ("not a url at all", "postgres://"),
    ])
    func aMalformedURLIsRefusedWithoutQuotingIt(_ url: String, _ reason: String) {
        do {
            _ = try PostgresAddress(url: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.description.hasPrefix("the database address is not a PostgreSQL URL"))
            #expect(error.description.contains(reason))
            #expect(!error.description.contains("secretword"))
        }
    }
}
