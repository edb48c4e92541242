import CaseData

/// An expression of the template language: paths, literals, comparisons, `and`/`or`/`not`,
/// `+`/`-` and a few functions. Nothing in it can reach files, the network or the host.
public indirect enum Expression: Sendable, Equatable {
    case literal(Literal)
    case path(PathExpression)
    case not(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case compare(ComparisonOperator, Expression, Expression)
    case arithmetic(ArithmeticOperator, Expression, Expression)
    case call(Function, [Expression])

    /// A literal value written in an expression.
    public enum Literal: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    public enum ComparisonOperator: String, Sendable, Equatable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    public enum ArithmeticOperator: String, Sendable, Equatable {
        case add = "+", subtract = "-"
    }

    /// The functions an expression may call.
    public enum Function: String, Sendable, Equatable, CaseIterable {
        case exists, empty, count, contains, any, today, age, addMonths

        /// How many arguments the function takes.
        var arity: ClosedRange<Int> {
            switch self {
            case .exists, .empty, .count: return 1...1
            case .contains, .any, .addMonths: return 2...2
            case .today: return 0...0
            case .age: return 1...2
            }
        }

        /// How the function is called, for messages.
        var signature: String {
            switch self {
            case .exists: return "exists(path)"
            case .empty: return "empty(value)"
            case .count: return "count(list)"
            case .contains: return "contains(list, value)"
            case .any: return "any(list, condition)"
            case .today: return "today()"
            case .age: return "age(birthDate[, onDate])"
            case .addMonths: return "addMonths(date, months)"
            }
        }
    }

    /// Every path the expression reads. The condition of `any(list, condition)` names fields of the
    /// list's items, not paths of the case file, so only the list's path is counted for it.
    public var paths: [PathExpression] {
        switch self {
        case .literal: return []
        case .path(let path): return [path]
        case .not(let inner): return inner.paths
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .compare(_, let lhs, let rhs), .arithmetic(_, let lhs, let rhs):
            return lhs.paths + rhs.paths
        case .call(.any, let arguments): return arguments[0].paths
        case .call(_, let arguments): return arguments.flatMap(\.paths)
        }
    }
}

/// A path in an expression: a first name (a field, a loop variable or `loop`) then `.key` and
/// `[index]` steps.
public struct PathExpression: Sendable, Equatable, CustomStringConvertible {
    public var head: String
    public var rest: [FieldPath.Component]

    public init(head: String, rest: [FieldPath.Component] = []) {
        self.head = head
        self.rest = rest
    }

    public var description: String { FieldPath([.key(head)] + rest).description }
}

/// An expression that could not be parsed. `offset` counts characters into the expression.
public struct ExpressionSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
}
