import Crypto
import Foundation

/// Seals the values a store must not keep in clear (a case's title and data, its exhibits) with
/// AES-256-GCM, under a key kept outside the database (`KeyFile`), so that a copy of the database
/// alone reveals none of them.
///
/// A sealed value is one version byte (1), the 12-byte random nonce, the ciphertext and the
/// 16-byte tag. The `context` (a column and a row, "caseFile.json:<case id>") is authenticated
/// with it, not stored: a sealed value copied into another row or column no longer opens.
///
/// ```swift
/// let cipher = try FieldCipher(key: KeyFile.loadOrCreate(path: "data/engross.key"))
/// let sealed = cipher.seal(Array(json.utf8), context: "caseFile.json:\(id)")
/// let clear = try cipher.open(sealed, context: "caseFile.json:\(id)")
/// ```
public struct FieldCipher: Sendable {
    /// The format of what `seal` returns; `open` refuses any other.
    static let version: UInt8 = 1
    /// Bytes a sealed value adds to its clear value: version, nonce and tag.
    public static let overhead = 1 + 12 + 16

    private let key: SymmetricKey

    /// A cipher with a 256-bit key (32 bytes, as `KeyFile` reads them).
    public init(key: [UInt8]) throws(FieldCipherError) {
        guard key.count == 32 else { throw .wrongKeyLength(key.count) }
        self.key = SymmetricKey(data: key)
    }

    /// A cipher with a new random key, for tests and in-memory stores.
    public static func random() -> FieldCipher {
        try! FieldCipher(key: KeyFile.randomKey())
    }

    /// `bytes` sealed under the key, bound to `context`.
    public func seal(_ bytes: [UInt8], context: String) -> [UInt8] {
        // AES-GCM with a fresh random nonce cannot fail for a valid key and in-range sizes.
        let box = try! AES.GCM.seal(bytes, using: key, nonce: AES.GCM.Nonce(), authenticating: Array(context.utf8))
        var sealed = [UInt8]()
        sealed.reserveCapacity(bytes.count + Self.overhead)
        sealed.append(Self.version)
        sealed.append(contentsOf: box.nonce)
        sealed.append(contentsOf: box.ciphertext)
        sealed.append(contentsOf: box.tag)
        return sealed
    }

    /// A text sealed as its UTF-8 bytes.
    public func seal(_ text: String, context: String) -> [UInt8] {
        seal(Array(text.utf8), context: context)
    }

    /// The clear bytes of a value `seal` made with the same key and context. Throws
    /// `FieldCipherError.cannotOpen` for another key, another context, or a changed byte.
    public func open(_ sealed: [UInt8], context: String) throws(FieldCipherError) -> [UInt8] {
        guard sealed.count >= Self.overhead else { throw .malformed }
        guard sealed[0] == Self.version else { throw .unknownVersion(sealed[0]) }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed[1...])
            return Array(try AES.GCM.open(box, using: key, authenticating: Array(context.utf8)))
        } catch {
            throw .cannotOpen
        }
    }

    /// A sealed text; `FieldCipherError.cannotOpen` also when its bytes are not UTF-8.
    public func openText(_ sealed: [UInt8], context: String) throws(FieldCipherError) -> String {
        let bytes = try open(sealed, context: context)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .cannotOpen }
        return text
    }
}

/// Why a sealed value could not be opened. No message quotes a value or a key.
public enum FieldCipherError: Error, Equatable, CustomStringConvertible {
    case wrongKeyLength(Int)
    /// Too short to be a sealed value.
    case malformed
    case unknownVersion(UInt8)
    /// Another key, another place, or a changed byte: GCM's tag does not match.
    case cannotOpen

    public var description: String {
        switch self {
        case .wrongKeyLength(let count): "a field key has 32 bytes, not \(count)"
        case .malformed: "a sealed value in the database is too short to be one (the database was changed outside Engross)"
        case .unknownVersion(let version): "a sealed value in the database has format \(version), which this version of Engross does not know"
        case .cannotOpen:
            "a sealed value in the database does not open with this key: the key file is not the one the database was sealed with, or the database was changed outside Engross"
        }
    }
}
