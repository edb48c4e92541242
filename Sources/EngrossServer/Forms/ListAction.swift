import CaseData

/// A list button of the form: add an item, remove one, move one up or down. The buttons submit
/// the form (so they work without JavaScript), named `action` with values such as
/// `add:services`, `remove:services[1]`, `up:incidents[2]`.
public struct ListAction: Sendable, Equatable {
    public enum Verb: String, Sendable { case add, remove, up, down }
    public var verb: Verb
    /// The list (for add) or the item (for the others).
    public var path: FieldPath

    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), let verb = Verb(rawValue: String(text[..<colon])),
            let path = Self.parsePath(text[text.index(after: colon)...])
        else { return nil }
        if verb == .add, case .index = path.components.last { return nil }
        if verb != .add { guard case .index = path.components.last else { return nil } }
        self.verb = verb
        self.path = path
    }

    /// `services[1].items[0]` as a path; `nil` for anything else.
    static func parsePath(_ text: Substring) -> FieldPath? {
        var components: [FieldPath.Component] = []
        var rest = text[...]
        while !rest.isEmpty {
            if rest.first == "." {
                guard !components.isEmpty else { return nil }
                rest = rest.dropFirst()
            }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty else { return nil }
            components.append(.key(String(name)))
            rest = rest.dropFirst(name.count)
            while rest.first == "[" {
                let digits = rest.dropFirst().prefix { $0.isNumber }
                guard !digits.isEmpty, digits.count <= 5, let index = Int(digits),
                    rest.dropFirst(1 + digits.count).first == "]"
                else { return nil }
                components.append(.index(index))
                rest = rest.dropFirst(2 + digits.count)
            }
        }
        return components.isEmpty ? nil : FieldPath(components)
    }

    /// Applies the action to a document's data; returns the path of the item to show next (the
    /// new or moved item), or `nil` when the path names nothing.
    public func apply(to document: inout CaseObject) -> FieldPath? {
        var root = CaseValue(.object(document))
        var result: FieldPath?
        switch verb {
        case .add:
            Self.modify(&root, at: path.components[...]) { value in
                var items = value.listValue ?? []
                guard items.count < FormDecoder.maximumItems else { return }
                items.append(.object([]))
                result = path.appending(index: items.count - 1)
                value = .list(items)
            }
        case .remove, .up, .down:
            guard case .index(let index) = path.components.last else { return nil }
            let listPath = path.components.dropLast()
            Self.modify(&root, at: listPath) { value in
                guard var items = value.listValue, items.indices.contains(index) else { return }
                let listOnly = FieldPath(Array(listPath))
                switch verb {
                case .remove:
                    items.remove(at: index)
                    result = items.isEmpty ? listOnly : listOnly.appending(index: min(index, items.count - 1))
                case .up:
                    let target = max(index - 1, 0)
                    items.swapAt(index, target)
                    result = listOnly.appending(index: target)
                default:
                    let target = min(index + 1, items.count - 1)
                    items.swapAt(index, target)
                    result = listOnly.appending(index: target)
                }
                value = items.isEmpty ? .null : .list(items)
            }
        }
        if let object = root.objectValue { document = Self.droppingNulls(object) }
        return result
    }

    /// Changes the value at `components` in place; a missing list or group on the way is made.
    private static func modify(_ value: inout CaseValue, at components: ArraySlice<FieldPath.Component>, _ body: (inout CaseValue) -> Void) {
        guard let first = components.first else { return body(&value) }
        switch first {
        case .key(let key):
            var object = value.objectValue ?? CaseObject()
            object.modify(key, default: { .null }) { modify(&$0, at: components.dropFirst(), body) }
            value = CaseValue(.object(object))
        case .index(let index):
            guard var items = value.listValue, items.indices.contains(index) else { return }
            modify(&items[index], at: components.dropFirst(), body)
            value = .list(items)
        }
    }

    private static func droppingNulls(_ object: CaseObject) -> CaseObject {
        var copy = CaseObject()
        for entry in object.entries where !entry.value.isNull { copy[entry.key] = entry.value }
        return copy
    }
}
