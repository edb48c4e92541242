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

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    private var depth = 0
    /// How deeply parentheses, `not` and function calls may nest.
    static let maximumDepth = 64

    /// Parses `text` as one whole expression.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        var parser = ExpressionParser()
        try parser.tokenize(text)
        let expression = try parser.parseOr()
        guard case .end = parser.peek else {
            throw ExpressionSyntaxError(message: "unexpected \(parser.describe(parser.peek)) after the end of the expression", offset: parser.offset)
        }
        return expression
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

    private mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionSyntaxError(message: "the expression nests more than \(Self.maximumDepth) levels deep", offset: offset)
        }
        var result = try parseAnd()
        while peek == .identifier("or") || peek == .symbol("||") {
            _ = next()
            result = .or(result, try parseAnd())
        }
        return result
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
        var result = try parseNot()
        while peek == .identifier("and") || peek == .symbol("&&") {
            _ = next()
            result = .and(result, try parseNot())
        }
        return result
    }

    private mutating func parseNot() throws(ExpressionSyntaxError) -> Expression {
        if peek == .identifier("not") || peek == .symbol("!") {
            _ = next()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw ExpressionSyntaxError(message: "the expression nests more than \(Self.maximumDepth) levels deep", offset: offset)
            }
            return .not(try parseNot())
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
        let lhs = try parseAdditive()
        if case .symbol(let symbol) = peek, let comparison = Expression.ComparisonOperator(rawValue: symbol) {
            _ = next()
            let rhs = try parseAdditive()
            if case .symbol(let again) = peek, Expression.ComparisonOperator(rawValue: again) != nil {
                throw ExpressionSyntaxError(message: "comparisons cannot be chained; join them with 'and'", offset: offset)
            }
            return .compare(comparison, lhs, rhs)
        }
        return lhs
    }

    private mutating func parseAdditive() throws(ExpressionSyntaxError) -> Expression {
        var result = try parsePrimary()
        while case .symbol(let symbol) = peek, let op = Expression.ArithmeticOperator(rawValue: symbol) {
            _ = next()
            result = .arithmetic(op, result, try parsePrimary())
        }
        return result
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        let start = offset
        switch next() {
        case .string(let value): return .literal(.string(value))
        case .number(let value): return .literal(.number(value))
        case .symbol("-"):
            guard case .number(let value) = next() else {
                throw ExpressionSyntaxError(message: "'-' must be followed by a number", offset: start)
            }
            return .literal(.number(-value))
        case .symbol("("):
            let inner = try parseOr()
            try expect(")")
            return inner
        case .identifier(let name):
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            case "and", "or", "not":
                throw ExpressionSyntaxError(message: "'\(name)' needs a value before and after it", offset: start)
            default: break
            }
            if peek == .symbol("(") {
                return try parseCall(name, at: start)
            }
            return .path(try parsePath(head: name))
        case let token:
            throw ExpressionSyntaxError(message: "expected a value but found \(describe(token))", offset: start)
        }
    }

    private mutating func parseCall(_ name: String, at start: Int) throws(ExpressionSyntaxError) -> Expression {
        guard let function = Expression.Function(rawValue: name) else {
            let known = Expression.Function.allCases.map(\.rawValue).joined(separator: ", ")
            throw ExpressionSyntaxError(message: "there is no function '\(name)'; the functions are \(known)", offset: start)
        }
        try expect("(")
        var arguments: [Expression] = []
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
        let isPath: (Expression) -> Bool = { if case .path = $0 { return true } else { return false } }
        if function == .exists, !arguments.allSatisfy(isPath) {
            throw ExpressionSyntaxError(message: "exists() takes a field path, e.g. exists(client.email)", offset: start)
        }
        if function == .any, !isPath(arguments[0]) {
            throw ExpressionSyntaxError(
                message: "any() takes the path of a list and a condition on its items, e.g. any(reports, kind != 'hotline')", offset: start)
        }
        return .call(function, arguments)
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
                guard case .number(let value) = next(), value >= 0, value.rounded() == value else {
                    throw ExpressionSyntaxError(message: "a list index must be a whole number, e.g. incidents[0]", offset: offset)
                }
                try expect("]")
                path.rest.append(.index(Int(value)))
            } else {
                return path
            }
        }
    }
}
