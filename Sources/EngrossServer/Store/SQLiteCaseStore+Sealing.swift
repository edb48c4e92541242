import Foundation
import GRDB

/// Sealed columns of the SQLite store. With a cipher, `caseFile.title`, `caseFile.json` and
/// `upload.content` hold blobs sealed by `FieldCipher`; without one, text and bytes in clear.
///
/// The first time a database is opened with a key, the rows it holds in clear (a database of the
/// one-user server before sealing) are sealed in place, in one transaction, and a sealed known
/// value (`setting.keyCheck`) is added; with `secure_delete` on, SQLite overwrites the clear
/// pages, and the write-ahead log is then emptied. Later opens check the key against that value,
/// so a wrong key file is refused at start rather than at the first case.
extension SQLiteCaseStore {
    static func prepareSealing(_ database: DatabaseQueue, cipher: FieldCipher?) throws {
        try database.writeWithoutTransaction { db in
            let check = try DatabaseValue.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'keyCheck'")
            guard let cipher else {
                if check != nil { throw SealingError.keyNeeded }
                return
            }
            if let check {
                guard case .blob(let data) = check.storage,
                      (try? cipher.open(Array(data), context: SealedField.keyCheck.context)) == SealedField.keyCheckValue
                else { throw SealingError.wrongKey }
                return
            }
            try db.inTransaction {
                try sealInPlace(db, cipher: cipher)
                try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('keyCheck', ?)",
                    arguments: [Data(cipher.seal(SealedField.keyCheckValue, context: SealedField.keyCheck.context))])
                return .commit
            }
            try db.checkpoint(.truncate)
        }
    }

    /// Seals every case and exhibit of a database never sealed before.
    private static func sealInPlace(_ db: Database, cipher: FieldCipher) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, title, json FROM caseFile") {
            let id: String = row["id"]
            try db.execute(sql: "UPDATE caseFile SET title = ?, json = ? WHERE id = ?", arguments: [
                stored(try text(row["title"], .title(id), nil), .title(id), cipher),
                stored(try text(row["json"], .json(id), nil), .json(id), cipher), id,
            ])
        }
        for row in try Row.fetchAll(db, sql: "SELECT caseID, id FROM upload") {
            let caseID: String = row["caseID"], id: String = row["id"]
            let content = try Data.fetchOne(db, sql: "SELECT content FROM upload WHERE caseID = ? AND id = ?", arguments: [caseID, id]) ?? Data()
            try db.execute(sql: "UPDATE upload SET content = ? WHERE caseID = ? AND id = ?",
                arguments: [stored(Array(content), .upload(caseID, id), cipher), caseID, id])
        }
    }

    /// What a column stores for `text`: sealed bytes with a cipher, the text without.
    static func stored(_ text: String, _ field: SealedField, _ cipher: FieldCipher?) -> DatabaseValue {
        guard let cipher else { return text.databaseValue }
        return Data(cipher.seal(text, context: field.context)).databaseValue
    }

    static func stored(_ bytes: [UInt8], _ field: SealedField, _ cipher: FieldCipher?) -> DatabaseValue {
        Data(cipher.map { $0.seal(bytes, context: field.context) } ?? bytes).databaseValue
    }

    /// The clear text of a column `stored` wrote.
    static func text(_ value: DatabaseValue, _ field: SealedField, _ cipher: FieldCipher?) throws -> String {
        switch value.storage {
        case .string(let text) where cipher == nil: return text
        case .blob(let data):
            guard let cipher else { return String(decoding: data, as: UTF8.self) }
            return try cipher.openText(Array(data), context: field.context)
        default: throw FieldCipherError.malformed
        }
    }

    /// The clear bytes of a column `stored` wrote.
    static func bytes(_ value: DatabaseValue, _ field: SealedField, _ cipher: FieldCipher?) throws -> [UInt8] {
        guard case .blob(let data) = value.storage else { throw FieldCipherError.malformed }
        guard let cipher else { return Array(data) }
        return try cipher.open(Array(data), context: field.context)
    }
}
