import Yams

extension CaseValue {
    /// The value as a YAML document that `CaseFile` reads back to the same value: keys in order,
    /// every string double-quoted (so that `no`, `2025-03-04` or `1e3` stay text), numbers as
    /// their literals.
    public func yamlText() -> String {
        (try? Yams.serialize(node: Self.node(self), width: -1, allowUnicode: true)) ?? "{}\n"
    }

    private static func node(_ value: CaseValue) -> Node {
        switch value.kind {
        case .null: return Node("null", Tag(.null), .plain)
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool), .plain)
        case .number(_, let literal): return Node(literal, Tag(literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? .float : .int), .plain)
        case .string(let text): return Node(text, Tag(.str), .doubleQuoted)
        case .list(let items): return Node(items.map(node), Tag(.seq), .block)
        case .object(let object):
            return Node(object.entries.map { (Node($0.key, Tag(.str), .plain), node($0.value)) }, Tag(.map), .block)
        }
    }
}
