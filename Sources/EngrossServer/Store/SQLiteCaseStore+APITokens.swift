import Foundation
import GRDB

/// The API tokens of the SQLite store: only their SHA-256 is kept, so a copy of the database
/// cannot call the API.
extension SQLiteCaseStore: APITokenStore {
    /// Migration "4-api-tokens": one row per token, found by the hash of what a client sends.
    static func migrateAPITokens(_ db: Database) throws {
        try db.create(table: "apiToken") { table in
            table.primaryKey("id", .text)
            table.column("organizationID", .text).notNull()
            table.column("name", .text).notNull()
            table.column("tokenHash", .text).notNull().unique()
            table.column("created", .double).notNull()
            table.column("revoked", .boolean).notNull().defaults(to: false)
        }
        try db.create(index: "apiToken_organization", on: "apiToken", columns: ["organizationID", "created"])
    }

    private struct TokenRow: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "apiToken"
        var id: String
        var organizationID: String
        var name: String
        var tokenHash: String
        var created: Double
        var revoked: Bool

        var record: APITokenRecord {
            APITokenRecord(id: id, organizationID: organizationID, name: name, tokenHash: tokenHash, created: created, revoked: revoked)
        }
    }

    public func addAPIToken(organizationID: String, name: String, tokenHash: String) async throws -> APITokenRecord {
        let row = TokenRow(id: UUID().uuidString.lowercased(), organizationID: organizationID, name: name, tokenHash: tokenHash,
            created: Date().timeIntervalSince1970, revoked: false)
        try await database.write { db in try row.insert(db) }
        return row.record
    }

    public func apiToken(hash: String) async throws -> APITokenRecord? {
        try await database.read { db in
            try TokenRow.filter(Column("tokenHash") == hash).fetchOne(db)?.record
        }
    }

    public func apiTokens(organizationID: String) async throws -> [APITokenRecord] {
        try await database.read { db in
            try TokenRow.filter(Column("organizationID") == organizationID).order(Column("created"), Column("id")).fetchAll(db).map(\.record)
        }
    }

    public func revokeAPIToken(id: String, organizationID: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "UPDATE apiToken SET revoked = 1 WHERE id = ? AND organizationID = ?", arguments: [id, organizationID])
            return db.changesCount > 0
        }
    }
}
