import CaseData

/// A value an expression produces.
public enum RuntimeValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case date(CivilDate)
    case list([CaseValue])
    case object(CaseObject)

    /// The runtime form of a case value.
    init(_ value: CaseValue) {
        switch value.kind {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n, _): self = .number(n)
        case .string(let s): self = .string(s)
        case .list(let items): self = .list(items)
        case .object(let object): self = .object(object)
        }
    }

    /// Truthiness for `if` and `and`/`or`: false, 0 and everything `isEmpty` counts as empty
    /// (null, blank text, a list of nothing but blanks, an empty group) are false.
    public var isTruthy: Bool {
        switch self {
        case .bool(let b): return b
        case .number(let n): return n != 0
        default: return !isEmpty
        }
    }

    /// Whether the value counts as empty: null, blank text, an empty list or group.
    public var isEmpty: Bool {
        switch self {
        case .null: return true
        case .string(let s): return Self.isBlank(s)
        case .list(let items):
            // A list of nothing but blank text (a skeleton's [""]) is as empty as [].
            return items.allSatisfy { item in
                switch item.kind {
                case .null: return true
                case .string(let s): return Self.isBlank(s)
                default: return false
                }
            }
        case .object(let object): return object.isEmpty
        case .bool, .number, .date: return false
        }
    }

    /// Whether `text` is nothing but white space. Text that starts with a visible ASCII character
    /// (nearly all) is told apart by its first byte, without walking its characters.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// The value read as a date: a date, or text in yyyy-mm-dd form.
    public var dateValue: CivilDate? {
        switch self {
        case .date(let date): return date
        case .string(let text): return CivilDate(iso: text)
        default: return nil
        }
    }
}

/// The names an expression can see: loop variables and list items (innermost first), then the
/// case file's top level.
public struct Scope: Sendable {
    private enum Frame: Sendable {
        case variable(String, CaseValue)
        /// The fields of a group or list item; `declared` names shadow the top level even when
        /// the case file leaves them out.
        case siblings(CaseObject, declared: Set<String>)
    }

    private var frames: [Frame] = []
    /// The case file's top-level object.
    public let root: CaseObject

    public init(root: CaseObject) { self.root = root }

    /// The scope with `name` bound to `value` (a `for` variable, or `loop`).
    public func binding(_ name: String, to value: CaseValue) -> Scope {
        var copy = self
        copy.frames.append(.variable(name, value))
        return copy
    }

    /// The scope in which the fields of `object` (a group or list item being validated) are
    /// visible by name; `declared` are the names its declaration gives.
    public func withSiblings(_ object: CaseObject, declared: [String]) -> Scope {
        var copy = self
        copy.frames.append(.siblings(object, declared: Set(declared)))
        return copy
    }

    /// The value a path's first name refers to, or `nil`: a loop variable, a field of the
    /// innermost group or list item being checked, or a top-level field (as `engross lint`
    /// resolves names).
    func lookup(_ name: String) -> CaseValue? {
        var sawSiblings = false
        for frame in frames.reversed() {
            switch frame {
            case .variable(let variable, let value) where variable == name: return value
            case .siblings(let object, let declared) where !sawSiblings:
                sawSiblings = true
                if let value = object[name] { return value }
                if declared.contains(name) { return nil }
            default: continue
            }
        }
        return root[name]
    }
}

/// Raised in strict mode when an expression reads a value the case file does not have.
struct MissingValue: Error {}

/// Evaluates expressions against a scope.
public struct ExpressionEvaluator: Sendable {
    /// The date `today()` returns; fixed per run so that output is reproducible.
    public var today: CivilDate
    /// When true, reading a missing value raises `MissingValue` (outside `exists`/`empty`/`count`),
    /// so that a rule about a missing field is skipped rather than reported twice.
    var strict = false

    public init(today: CivilDate) { self.today = today }

    /// The value of `expression` in `scope`.
    public func evaluate(_ expression: Expression, in scope: Scope) -> RuntimeValue {
        var lenient = self
        lenient.strict = false
        return (try? lenient.evaluateStrictly(expression, in: scope)) ?? .null
    }

