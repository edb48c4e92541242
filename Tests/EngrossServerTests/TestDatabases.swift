@testable import EngrossServer
import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
import TestSupport

/// The databases the store tests run against: SQLite in a temporary file, and PostgreSQL at
/// `ENGROSS_TEST_POSTGRES_URL` (which `make test` starts with scripts/test-postgres), each test
/// in a schema of its own.
///
/// Without `ENGROSS_TEST_POSTGRES_URL`, the PostgreSQL tests fail and say how to start one, unless
/// `ENGROSS_SKIP_POSTGRES=1` asks explicitly to leave them out (for a quick local `swift test`).
enum TestDatabases {
    static let postgresURL = ProcessInfo.processInfo.environment["ENGROSS_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let skipPostgres = ProcessInfo.processInfo.environment["ENGROSS_SKIP_POSTGRES"] == "1"
    static let missingPostgres = """
        these tests need PostgreSQL: run them with make test, or start one with scripts/test-postgres start and \
        set ENGROSS_TEST_POSTGRES_URL to the URL it prints (ENGROSS_SKIP_POSTGRES=1 leaves them out)
        """

    /// The URL of the test cluster; fails the test with how to get one when there is none.
    static func requirePostgres() throws -> String {
        guard let postgresURL else { throw TestFailure(missingPostgres) }
        return postgresURL
    }

    /// Whether the PostgreSQL tests run (they do unless skipped explicitly).
    static var postgresEnabled: Bool { !skipPostgres || postgresURL != nil }

    /// A new, empty schema in the test database.
    static func makeSchema() async throws -> String {
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await withConnection { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"), logger: logger)
        }
        return schema
    }

    static func dropSchema(_ schema: String) async {
        try? await withConnection { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"), logger: logger)
        }
    }

    /// Runs `body` on a connection of its own to the test database, within `schema` if given.
    static func withConnection(schema: String? = nil, _ body: (PostgresConnection, Logger) async throws -> Void) async throws {
        let address = try PostgresAddress(url: try requirePostgres())
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.username,
            password: address.password, database: address.database, tls: .disable)
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        var logger = Logger(label: "engross-tests")
        logger.logLevel = .critical
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await body(connection, logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// `pg_dump` of a schema: everything a copy of the database would hold.
    static func dump(schema: String) throws -> Data {
        let (status, output) = try runTool(["pg_dump", "--no-owner", "-n", schema, try requirePostgres()])
        guard status == 0 else { throw TestFailure("pg_dump exited \(status)") }
        return Data(output.utf8)
    }
}

/// One store under test, with what the tests need to look inside it.
struct StoreUnderTest: Sendable {
    let store: any CaseStore
    /// Shares a case with a user.
    let share: @Sendable (_ caseID: String, _ userID: String) async throws -> Void
    /// Every byte a copy of the database would hold.
    let contents: @Sendable () async throws -> Data
    let close: @Sendable () async -> Void

    /// Whether a copy of the database holds `marker`, as text or (bytea in a dump) as hex.
    func holds(_ marker: String) async throws -> Bool {
        let data = try await contents()
        let hex = Array(marker.utf8).map { String(format: "%02x", $0) }.joined()
        return data.range(of: Data(marker.utf8)) != nil || data.range(of: Data(hex.utf8)) != nil
    }
}

/// How to make a fresh store of one kind, for `@Test(arguments:)`.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> StoreUnderTest
    var testDescription: String { name }

    static let sqlite = StoreFactory(name: "SQLite") {
        let folder = NSTemporaryDirectory() + "engross-conformance-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/engross.sqlite"
        let store = try SQLiteCaseStore(path: path, cipher: FieldCipher.random())
        return StoreUnderTest(
            store: store,
            share: { caseID, userID in try await store.shareCase(caseID: caseID, withUserID: userID) },
            contents: {
                [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.reduce(Data(), +)
            },
            close: { try? FileManager.default.removeItem(atPath: folder) })
    }

    static let postgres = StoreFactory(name: "PostgreSQL") {
        let postgres = try await PostgresFixture.make()
        return StoreUnderTest(
            store: postgres.store,
            share: { caseID, userID in try await postgres.store.shareCase(caseID: caseID, withUserID: userID) },
            contents: { try TestDatabases.dump(schema: postgres.schema) },
            close: { await postgres.close() })
    }

    /// Every kind of case store.
    static var caseStores: [StoreFactory] { TestDatabases.postgresEnabled ? [.sqlite, .postgres] : [.sqlite] }
}

/// A PostgreSQL store in a fresh schema of the test database.
struct PostgresFixture: Sendable {
    let store: PostgresStore
    let schema: String
    let cipher: FieldCipher

    static func make(cipher: FieldCipher = .random()) async throws -> PostgresFixture {
        let address = try PostgresAddress(url: try TestDatabases.requirePostgres())
        let schema = try await TestDatabases.makeSchema()
        let store = try await PostgresStore.open(address: address, cipher: cipher, schema: schema, maximumConnections: 4)
        return PostgresFixture(store: store, schema: schema, cipher: cipher)
    }

    /// Another store on the same schema: a second server process.
    func secondProcess() async throws -> PostgresStore {
        try await PostgresStore.open(address: PostgresAddress(url: try TestDatabases.requirePostgres()), cipher: cipher, schema: schema,
            maximumConnections: 4)
    }

    func close() async {
        store.shutdown()
        await TestDatabases.dropSchema(schema)
    }
}

/// How to make a fresh account store, for `@Test(arguments:)`.
struct AccountStoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> (store: any AccountStore & APITokenStore & CaseStore, close: @Sendable () async -> Void)
    var testDescription: String { name }

    static let postgres = AccountStoreFactory(name: "PostgreSQL") {
        let postgres = try await PostgresFixture.make()
        return (postgres.store, { await postgres.close() })
    }

    static let sqlite = AccountStoreFactory(name: "SQLite") {
        let folder = NSTemporaryDirectory() + "engross-accounts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteCaseStore(path: folder + "/engross.sqlite", cipher: FieldCipher.random())
        return (store, { try? FileManager.default.removeItem(atPath: folder) })
    }

    static var all: [AccountStoreFactory] { TestDatabases.postgresEnabled ? [.sqlite, .postgres] : [.sqlite] }
}
