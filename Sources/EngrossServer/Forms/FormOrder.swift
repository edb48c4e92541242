import Templating

/// Diagnostics in the order their fields appear in the form, so that a summary reads down the
/// page: validation sorts by place in the case file, where a missing field has no place of its own.
enum FormOrder {
    /// `diagnostics` sorted by their field's place among `fields` (declaration order, list items
    /// by index); a path the fields do not declare goes last, in its original order.
    static func sorted(_ diagnostics: [Diagnostic], fields: [FieldDeclaration]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { left, right in
            let a = rank(left.element.path, fields), b = rank(right.element.path, fields)
            return a.lexicographicallyPrecedes(b) || (a == b && left.offset < right.offset)
        }.map(\.element)
    }

    /// Each step of the path as a number: a field's place among its siblings, or an item's index.
    static func rank(_ path: String, _ fields: [FieldDeclaration]) -> [Int] {
        var ranks: [Int] = []
        var siblings = fields
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.first == "." { rest = rest.dropFirst() }
            let name = rest.prefix { $0 != "." && $0 != "[" }
            rest = rest.dropFirst(name.count)
            guard let index = siblings.firstIndex(where: { $0.name == name }) else { return ranks + [Int.max] }
            ranks.append(index)
            siblings = siblings[index].children
            while rest.first == "[", let close = rest.firstIndex(of: "]") {
                ranks.append(Int(rest[rest.index(after: rest.startIndex)..<close]) ?? 0)
                rest = rest[rest.index(after: close)...]
            }
        }
        return ranks
    }
}