    func evaluateStrictly(_ expression: Expression, in scope: Scope) throws(MissingValue) -> RuntimeValue {
        switch expression {
        case .literal(let literal):
            switch literal {
            case .string(let s): return .string(s)
            case .number(let n): return .number(n)
            case .bool(let b): return .bool(b)
            case .null: return .null
            }
        case .path(let path):
            let value = resolve(path, in: scope)
            if strict, value.isEmpty { throw MissingValue() }
            return value
        case .not(let inner):
            return .bool(!(try evaluateStrictly(inner, in: scope).isTruthy))
        case .and(let lhs, let rhs):
            guard try evaluateStrictly(lhs, in: scope).isTruthy else { return .bool(false) }
            return .bool(try evaluateStrictly(rhs, in: scope).isTruthy)
        case .or(let lhs, let rhs):
            if try evaluateStrictly(lhs, in: scope).isTruthy { return .bool(true) }
            return .bool(try evaluateStrictly(rhs, in: scope).isTruthy)
        case .compare(let op, let lhs, let rhs):
            return .bool(compare(op, try evaluateStrictly(lhs, in: scope), try evaluateStrictly(rhs, in: scope)))
        case .arithmetic(let op, let lhs, let rhs):
            let left = try evaluateStrictly(lhs, in: scope), right = try evaluateStrictly(rhs, in: scope)
            guard case .number(let a) = left, case .number(let b) = right else { return .null }
            return .number(op == .add ? a + b : a - b)
        case .call(let function, let arguments):
            return try call(function, arguments, in: scope)
        }
    }

    /// The value at a path, `.null` when any step is missing.
    public func resolve(_ path: PathExpression, in scope: Scope) -> RuntimeValue {
        caseValue(at: path, in: scope).map(RuntimeValue.init) ?? .null
    }

    /// The case value at a path as the case file holds it (a number with its literal), or nil
    /// when any step is missing.
    public func caseValue(at path: PathExpression, in scope: Scope) -> CaseValue? {
        scope.lookup(path.head)?.value(at: FieldPath(path.rest))
    }

    private func call(_ function: Expression.Function, _ arguments: [Expression], in scope: Scope) throws(MissingValue) -> RuntimeValue {
        var lenient = self
        lenient.strict = false
        switch function {
        case .exists:
            return .bool(!lenient.evaluate(arguments[0], in: scope).isEmpty)
        case .empty:
            return .bool(lenient.evaluate(arguments[0], in: scope).isEmpty)
        case .count:
            switch lenient.evaluate(arguments[0], in: scope) {
            case .list(let items): return .number(Double(items.count))
            case .null: return .number(0)
            default: return .number(1)
            }
        case .contains:
            let container = try evaluateStrictly(arguments[0], in: scope)
            let needle = try evaluateStrictly(arguments[1], in: scope)
            switch container {
            case .list(let items): return .bool(items.contains { compare(.equal, RuntimeValue($0), needle) })
            case .string(let text):
                if case .string(let part) = needle { return .bool(text.contains(part)) }
                return .bool(false)
            default: return .bool(false)
            }
        case .any:
            // The condition is evaluated on each item alone, as if the item were the whole case file.
            guard case .list(let items) = lenient.evaluate(arguments[0], in: scope) else { return .bool(false) }
            for item in items {
                guard let object = item.objectValue else { continue }
                if try evaluateStrictly(arguments[1], in: Scope(root: object)).isTruthy { return .bool(true) }
            }
            return .bool(false)
        case .today:
            return .date(today)
        case .age:
            guard let birth = try evaluateStrictly(arguments[0], in: scope).dateValue else { return .null }
            let at = arguments.count > 1 ? try evaluateStrictly(arguments[1], in: scope).dateValue : today
            guard let at else { return .null }
            return .number(Double(birth.years(until: at)))
        case .addMonths:
            guard let date = try evaluateStrictly(arguments[0], in: scope).dateValue,
                case .number(let months) = try evaluateStrictly(arguments[1], in: scope),
                abs(months) < 120_000, months.rounded() == months
            else { return .null }
            return .date(date.adding(months: Int(months)))
        }
    }

    /// Compares two values: dates with dates (text in yyyy-mm-dd form counts as a date),
    /// numbers with numbers, text with text. Values of different kinds are only ever unequal.
    func compare(_ op: Expression.ComparisonOperator, _ lhs: RuntimeValue, _ rhs: RuntimeValue) -> Bool {
        let order: Int?
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.date, _), (_, .date):
            if let a = lhs.dateValue, let b = rhs.dateValue { order = a < b ? -1 : (a > b ? 1 : 0) } else { order = nil }
        case (.string(let a), .string(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.bool(let a), .bool(let b)): order = a == b ? 0 : nil
        case (.null, .null): order = 0
        default: order = nil
        }
        guard let order else { return op == .notEqual }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }
}
