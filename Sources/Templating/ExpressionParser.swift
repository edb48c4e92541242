import CaseData

/// Parses expression text, e.g. `visa == 'u' and not empty(agency)`.
///
/// Grammar, loosest first: `or` → `and` → `not` → comparison → `+`/`-` → primary
/// (literal, path, function call, parenthesised expression).
public struct ExpressionParser {
    private enum Token: Equatable {
        case identifier(String)
        case string(String)
        case number(Double)
        case symbol(String)
        case end
    }

    /// An expression being built, with the height of its tree (a path or literal is 1).
    private struct Parsed {
        var expression: Expression
        var height: Int
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    private var depth = 0
    /// How deeply an expression's tree may nest: parentheses, `not`, function calls, and each
    /// further term of a chain of `and`, `or`, `+` or `-`. Everything that walks an expression
    /// (evaluation, the paths it reads, comparing and freeing it) recurses this deep at most.
    public static let maximumDepth = 64
    /// The longest expression, in characters.
    public static let maximumLength = 2000
    /// The largest number an expression may write: 2^53, below which a `Double` is exact.
    public static let largestNumber: Double = 9_007_199_254_740_992

    /// Parses `text` as one whole expression.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        guard text.utf8.count <= maximumLength || text.count <= maximumLength else {
            throw ExpressionSyntaxError(
                message: "the expression is longer than \(maximumLength) characters; split it, e.g. into nested <if>s or several rules",
                offset: maximumLength)
        }
        var parser = ExpressionParser()
        try parser.tokenize(text)
        let parsed = try parser.parseOr()
        guard case .end = parser.peek else {
            throw ExpressionSyntaxError(message: "unexpected \(parser.describe(parser.peek)) after the end of the expression", offset: parser.offset)
        }
        return parsed.expression
    }

    /// `expression`, whose tree is one level above the highest of `parts`; refused past `maximumDepth`.
    private func node(_ expression: Expression, over parts: [Parsed], at offset: Int) throws(ExpressionSyntaxError) -> Parsed {
        let height = (parts.map(\.height).max() ?? 0) + 1
        guard height <= Self.maximumDepth else { throw tooDeep(at: offset) }
        return Parsed(expression: expression, height: height)
    }

    private func tooDeep(at offset: Int) -> ExpressionSyntaxError {
        ExpressionSyntaxError(
            message: "the expression nests more than \(Self.maximumDepth) levels deep (parentheses, not, and each term joined by and, or, + or -); split it, e.g. into nested <if>s or several rules",
            offset: offset)
    }

    private var peek: Token { tokens[position].token }
    private var offset: Int { tokens[position].offset }

    private mutating func next() -> Token {
        let token = tokens[position].token
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .identifier(let name): return "'\(name)'"
        case .string: return "text in quotes"
        case .number(let value): return "the number \(CaseValue.formatNumber(value))"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "end of expression"
        }
    }

    private mutating func tokenize(_ text: String) throws(ExpressionSyntaxError) {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if character.isLetter || character == "_" {
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    index += 1
                }
                tokens.append((.identifier(String(characters[start..<index])), start))
            } else if character.isASCII, character.isNumber {
                while index < characters.count, characters[index].isASCII,
                    characters[index].isNumber || characters[index] == "."
                {
                    index += 1
                }
                guard let value = Double(String(characters[start..<index])) else {
                    throw ExpressionSyntaxError(message: "'\(String(characters[start..<index]))' is not a number", offset: start)
                }
                guard value <= Self.largestNumber else {
                    throw ExpressionSyntaxError(
                        message: "a number in an expression may be at most \(Formatters.grouped(Int(Self.largestNumber)))", offset: start)
                }
                tokens.append((.number(value), start))
            } else if character == "'" || character == "\"" {
                index += 1
                var value = ""
                while index < characters.count, characters[index] != character {
                    value.append(characters[index])
                    index += 1
                }
                guard index < characters.count else {
                    throw ExpressionSyntaxError(message: "text that starts with \(character) is never closed", offset: start)
                }
                index += 1
                tokens.append((.string(value), start))
            } else {
                let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    tokens.append((.symbol(two), start))
                    index += 2
                } else if "<>().,[]+-!".contains(character) {
                    tokens.append((.symbol(String(character)), start))
                    index += 1
                } else if character == "=" {
                    throw ExpressionSyntaxError(message: "use '==' to compare, not '='", offset: start)
                } else {
                    throw ExpressionSyntaxError(message: "unexpected character '\(character)'", offset: start)
                }
            }
        }
        tokens.append((.end, characters.count))
    }

    private mutating func expect(_ symbol: String) throws(ExpressionSyntaxError) {
        guard peek == .symbol(symbol) else {
            throw ExpressionSyntaxError(message: "expected '\(symbol)' but found \(describe(peek))", offset: offset)
        }
        _ = next()
    }

    /// Enters one level of the parser's own recursion (parentheses, `not`, call arguments).
    private mutating func descend() throws(ExpressionSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw tooDeep(at: offset) }
    }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> Parsed {
        try descend()
        defer { depth -= 1 }
        var result = try parseAnd()
        while peek == .identifier("or") || peek == .symbol("||") {
            let at = offset
            _ = next()
            let rhs = try parseAnd()
            result = try node(.or(result.expression, rhs.expression), over: [result, rhs], at: at)
        }
        return result
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Parsed {
        var result = try parseNot()
        while peek == .identifier("and") || peek == .symbol("&&") {
            let at = offset
            _ = next()
            let rhs = try parseNot()
            result = try node(.and(result.expression, rhs.expression), over: [result, rhs], at: at)
        }
        return result
    }

    private mutating func parseNot() throws(ExpressionSyntaxError) -> Parsed {
        if peek == .identifier("not") || peek == .symbol("!") {
            let at = offset
            _ = next()
            try descend()
            defer { depth -= 1 }
            let inner = try parseNot()
            return try node(.not(inner.expression), over: [inner], at: at)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Parsed {
        let lhs = try parseAdditive()
        if case .symbol(let symbol) = peek, let comparison = Expression.ComparisonOperator(rawValue: symbol) {
            let at = offset
            _ = next()
            let rhs = try parseAdditive()
            if case .symbol(let again) = peek, Expression.ComparisonOperator(rawValue: again) != nil {
                throw ExpressionSyntaxError(message: "comparisons cannot be chained; join them with 'and'", offset: offset)
            }
            return try node(.compare(comparison, lhs.expression, rhs.expression), over: [lhs, rhs], at: at)
        }
        return lhs
    }

    private mutating func parseAdditive() throws(ExpressionSyntaxError) -> Parsed {
        var result = try parsePrimary()
        while case .symbol(let symbol) = peek, let op = Expression.ArithmeticOperator(rawValue: symbol) {
            let at = offset
            _ = next()
            let rhs = try parsePrimary()
            result = try node(.arithmetic(op, result.expression, rhs.expression), over: [result, rhs], at: at)
        }
        return result
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Parsed {
        let start = offset
        func leaf(_ expression: Expression) -> Parsed { Parsed(expression: expression, height: 1) }
        switch next() {
        case .string(let value): return leaf(.literal(.string(value)))
        case .number(let value): return leaf(.literal(.number(value)))
        case .symbol("-"):
            guard case .number(let value) = next() else {
                throw ExpressionSyntaxError(message: "'-' must be followed by a number", offset: start)
            }
            return leaf(.literal(.number(-value)))
        case .symbol("("):
            let inner = try parseOr()
            try expect(")")
            return inner
        case .identifier(let name):
            switch name {
            case "true": return leaf(.literal(.bool(true)))
            case "false": return leaf(.literal(.bool(false)))
            case "null": return leaf(.literal(.null))
            case "and", "or", "not":
                throw ExpressionSyntaxError(message: "'\(name)' needs a value before and after it", offset: start)
            default: break
            }
            if peek == .symbol("(") {
                return try parseCall(name, at: start)
            }
            return leaf(.path(try parsePath(head: name)))
        case let token:
            throw ExpressionSyntaxError(message: "expected a value but found \(describe(token))", offset: start)
        }
    }

    private mutating func parseCall(_ name: String, at start: Int) throws(ExpressionSyntaxError) -> Parsed {
        guard let function = Expression.Function(rawValue: name) else {
            let known = Expression.Function.allCases.map(\.rawValue).joined(separator: ", ")
            throw ExpressionSyntaxError(message: "there is no function '\(name)'; the functions are \(known)", offset: start)
        }
        try expect("(")
        var arguments: [Parsed] = []
        if peek != .symbol(")") {
            arguments.append(try parseOr())
            while peek == .symbol(",") {
                _ = next()
                arguments.append(try parseOr())
            }
        }
        try expect(")")
        guard function.arity.contains(arguments.count) else {
            throw ExpressionSyntaxError(message: "\(function.signature) was given \(arguments.count) argument(s)", offset: start)
        }
        let call = try node(.call(function, arguments.map(\.expression)), over: arguments, at: start)
        let expressions = arguments.map(\.expression)
        let isPath: (Expression) -> Bool = { if case .path = $0 { return true } else { return false } }
        if function == .exists, !expressions.allSatisfy(isPath) {
            throw ExpressionSyntaxError(message: "exists() takes a field path, e.g. exists(client.email)", offset: start)
        }
        if function == .any, !isPath(expressions[0]) {
            throw ExpressionSyntaxError(
                message: "any() takes the path of a list and a condition on its items, e.g. any(reports, kind != 'hotline')", offset: start)
        }
        return call
    }

    private mutating func parsePath(head: String) throws(ExpressionSyntaxError) -> PathExpression {
        var path = PathExpression(head: head)
        while true {
            if peek == .symbol(".") {
                _ = next()
                guard case .identifier(let key) = next() else {
                    throw ExpressionSyntaxError(message: "expected a field name after '.'", offset: offset)
                }
                path.rest.append(.key(key))
            } else if peek == .symbol("[") {
                _ = next()
                guard case .number(let value) = next(), value >= 0, let index = Int(exactly: value) else {
                    throw ExpressionSyntaxError(message: "a list index must be a whole number, e.g. incidents[0]", offset: offset)
                }
                try expect("]")
                path.rest.append(.index(index))
            } else {
                return path
            }
        }
    }
}
