/// The values a store seals, and the context each is bound to: its column and its row, so that a
/// sealed value copied to another case, exhibit or column no longer opens. Every store uses these
/// contexts, so the same key opens what any of them sealed.
enum SealedField {
    /// A case's title (by case id).
    case title(String)
    /// A case's data (by case id).
    case json(String)
    /// An exhibit's bytes (by case id and upload id).
    case upload(String, String)
    /// A known value sealed when the database is first sealed: opening it at start tells whether
    /// the key file is the database's.
    case keyCheck

    /// The authenticated data of the value's seal.
    var context: String {
        switch self {
        case .title(let caseID): "caseFile.title:\(caseID)"
        case .json(let caseID): "caseFile.json:\(caseID)"
        case .upload(let caseID, let uploadID): "upload.content:\(caseID)/\(uploadID)"
        case .keyCheck: "setting.keyCheck"
        }
    }

    /// What `keyCheck` seals.
    static let keyCheckValue = Array("engross field key".utf8)
}

/// A store whose database and key file do not go together. Messages name no value.
public enum SealingError: Error, Equatable, CustomStringConvertible {
    /// The database was sealed with another key.
    case wrongKey
    /// The database is sealed, and the store was opened without a key.
    case keyNeeded

    public var description: String {
        switch self {
        case .wrongKey:
            "the key file is not the one this database was sealed with: give the database's own key file with --key-file (its cases cannot be read without it)"
        case .keyNeeded: "this database is sealed: give its key file with --key-file"
        }
    }
}
