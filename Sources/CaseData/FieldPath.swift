/// A path to a value in a case file, e.g. `incidents[2].date`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// The path one key further down.
    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    /// The path one list index further down.
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// `client.fullName`, `incidents[2].date`; list indexes count from 0 as in the case file.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The last key of the path, if it ends in one.
    public var lastKey: String? {
        if case .key(let key)? = components.last { return key }
        return nil
    }
}

extension CaseValue {
    /// The value at `path` below this one, or `nil` when some step is missing.
    public func value(at path: FieldPath) -> CaseValue? {
        var current = self
        for component in path.components {
            switch (component, current.kind) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.index(let index), .list(let items)):
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
