import Digest
import Foundation

/// The API's bearer tokens: `engr_` and 32 random bytes in base64url (43 characters). A token is
/// shown once, when it is made; stores keep only its SHA-256.
public enum APIToken {
    /// What every token starts with, so that a token pasted where it does not belong is recognized
    /// (by a person, and by secret scanners).
    public static let prefix = "engr_"

    /// A new token, from the system's random number generator.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + base64URL(bytes)
    }

    /// The hex SHA-256 of `token`, as stores keep it.
    public static func hash(_ token: String) -> String {
        SHA256.hex(Array(token.utf8))
    }

    /// Whether `text` has a token's form (checked before any lookup).
    public static func isWellFormed(_ text: String) -> Bool {
        text.hasPrefix(prefix) && text.utf8.count == prefix.utf8.count + 43
            && text.utf8.dropFirst(prefix.utf8.count).allSatisfy { alphabet.contains($0) }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Base64url without padding (RFC 4648 §5).
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
