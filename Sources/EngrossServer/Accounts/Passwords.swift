import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords with bcrypt, on NIO's thread pool (a hash takes about a tenth of
/// a second at cost 12, too long for an event loop).
public struct PasswordHasher: Sendable {
    /// bcrypt's cost: 2^cost rounds. 12 for people; tests use the minimum, 4.
    public let cost: UInt8
    /// A hash of a random password, checked when someone signs in with an unknown name, so that
    /// an unknown name costs as long as a wrong password (and tells nothing by its timing).
    private let decoy: String

    public init(cost: UInt8 = 12) {
        self.cost = cost
        decoy = Bcrypt.hash(UUID().uuidString, cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash (an unknown user), checks a decoy and answers false.
    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let decoy = self.decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy) }
        return matches && hash != nil
    }
}

/// What a password must be: long enough to resist guessing. Length is what counts; no rules of
/// character classes, which make passwords harder to remember and no harder to guess.
public enum PasswordPolicy {
    public static let minimumLength = 12

    /// Why `password` is refused, or `nil` when it is good enough.
    public static func problem(_ password: String) -> String? {
        if password.count < minimumLength {
            return "the password has \(password.count) characters; it needs at least \(minimumLength) (a few words in a row make a good one)"
        }
        if password.utf8.count > 72 {
            return "the password is longer than 72 bytes, more than bcrypt reads; choose a shorter one"
        }
        return nil
    }
}
