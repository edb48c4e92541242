import Crypto
import Foundation

/// The values behind a session: the cookie's random value, the hash the store keeps of it, and
/// the CSRF token of the session's forms.
enum SessionToken {
    /// The cookie's name.
    static let cookieName = "engross_session"

    /// A new cookie value: 32 random bytes, as 64 hex digits.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The hex SHA-256 of a cookie value: the session's id in the store. A copy of the database
    /// holds no value a browser could send.
    static func hash(_ cookie: String) -> String {
        hex(Array(SHA256.hash(data: Array(cookie.utf8))))
    }

    /// The CSRF token of a session's forms: an HMAC of its id with the store's secret, so it
    /// differs per session and needs no storage.
    static func csrf(sessionID: String, secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        return hex(Array(HMAC<SHA256>.authenticationCode(for: Array(sessionID.utf8), using: key)))
    }

    /// Whether a cookie value has the form `make` gives (anything else is not looked up).
    static func isWellFormed(_ cookie: String) -> Bool {
        cookie.utf8.count == 64 && cookie.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
