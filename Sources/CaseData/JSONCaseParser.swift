import TextSafety

/// Parses JSON case files into `CaseValue`s that remember the line and column of every value.
///
/// A hand-written parser: Foundation's gives no positions, and positions are what let a
/// paralegal find the field a message is about. Messages never quote the file's text.
public struct JSONCaseParser {
    /// How deeply objects and lists may nest before the file is refused.
    public static let maximumDepth = 64

    private let bytes: [UInt8]
    private let file: String
    private var offset = 0
    private var line = 1
    private var column = 1

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Parses `bytes` (UTF-8, an optional byte-order mark is skipped) as one JSON value.
    /// - Parameter file: the path to name in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(CaseFileError) -> CaseValue {
        var parser = JSONCaseParser(bytes: bytes, file: file)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.offset = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.offset < bytes.count {
            throw parser.error("unexpected text after the end of the case data; a case file holds one JSON object")
        }
        return value
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }

    private func error(_ message: String) -> CaseFileError {
        CaseFileError(.syntax(message), file: file, position: position)
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance() }
    }

    /// What was found, for messages: JSON's own punctuation by name, anything else only by kind,
    /// since it may be part of a survivor's data.
    private func describe(_ byte: UInt8?) -> String {
        guard let byte else { return "the end of the file" }
        if "{}[],:\"".utf8.contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        switch byte {
        case 0x30...0x39: return "a digit"
        case 0x41...0x5A, 0x61...0x7A, 0x80...: return "a letter"
        default: return "another character"
        }
    }

    private mutating func parseValue(depth: Int) throws(CaseFileError) -> CaseValue {
        guard depth < Self.maximumDepth else { throw CaseFileError(.tooDeep, file: file, position: position) }
        let start = position
        switch current {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseList(depth: depth)
        case UInt8(ascii: "\""): return CaseValue(.string(try parseString()), position: start)
        case UInt8(ascii: "t"): try expectWord("true"); return CaseValue(.bool(true), position: start)
        case UInt8(ascii: "f"): try expectWord("false"); return CaseValue(.bool(false), position: start)
        case UInt8(ascii: "n"): try expectWord("null"); return CaseValue(.null, position: start)
        case let byte? where byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39):
            return try parseNumber()
        default:
            throw error("expected a value (text in double quotes, a number, true, false, null, {…} or […]) but found \(describe(current))")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(CaseFileError) {
        let wordBytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        // A word that is not true, false or null is text without quotes: point at its start.
        let start = position
        for expected in wordBytes {
            guard current == expected else {
                throw CaseFileError(.syntax("expected a value but found text without double quotes; text must be in double quotes"),
                    file: file, position: start)
            }
            advance()
        }
    }

    private mutating func parseObject(depth: Int) throws(CaseFileError) -> CaseValue {
        let start = position
        advance()
        var object = CaseObject()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return CaseValue(.object(object), position: start)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw error("expected a field name in double quotes but found \(describe(current))")
            }
            let keyPosition = position
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw error("expected ':' after the field name \(TextSafety.quoted(key)) but found \(describe(current))")
            }
            advance()
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            guard object.append(key: key, keyPosition: keyPosition, value: value) else {
                throw CaseFileError(.duplicateKey(key), file: file, position: keyPosition)
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"):
                advance()
                return CaseValue(.object(object), position: start)
            default:
                throw error("expected ',' or '}' after the value of \(TextSafety.quoted(key)) but found \(describe(current))")
            }
        }
    }

    private mutating func parseList(depth: Int) throws(CaseFileError) -> CaseValue {
        let start = position
        advance()
        var items: [CaseValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return CaseValue(.list(items), position: start)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"):
                advance()
                return CaseValue(.list(items), position: start)
            default:
                throw error("expected ',' or ']' after a list item but found \(describe(current))")
            }
        }
    }

    private mutating func parseString() throws(CaseFileError) -> String {
        advance()  // opening quote
        var scalars: [UInt8] = []
        while true {
            guard let byte = current else { throw error("this text has no closing double quote") }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                guard let text = String(validating: scalars, as: UTF8.self) else {
                    throw error("the text is not valid UTF-8; save the case file as UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                advance()
                try parseEscape(into: &scalars)
            case 0x00..<0x20:
                throw error(byte == 0x0A
                    ? "a line break inside quoted text; write it as \\n"
                    : "a control character inside quoted text; escape it")
            default:
                // A run of ordinary bytes is taken at once: a narrative may be megabytes long.
                // (No line break can be in it; only the column moves, once per character.)
                let start = offset
                var end = offset, columns = 0
                bytes.withUnsafeBufferPointer { buffer in
                    while end < buffer.count {
                        let next = buffer[end]
                        if next == 0x22 || next == 0x5C || next < 0x20 { break }
                        if next & 0xC0 != 0x80 { columns += 1 }
                        end += 1
                    }
                    scalars.append(contentsOf: buffer[start..<end])
                }
                offset = end
                column += columns
            }
        }
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(CaseFileError) {
        guard let byte = current else { throw error("the text has no closing double quote") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var code = try parseHex4()
            if (0xD800..<0xDC00).contains(code) {
                guard current == UInt8(ascii: "\\") else { throw error("an unpaired \\u surrogate escape") }
                advance()
                guard current == UInt8(ascii: "u") else { throw error("an unpaired \\u surrogate escape") }
                advance()
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("an unpaired \\u surrogate escape") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("an invalid \\u escape") }
            buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("an unknown escape (a backslash must be followed by \", \\\\, /, b, f, n, r, t or u)")
        }
    }

    private mutating func parseHex4() throws(CaseFileError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexValue(byte) else {
                throw error("a \\u escape needs four hexadecimal digits")
            }
            code = code << 4 | digit
            advance()
        }
        return code
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }

    private mutating func parseNumber() throws(CaseFileError) -> CaseValue {
        let start = position
        let first = offset
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        if current == UInt8(ascii: "-") { advance() }
        guard isDigit(current) else { throw error("a '-' must be followed by digits") }
        while isDigit(current) { advance() }
        if current == UInt8(ascii: ".") {
            advance()
            guard isDigit(current) else { throw error("a decimal point must be followed by digits") }
            while isDigit(current) { advance() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard isDigit(current) else { throw error("an exponent must have digits") }
            while isDigit(current) { advance() }
        }
        let literal = String(decoding: bytes[first..<offset], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else { throw error("a number too large to use") }
        return CaseValue(.number(value, literal: literal), position: start)
    }
}
