import Foundation
import Logging
import NIOCore
import PostgresNIO

/// `CaseStore` in PostgreSQL: scopes are SQL conditions (`scoped`), sealed columns are bytea.
extension PostgresStore: CaseStore {
    /// `sql` with its `{scope}` replaced by the condition (on `cases`) that keeps a query within
    /// `scope`; the scope's values are bound after `bindings`, as parameters, like every value.
    static func scoped(_ sql: String, _ bindings: PostgresBindings, _ scope: CaseScope) -> PostgresQuery {
        var bindings = bindings
        let kind = bindings.count + 1, organization = kind + 1, user = kind + 2
        let condition = """
            (CASE $\(kind)::text WHEN 'everything' THEN true \
            WHEN 'organization' THEN cases.organization_id = $\(organization)::text \
            WHEN 'member' THEN cases.organization_id = $\(organization)::text AND (cases.owner_id = $\(user)::text \
            OR EXISTS (SELECT 1 FROM case_shares WHERE case_shares.case_id = cases.id AND case_shares.user_id = $\(user)::text)) \
            ELSE false END)
            """
        switch scope {
        case .everything: bindings.append("everything"); bindings.appendNull(); bindings.appendNull()
        case .organization(let id): bindings.append("organization"); bindings.append(id); bindings.appendNull()
        case .member(let userID, let organizationID): bindings.append("member"); bindings.append(organizationID); bindings.append(userID)
        case .nothing: bindings.append("nothing"); bindings.appendNull(); bindings.appendNull()
        }
        return PostgresQuery(unsafeSQL: sql.replacingOccurrences(of: "{scope}", with: condition), binds: bindings)
    }

