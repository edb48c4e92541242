import Foundation
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// The clinic server's store: a PostgreSQL database shared by every `engross serve` process
/// (postgres-nio's `PostgresClient` and its connection pool). It implements `CaseStore`,
/// `AccountStore` and `APITokenStore`; everything a second process would need (sessions, sign-in
/// failures, the CSRF secret) is in tables, nothing in memory.
///
/// A case's title and data and its exhibits are sealed with the `FieldCipher` (always: a dump of
/// the database alone reveals none of them). Every value reaches SQL as a bound parameter.
///
/// ```swift
/// let store = try await PostgresStore.open(address: PostgresAddress(url: url), cipher: cipher)
/// defer { store.shutdown() }
/// ```
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let cipher: FieldCipher
    let logger: Logger
    private let running: Task<Void, Never>

    private init(client: PostgresClient, cipher: FieldCipher, logger: Logger) {
        self.client = client
        self.cipher = cipher
        self.logger = logger
        running = Task { await client.run() }
    }

    /// Connects, brings the schema up to date, checks the key against the database, and starts the
    /// connection pool. A database that cannot be reached fails here, in a few seconds, with
    /// `PostgresStoreError.unreachable`.
    ///
    /// - Parameters:
    ///   - schema: a schema to use instead of `public` (the tests give each test one).
    ///   - maximumConnections: the pool's size in this process.
    public static func open(address: PostgresAddress, cipher: FieldCipher, schema: String? = nil,
                            maximumConnections: Int = 20) async throws -> PostgresStore {
        var logger = Logger(label: "engross-postgres")
        logger.logLevel = .critical
        var parameters: [(String, String)] = [("application_name", "engross")]
        if let schema { parameters.append(("search_path", schema)) }

        var connection = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.username,
            password: address.password, database: address.database, tls: try connectionTLS(address.tls))
        connection.options.connectTimeout = .seconds(5)
        connection.options.additionalStartupParameters = parameters
        let first: PostgresConnection
        do { first = try await PostgresConnection.connect(configuration: connection, id: 0, logger: logger) } catch {
            throw PostgresStoreError.unreachable(address: address.description, reason: reason(error))
        }
        do {
            try await migrate(first, cipher: cipher, logger: logger)
            try? await first.close()
        } catch {
            try? await first.close()
            throw error
        }

        var configuration = PostgresClient.Configuration(host: address.host, port: address.port, username: address.username,
            password: address.password, database: address.database, tls: try clientTLS(address.tls))
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = parameters
        configuration.options.maximumConnections = maximumConnections
        return PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: logger), cipher: cipher, logger: logger)
    }

    /// Stops the connection pool; the store cannot be used after.
    public func shutdown() {
        running.cancel()
    }

    private static func connectionTLS(_ mode: PostgresAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: try .prefer(.init(configuration: .makeClientConfiguration()))
        case .require: try .require(.init(configuration: .makeClientConfiguration()))
        }
    }

    private static func clientTLS(_ mode: PostgresAddress.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    /// A short reason for a failure to connect or to migrate: the server's message, or the
    /// network's; postgres-nio's own description hides both.
    static func reason(_ error: any Error) -> String {
        var text = "\(error)"
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            text = error.underlying.map { "\($0)" } ?? "\(error.code)"
        }
        if text.contains("Connection refused") { return "connection refused (is PostgreSQL running and listening there?)" }
        if text.localizedCaseInsensitiveContains("timed out") || text.localizedCaseInsensitiveContains("timeout") {
            return "no answer within 5 seconds"
        }
        return text
    }

    /// Applies the migrations not yet applied, in one transaction under an advisory lock, and
    /// checks (or, on a new database, records) the key.
    private static func migrate(_ connection: PostgresConnection, cipher: FieldCipher, logger: Logger) async throws {
        do {
            try await connection.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL,
                      applied timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                var applied = Set<Int>()
                for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
                    applied.insert(version)
                }
                for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                }
                try await checkKey(connection, cipher: cipher, logger: logger)
            }
        } catch let error as SealingError {
            throw error
        } catch let error as PostgresTransactionError {
            if let closure = error.closureError as? SealingError { throw closure }
            throw PostgresStoreError.migrationFailed(reason(error.closureError ?? error.beginError ?? error.commitError ?? error))
        } catch {
            throw PostgresStoreError.migrationFailed(reason(error))
        }
    }

    /// Opens the sealed key check, or seals one in a database that has none.
    private static func checkKey(_ connection: PostgresConnection, cipher: FieldCipher, logger: Logger) async throws {
        let context = SealedField.keyCheck.context
        let rows = try await connection.query("SELECT value FROM settings WHERE name = 'keyCheck'", logger: logger)
        for try await value in rows.decode(ByteBuffer.self) {
            guard (try? cipher.open(Array(value.readableBytesView), context: context)) == SealedField.keyCheckValue else {
                throw SealingError.wrongKey
            }
            return
        }
        let sealed = ByteBuffer(bytes: cipher.seal(SealedField.keyCheckValue, context: context))
        try await connection.query("INSERT INTO settings (name, value) VALUES ('keyCheck', \(sealed))", logger: logger)
    }

    // MARK: Queries

    /// Runs `query` and collects its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query, logger: logger).collect()
    }

    /// Runs a statement whose rows are not wanted, and says whether it returned any (statements
    /// end with `RETURNING` to tell whether they changed a row).
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> Bool {
        try await !rows(query).isEmpty
    }

    static var now: Double { Date().timeIntervalSince1970 }
    static func newID() -> String { UUID().uuidString.lowercased() }
}

/// The pool runs with the store; as a service of the web app's `Application`, the store is shut
/// down when the server stops.
extension PostgresStore: Service {
    public func run() async throws {
        try? await gracefulShutdown()
        shutdown()
    }
}
