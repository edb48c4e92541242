import Foundation

/// Parts that depend on a few settings only (the styles of a page setup, the numbering of so many
/// lists), made once and reused: a batch renders thousands of documents from one template.
final class PartCache<Key: Hashable>: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [Key: FixedPart] = [:]
    /// At most this many parts are kept; past it, parts are made each time.
    private let limit = 64

    /// The part for `key`, made by `make` the first time.
    func part(for key: Key, make: () -> String) -> FixedPart {
        lock.lock()
        defer { lock.unlock() }
        if let part = parts[key] { return part }
        let part = FixedPart(make())
        if parts.count < limit { parts[key] = part }
        return part
    }
}