    /// Bindings of `values`, in order, for `scoped`.
    static func binds(_ values: any PostgresDynamicTypeEncodable...) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count + 3)
        for value in values { bindings.append(value) }
        return bindings
    }

    func seal(_ text: String, _ field: SealedField) -> ByteBuffer {
        ByteBuffer(bytes: cipher.seal(text, context: field.context))
    }

    func seal(_ bytes: [UInt8], _ field: SealedField) -> ByteBuffer {
        ByteBuffer(bytes: cipher.seal(bytes, context: field.context))
    }

    func openText(_ buffer: ByteBuffer, _ field: SealedField) throws -> String {
        try cipher.openText(Array(buffer.readableBytesView), context: field.context)
    }

    func open(_ buffer: ByteBuffer, _ field: SealedField) throws -> [UInt8] {
        try cipher.open(Array(buffer.readableBytesView), context: field.context)
    }

    public func listCases(in scope: CaseScope) async throws -> [CaseSummary] {
        try await rows(Self.scoped("SELECT id, title, updated FROM cases WHERE {scope} ORDER BY updated DESC, id", PostgresBindings(), scope)).map {
            let (id, title, updated) = try $0.decode((String, ByteBuffer, Double).self)
            return CaseSummary(id: id, title: try openText(title, .title(id)), updated: updated)
        }
    }

    public func createCase(title: String, json: String, owner: CaseOwner?) async throws -> CaseRecord {
        let now = Self.now
        let record = CaseRecord(id: Self.newID(), title: title, json: json, created: now, updated: now, owner: owner)
        try await run("""
            INSERT INTO cases (id, organization_id, owner_id, title, json, created, updated)
            VALUES (\(record.id), \(owner?.organizationID), \(owner?.userID), \(seal(title, .title(record.id))),
              \(seal(json, .json(record.id))), \(now), \(now))
            """)
        return record
    }

    public func fetchCase(id: String, in scope: CaseScope) async throws -> CaseRecord? {
        let found = try await rows(Self.scoped("""
            SELECT title, json, created, updated, organization_id, owner_id FROM cases WHERE id = $1 AND {scope}
            """, Self.binds(id), scope))
        guard let row = found.first else { return nil }
        let (title, json, created, updated, organization, owner) = try row.decode((ByteBuffer, ByteBuffer, Double, Double, String?, String?).self)
        return CaseRecord(id: id, title: try openText(title, .title(id)), json: try openText(json, .json(id)), created: created, updated: updated,
            owner: organization.flatMap { organization in owner.map { CaseOwner(userID: $0, organizationID: organization) } })
    }

    public func updateCase(id: String, json: String, in scope: CaseScope) async throws -> Bool {
        try await run(Self.scoped("UPDATE cases SET json = $1, updated = $2 WHERE id = $3 AND {scope} RETURNING id",
            Self.binds(seal(json, .json(id)), Self.now, id), scope))
    }

    public func renameCase(id: String, title: String, in scope: CaseScope) async throws -> Bool {
        try await run(Self.scoped("UPDATE cases SET title = $1, updated = $2 WHERE id = $3 AND {scope} RETURNING id",
            Self.binds(seal(title, .title(id)), Self.now, id), scope))
    }

    public func duplicateCase(id: String, title: String, owner: CaseOwner?, in scope: CaseScope) async throws -> CaseRecord? {
        guard let original = try await fetchCase(id: id, in: scope) else { return nil }
        let now = Self.now
        let copy = CaseRecord(id: Self.newID(), title: title, json: original.json, created: now, updated: now, owner: owner ?? original.owner)
        // Sealed values are bound to their row: the copy's are opened and sealed anew.
        var uploads: [(id: String, kind: String, size: Int, content: ByteBuffer)] = []
        for row in try await rows("SELECT id, kind, size, content FROM uploads WHERE case_id = \(id) ORDER BY id") {
            let (uploadID, kind, size, content) = try row.decode((String, String, Int, ByteBuffer).self)
            uploads.append((uploadID, kind, size, seal(try open(content, .upload(id, uploadID)), .upload(copy.id, uploadID))))
        }
        let sealedTitle = seal(title, .title(copy.id)), sealedJSON = seal(copy.json, .json(copy.id))
        try await transaction { connection, logger in
            try await connection.query("""
                INSERT INTO cases (id, organization_id, owner_id, title, json, created, updated)
                VALUES (\(copy.id), \(copy.owner?.organizationID), \(copy.owner?.userID), \(sealedTitle), \(sealedJSON), \(now), \(now))
                """, logger: logger)
            for upload in uploads {
                try await connection.query("""
                    INSERT INTO uploads (case_id, id, kind, size, content)
                    VALUES (\(copy.id), \(upload.id), \(upload.kind), \(upload.size), \(upload.content))
                    """, logger: logger)
            }
        }
        return copy
    }

    public func deleteCase(id: String, in scope: CaseScope) async throws -> Bool {
        // Its uploads, shares and reviews go with it (ON DELETE CASCADE); its audit entries stay.
        try await run(Self.scoped("DELETE FROM cases WHERE id = $1 AND {scope} RETURNING id", Self.binds(id), scope))
    }

    public func uploads(caseID: String, in scope: CaseScope) async throws -> [UploadRecord] {
        try await rows(Self.scoped("""
            SELECT uploads.id, uploads.kind, uploads.size FROM uploads JOIN cases ON cases.id = uploads.case_id
            WHERE uploads.case_id = $1 AND {scope} ORDER BY uploads.id
            """, Self.binds(caseID), scope)).map {
            let (id, kind, size) = try $0.decode((String, String, Int).self)
            return UploadRecord(id: id, caseID: caseID, kind: kind, size: size)
        }
    }

    public func uploadContent(caseID: String, uploadID: String, in scope: CaseScope) async throws -> [UInt8]? {
        let found = try await rows(Self.scoped("""
            SELECT uploads.content FROM uploads JOIN cases ON cases.id = uploads.case_id
            WHERE uploads.case_id = $1 AND uploads.id = $2 AND {scope}
            """, Self.binds(caseID, uploadID), scope))
        guard let row = found.first else { return nil }
        return try open(try row.decode(ByteBuffer.self), .upload(caseID, uploadID))
    }

    public func addUpload(caseID: String, kind: String, content: [UInt8], in scope: CaseScope) async throws -> UploadRecord? {
        let id = Self.newID()
        let added = try await run(Self.scoped("""
            INSERT INTO uploads (case_id, id, kind, size, content) SELECT cases.id, $2, $3, $4, $5 FROM cases
            WHERE cases.id = $1 AND {scope} RETURNING id
            """, Self.binds(caseID, id, kind, content.count, seal(content, .upload(caseID, id))), scope))
        return added ? UploadRecord(id: id, caseID: caseID, kind: kind, size: content.count) : nil
    }

    public func deleteUpload(caseID: String, uploadID: String, in scope: CaseScope) async throws -> Bool {
        try await run(Self.scoped("""
            DELETE FROM uploads USING cases WHERE cases.id = uploads.case_id AND uploads.case_id = $1 AND uploads.id = $2
            AND {scope} RETURNING uploads.id
            """, Self.binds(caseID, uploadID), scope))
    }

    public func csrfSecret() async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
        // The first process to start makes it; the others, and later starts, read that one.
        try await run("INSERT INTO settings (name, value) VALUES ('csrf', \(ByteBuffer(string: secret))) ON CONFLICT (name) DO NOTHING")
        let value = try await rows("SELECT value FROM settings WHERE name = 'csrf'").first?.decode(ByteBuffer.self)
        return value.map { String(buffer: $0) } ?? secret
    }

    /// Runs `body` in a transaction; an error it throws is rethrown as it is (not wrapped in
    /// postgres-nio's `PostgresTransactionError`).
    func transaction(_ body: (PostgresConnection, Logger) async throws -> Void) async throws {
        do {
            try await client.withTransaction(logger: logger) { connection in try await body(connection, logger) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }
}
