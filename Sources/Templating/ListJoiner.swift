/// Joins items as legal prose does, with a serial (Oxford) comma.
public enum ListJoiner {
    /// The word before the last item.
    public enum Conjunction: String, Sendable, Equatable {
        case and, or
    }

    /// "A", "A and B", "A, B, and C".
    public static func join(_ items: [String], _ conjunction: Conjunction = .and) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return "\(items[0]) \(conjunction.rawValue) \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + ", \(conjunction.rawValue) " + items[items.count - 1]
        }
    }

    /// The separator to put before item `index` of `count` items (empty before the first).
    public static func separator(before index: Int, of count: Int, _ conjunction: Conjunction) -> String {
        if index == 0 { return "" }
        if count == 2 { return " \(conjunction.rawValue) " }
        return index == count - 1 ? ", \(conjunction.rawValue) " : ", "
    }
}
