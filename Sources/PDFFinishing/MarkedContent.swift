/// The marked-content operators cairo writes for structure tags in a page's content stream
/// (`/P << /MCID 3 >> BDC`), found and rewritten. The scan steps over strings, hex strings,
/// comments and inline image data, so text that happens to read like an operator is left alone.
enum MarkedContent {
    /// One `/Tag << /MCID n >> BDC` operator.
    struct Mark: Equatable {
        /// Where the operator is in the stream, from its tag's slash to the end of `BDC`.
        var range: Range<Int>
        var tag: String
        var identifier: Int
    }

    /// The marks of a content stream, in order.
    static func marks(in bytes: [UInt8]) -> [Mark] {
        var marks: [Mark] = []
        var index = 0
        let count = bytes.count
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "("):
                index = endOfLiteralString(bytes, from: index)
            case UInt8(ascii: "%"):
                while index < count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            case UInt8(ascii: "<"):
                if index + 1 < count, bytes[index + 1] == UInt8(ascii: "<") {
                    if let mark = mark(in: bytes, at: index) {
                        marks.append(mark)
                        index = mark.range.upperBound
                    } else {
                        index += 2
                    }
                } else {
                    while index < count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                    index += 1
                }
            case UInt8(ascii: "I") where isOperator(bytes, at: index, "ID"):
                index = endOfInlineImage(bytes, from: index + 2)
            default:
                index += 1
            }
        }
        return marks
    }

    /// `bytes` with each mark replaced by what `replacement` gives for it.
    static func rewrite(_ bytes: [UInt8], marks: [Mark], replacement: (Mark) -> String) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var position = 0
        for mark in marks {
            result += bytes[position..<mark.range.lowerBound]
            result += Array(replacement(mark).utf8)
            position = mark.range.upperBound
        }
        result += bytes[position...]
        return result
    }

    private static let opening = Array("<< /MCID ".utf8)
    private static let closing = Array(" >> BDC".utf8)

    /// The mark whose dictionary starts at `start` (`<<`), with the tag name before it.
    private static func mark(in bytes: [UInt8], at start: Int) -> Mark? {
        guard bytes[start...].starts(with: opening) else { return nil }
        var index = start + opening.count
        var identifier = 0
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), index - digitsStart < 9 {
            identifier = identifier * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > digitsStart, bytes[index...].starts(with: closing) else { return nil }
        // The tag: "/Name " right before the dictionary.
        guard start >= 3, bytes[start - 1] == UInt8(ascii: " ") else { return nil }
        var nameStart = start - 2
        while nameStart > 0, bytes[nameStart] != UInt8(ascii: "/"), isNameCharacter(bytes[nameStart]) { nameStart -= 1 }
        guard bytes[nameStart] == UInt8(ascii: "/"), nameStart < start - 2 else { return nil }
        let tag = String(decoding: bytes[(nameStart + 1)..<(start - 1)], as: UTF8.self)
        return Mark(range: nameStart..<(index + closing.count), tag: tag, identifier: identifier)
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    /// Whether the operator `name` stands alone at `index` (whitespace, or the stream's ends, around it).
    private static func isOperator(_ bytes: [UInt8], at index: Int, _ name: String) -> Bool {
        let operatorBytes = Array(name.utf8)
        guard bytes[index...].starts(with: operatorBytes) else { return false }
        let end = index + operatorBytes.count
        return (index == 0 || isWhitespace(bytes[index - 1])) && (end == bytes.count || isWhitespace(bytes[end]))
    }

    /// Past a literal string: balanced parentheses, backslash escapes.
    private static func endOfLiteralString(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return bytes.count
    }

    /// Past an inline image's data: to the `EI` that stands alone after it.
    private static func endOfInlineImage(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "E"), isOperator(bytes, at: index, "EI") { return index + 2 }
            index += 1
        }
        return bytes.count
    }
}
