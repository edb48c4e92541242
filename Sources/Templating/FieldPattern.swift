/// A field's `pattern`: a regular expression the whole value must match, checked in time linear
/// in the value's length.
///
/// A backtracking engine (ICU's, behind `NSRegularExpression`) takes exponential time on
/// patterns such as `(a|a)*b` or `(a+)+b`, and no check of a pattern's shape finds them all. This
/// matcher follows every way through the pattern at once, one character of the value at a time
/// (Thompson's construction, run as a Pike VM), so a value is read once, whatever the pattern.
/// The price is the features that need backtracking: backreferences, lookaround and possessive
/// quantifiers are refused when the template is loaded, with the reason.
///
///     let zip = try FieldPattern("[0-9]{5}")
///     zip.matches("78701")   // true
///     zip.matches("7870")    // false
public struct FieldPattern: Sendable {
    /// The pattern as the template writes it.
    public let source: String
    private let program: [Instruction]

    /// The longest pattern, in characters.
    public static let maximumLength = 1000
    /// The most steps a pattern may compile to, counted repetitions (`{2,500}`) spelled out:
    /// what a value's every character may cost.
    public static let maximumSize = 2000
    /// The largest count in `{n}` or `{n,m}`.
    public static let maximumCount = 1000

    /// Compiles `source`. Throws a message (naming the place in the pattern) for a pattern that is
    /// not a regular expression, or that uses what this matcher does not do.
    public init(_ source: String) throws(FieldPatternError) {
        self.source = source
        guard source.unicodeScalars.count <= Self.maximumLength else {
            throw FieldPatternError(message: "is longer than \(Self.maximumLength) characters", offset: Self.maximumLength)
        }
        var parser = Parser(Array(source.unicodeScalars))
        let tree = try parser.parseWhole()
        var compiler = Compiler()
        try compiler.emit(tree)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        var current: [Int] = [], next: [Int] = []
        current.reserveCapacity(program.count)
        next.reserveCapacity(program.count)
        // The generation in which each step was last added, so that each is added once per position.
        var added = [Int](repeating: -1, count: program.count)
        var generation = 0
        var matched = false
        var stack: [Int] = []

        /// Adds step `pc` and every step reachable from it without reading a character.
        func add(_ pc: Int, to list: inout [Int], atStart: Bool, atEnd: Bool) {
            stack.append(pc)
            while let pc = stack.popLast() {
                guard added[pc] != generation else { continue }
                added[pc] = generation
                switch program[pc] {
                case .jump(let target): stack.append(target)
                case .split(let first, let second):
                    stack.append(second)
                    stack.append(first)
                case .start: if atStart { stack.append(pc + 1) }
                case .end: if atEnd { stack.append(pc + 1) }
                case .match: if atEnd { matched = true }
                case .scalar, .any, .set: list.append(pc)
                }
            }
        }

        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        add(0, to: &current, atStart: true, atEnd: index == scalars.endIndex)
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            generation += 1
            next.removeAll(keepingCapacity: true)
            let atEnd = index == scalars.endIndex
            for pc in current {
                let accepts: Bool
                switch program[pc] {
                case .scalar(let expected): accepts = scalar == expected
                case .any: accepts = !ScalarSet.isLineTerminator(scalar)
                case .set(let set): accepts = set.contains(scalar)
                default: accepts = false
                }
                if accepts { add(pc + 1, to: &next, atStart: false, atEnd: atEnd) }
            }
            swap(&current, &next)
            if current.isEmpty { return matched }  // set only once the whole value is read
        }
        return matched
    }

    // MARK: - The program

    private enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        /// Any character but a line break, as `.` matches.
        case any
        case set(ScalarSet)
        case split(Int, Int)
        case jump(Int)
        /// `^` and `\A`: only at the start of the value.
        case start
        /// `$`, `\z` and `\Z`: only at the end of the value.
        case end
        case match
    }

    /// A pattern, parsed.
    private indirect enum Node {
        case empty
        case scalar(Unicode.Scalar)
        case any
        case set(ScalarSet)
        case start, end
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, minimum: Int, maximum: Int?)
    }

    private struct Compiler {
        var program: [Instruction] = []

        mutating func append(_ instruction: Instruction) throws(FieldPatternError) {
            guard program.count < FieldPattern.maximumSize else {
                throw FieldPatternError(
                    message: "is too large once its counted repetitions are spelled out (more than \(FieldPattern.maximumSize) steps); use smaller counts",
                    offset: 0)
            }
            program.append(instruction)
        }

        mutating func emit(_ node: Node) throws(FieldPatternError) {
            switch node {
            case .empty: break
            case .scalar(let scalar): try append(.scalar(scalar))
            case .any: try append(.any)
            case .set(let set): try append(.set(set))
            case .start: try append(.start)
            case .end: try append(.end)
            case .sequence(let nodes):
                for node in nodes { try emit(node) }
            case .alternatives(let nodes):
                // split L1, next; L1: first; jump end; next: split L2, … ; last
                var jumps: [Int] = []
                for (offset, node) in nodes.enumerated() {
                    if offset < nodes.count - 1 {
                        let split = program.count
                        try append(.split(split + 1, 0))
                        try emit(node)
                        jumps.append(program.count)
                        try append(.jump(0))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(node)
                    }
                }
                for jump in jumps { program[jump] = .jump(program.count) }
            case .repeated(let inner, let minimum, let maximum):
                for _ in 0..<minimum { try emit(inner) }
                if let maximum {
                    // Each optional copy may be skipped to the end.
                    var splits: [Int] = []
                    for _ in minimum..<maximum {
                        splits.append(program.count)
                        try append(.split(program.count + 1, 0))
                        try emit(inner)
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    // loop: split body, out; body; jump loop
                    let loop = program.count
                    try append(.split(loop + 1, 0))
                    try emit(inner)
                    try append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
        }
    }

    // MARK: - Parsing

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0
        var depth = 0
        static let maximumDepth = 32

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        func error(_ message: String, at offset: Int? = nil) -> FieldPatternError {
            FieldPatternError(message: message, offset: offset ?? position)
        }

        mutating func parseWhole() throws(FieldPatternError) -> Node {
            let node = try parseAlternatives()
            if current == ")" { throw error("has a ')' without a '(' before it; write \\) for the character") }
            return node
        }

        mutating func parseAlternatives() throws(FieldPatternError) -> Node {
            var branches = [try parseSequence()]
            while current == "|" {
                position += 1
                branches.append(try parseSequence())
            }
            return branches.count == 1 ? branches[0] : .alternatives(branches)
        }

        mutating func parseSequence() throws(FieldPatternError) -> Node {
            var items: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                items.append(try parseRepetition())
            }
            return items.isEmpty ? .empty : (items.count == 1 ? items[0] : .sequence(items))
        }

        mutating func parseRepetition() throws(FieldPatternError) -> Node {
            var node = try parseAtom()
            while let scalar = current {
                let start = position
                var minimum = 0, maximum: Int? = nil
                switch scalar {
                case "*": position += 1
                case "+": position += 1; minimum = 1
                case "?": position += 1; maximum = 1
                case "{":
                    guard let (low, high) = try parseCount() else { return node }
                    (minimum, maximum) = (low, high)
                default: return node
                }
                if current == "+" {
                    throw error("uses a possessive quantifier ('\(scalar)+'), which this matcher does not do; leave out the '+'", at: start)
                }
                if current == "?" { position += 1 }  // lazy: the same for a whole match
                node = .repeated(node, minimum: minimum, maximum: maximum)
            }
            return node
        }

        /// `{n}`, `{n,}` or `{n,m}` at the current position; nil (nothing read) when the brace does
        /// not start one.
        mutating func parseCount() throws(FieldPatternError) -> (Int, Int?)? {
            let start = position
            position += 1
            func number() -> Int? {
                var value: Int?
                while let scalar = current, ("0"..."9").contains(scalar) {
                    value = min((value ?? 0) * 10 + Int(scalar.value - 0x30), FieldPattern.maximumCount + 1)
                    position += 1
                }
                return value
            }
            guard let low = number() else {
                throw error("has a '{' that is not a count like {2} or {2,5}; write \\{ for the character", at: start)
            }
            var high: Int? = low
            if current == "," {
                position += 1
                high = number()
            }
            guard current == "}" else {
                throw error("has a '{' that is not a count like {2} or {2,5}; write \\{ for the character", at: start)
            }
            position += 1
            if max(low, high ?? 0) > FieldPattern.maximumCount {
                throw error("counts at most \(FieldPattern.maximumCount) repetitions in {…}", at: start)
            }
            if let high, high < low { throw error("has a count {\(low),\(high)} whose maximum is below its minimum", at: start) }
            return (low, high)
        }

        mutating func parseAtom() throws(FieldPatternError) -> Node {
            let start = position
            guard let scalar = current else { throw error("ends where a character was expected") }
            position += 1
            switch scalar {
            case "(":
                if current == "?" {
                    guard position + 1 < scalars.count, scalars[position + 1] == ":" else {
                        throw error("uses a (?…) group (lookaround, a named group or a flag), which this matcher does not do; use ( … ) or (?: … )", at: start)
                    }
                    position += 2
                }
                depth += 1
                defer { depth -= 1 }
                guard depth <= Self.maximumDepth else { throw error("nests groups more than \(Self.maximumDepth) deep", at: start) }
                let inner = try parseAlternatives()
                guard current == ")" else { throw error("has a '(' that is never closed", at: start) }
                position += 1
                return inner
            case "[": return .set(try parseClass(from: start))
            case ".": return .any
            case "^": return .start
            case "$": return .end
            case "\\": return try parseEscape(from: start)
            case "*", "+", "?":
                throw error("has a '\(scalar)' with nothing before it to repeat; write \\\(scalar) for the character", at: start)
            case "{":
                throw error("has a '{' with nothing before it to repeat; write \\{ for the character", at: start)
            default: return .scalar(scalar)
            }
        }

        /// The escape after a backslash, outside a class.
        mutating func parseEscape(from start: Int) throws(FieldPatternError) -> Node {
            guard let scalar = current else { throw error("ends with a lone '\\'", at: start) }
            switch scalar {
            case "A": position += 1; return .start
            case "z", "Z": position += 1; return .end
            default:
                switch try parseEscapedCharacter(from: start) {
                case .scalar(let value): return .scalar(value)
                case .set(let set): return .set(set)
                }
            }
        }

        enum Escaped { case scalar(Unicode.Scalar), set(ScalarSet) }

        /// An escape that stands for one character or a class (`\d`), in or out of a class.
        mutating func parseEscapedCharacter(from start: Int) throws(FieldPatternError) -> Escaped {
            guard let scalar = current else { throw error("ends with a lone '\\'", at: start) }
            position += 1
            switch scalar {
            case "d": return .set(ScalarSet(builtin: .digit))
            case "D": return .set(ScalarSet(builtin: .digit, negated: true))
            case "w": return .set(ScalarSet(builtin: .word))
            case "W": return .set(ScalarSet(builtin: .word, negated: true))
            case "s": return .set(ScalarSet(builtin: .space))
            case "S": return .set(ScalarSet(builtin: .space, negated: true))
            case "t": return .scalar("\t")
            case "n": return .scalar("\n")
            case "r": return .scalar("\r")
            case "f": return .scalar("\u{0C}")
            case "e": return .scalar("\u{1B}")
            case "u":
                return .scalar(try hex(count: 4, from: start))
            case "x":
                if current == "{" {
                    position += 1
                    var digits = 0
                    var value: UInt32 = 0
                    while let digit = current.flatMap({ $0.properties.isASCIIHexDigit ? UInt32(String($0), radix: 16) : nil }), digits < 6 {
                        value = value << 4 | digit
                        digits += 1
                        position += 1
                    }
                    guard digits > 0, current == "}", let result = Unicode.Scalar(value) else {
                        throw error("has a \\x{…} escape that is not a character code", at: start)
                    }
                    position += 1
                    return .scalar(result)
                }
                return .scalar(try hex(count: 2, from: start))
            case "1"..."9":
                throw error("uses a backreference (\\\(scalar)), which this matcher does not do", at: start)
            case "b", "B":
                throw error("uses a word boundary (\\\(scalar)), which this matcher does not do; the whole value is matched anyway", at: start)
            case "p", "P":
                throw error("uses a Unicode property (\\\(scalar){…}), which this matcher does not do; use \\w, \\d or a class like [A-Za-z]", at: start)
            case _ where scalar.properties.isAlphabetic || scalar.properties.numericType != nil:
                throw error("uses the escape \\\(scalar), which this matcher does not know", at: start)
            default:
                return .scalar(scalar)  // an escaped punctuation mark stands for itself
            }
        }

        mutating func hex(count: Int, from start: Int) throws(FieldPatternError) -> Unicode.Scalar {
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let scalar = current, scalar.properties.isASCIIHexDigit, let digit = UInt32(String(scalar), radix: 16) else {
                    throw error("has a character code escape without its \(count) hexadecimal digits", at: start)
                }
                value = value << 4 | digit
                position += 1
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("has a character code that is not a character", at: start) }
            return scalar
        }

        /// A class `[…]`, the `[` read.
        mutating func parseClass(from start: Int) throws(FieldPatternError) -> ScalarSet {
            var set = ScalarSet()
            if current == "^" {
                set.negated = true
                position += 1
            }
            var first = true
            while true {
                guard let scalar = current else { throw error("has a '[' that is never closed with ']'", at: start) }
                if scalar == "]" && !first { position += 1; return set }
                first = false
                if scalar == "[" {
                    throw error("has a '[' inside a class (a nested class or a [:name:] class), which this matcher does not do; write \\[ for the character", at: position)
                }
                let low: Unicode.Scalar
                let itemStart = position
                position += 1
                if scalar == "\\" {
                    switch try parseEscapedCharacter(from: itemStart) {
                    case .set(let builtin):
                        set.builtins += builtin.builtins
                        continue
                    case .scalar(let value): low = value
                    }
                } else {
                    low = scalar
                }
                // A range a-z; a '-' first, last, or after a range stands for itself.
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    let highStart = position
                    var high = scalars[position]
                    position += 1
                    if high == "\\" {
                        guard case .scalar(let value) = try parseEscapedCharacter(from: highStart) else {
                            throw error("has a range that ends in a class like \\d", at: highStart)
                        }
                        high = value
                    }
                    guard low.value <= high.value else {
                        throw error("has a range \(low)-\(high) whose end comes before its start", at: itemStart)
                    }
                    set.ranges.append(low.value...high.value)
                } else {
                    set.ranges.append(low.value...low.value)
                }
            }
        }
    }
}

/// A set of characters: a class like `[A-Z0-9_]`, `\d`, or their negations.
struct ScalarSet: Sendable {
    enum Builtin: Sendable { case digit, word, space }

    var ranges: [ClosedRange<UInt32>] = []
    var builtins: [(kind: Builtin, negated: Bool)] = []
    var negated = false

    init() {}

    init(builtin: Builtin, negated: Bool = false) {
        builtins = [(builtin, negated)]
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let inside = ranges.contains { $0.contains(scalar.value) }
            || builtins.contains { Self.matches($0.kind, scalar) != $0.negated }
        return inside != negated
    }

    /// `\d`, `\w` and `\s` as ICU reads them: Unicode digits, letters, marks and connectors, spaces.
    static func matches(_ builtin: Builtin, _ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch builtin {
        case .digit: return properties.generalCategory == .decimalNumber
        case .space: return properties.isWhitespace
        case .word:
            switch properties.generalCategory {
            case .decimalNumber, .connectorPunctuation, .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return properties.isAlphabetic || scalar == "\u{200C}" || scalar == "\u{200D}"
            }
        }
    }

    /// The characters `.` does not match.
    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }
}

/// Why a `pattern` cannot be used; `offset` counts characters into the pattern.
public struct FieldPatternError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
}
