/// A header value of the shape `value; name=token; name="quoted string"` (RFC 2045's
/// Content-Type, RFC 6266's Content-Disposition), read from its bytes.
///
/// Parameter names are lowercased (they are case-insensitive); values are kept as bytes, since a
/// browser sends a file name as raw UTF-8. In a quoted string a backslash escapes only `"` and
/// `\`: browsers never escape (they percent-encode a quote in a file name), and an old browser
/// that sends the whole path, `"C:\Users\…\scan.pdf"`, keeps its backslashes.
struct HeaderParameters {
    /// What comes before the first `;`, without surrounding spaces (`form-data`, `multipart/form-data`).
    var value: [UInt8]
    /// The parameters in their order, each name lowercased.
    var parameters: [(name: String, value: [UInt8])]

    /// The parsed header value, or nil when a parameter has no `=`, a quoted string is not closed,
    /// or something other than `;` follows one.
    init?(_ bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        var index = 0
        func skipSpaces() {
            while index < bytes.count, bytes[index] == .space || bytes[index] == .tab { index += 1 }
        }
        func trimmed(_ range: Range<Int>) -> [UInt8] {
            Array(ASCII.trimmingSpaces(bytes[range]))
        }

        let valueEnd = bytes.firstIndex(of: .semicolon) ?? bytes.count
        value = trimmed(0..<valueEnd)
        parameters = []
        index = valueEnd
        while index < bytes.count {
            index += 1  // the ";"
            skipSpaces()
            guard index < bytes.count else { break }  // a trailing ";" is harmless
            let nameStart = index
            while index < bytes.count, bytes[index] != .equals, bytes[index] != .semicolon { index += 1 }
            guard index < bytes.count, bytes[index] == .equals else { return nil }
            let name = String(decoding: trimmed(nameStart..<index), as: UTF8.self).lowercased()
            guard !name.isEmpty else { return nil }
            index += 1  // the "="
            skipSpaces()
            var parameterValue: [UInt8] = []
            if index < bytes.count, bytes[index] == .quote {
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == .quote {
                        closed = true
                        index += 1
                        break
                    }
                    if byte == .backslash, index + 1 < bytes.count, bytes[index + 1] == .quote || bytes[index + 1] == .backslash {
                        index += 1
                    }
                    parameterValue.append(bytes[index])
                    index += 1
                }
                guard closed else { return nil }
                skipSpaces()
                guard index == bytes.count || bytes[index] == .semicolon else { return nil }
            } else {
                let start = index
                while index < bytes.count, bytes[index] != .semicolon { index += 1 }
                parameterValue = trimmed(start..<index)
            }
            parameters.append((name, parameterValue))
        }
    }

    /// The value of the parameter `name` (lowercase), `.missing` when absent, `.repeated` when
    /// given twice (which of the two a server reads is where parsers disagree, so neither is read).
    func parameter(_ name: String) -> Lookup {
        let values = parameters.filter { $0.name == name }
        switch values.count {
        case 0: return .missing
        case 1: return .found(values[0].value)
        default: return .repeated
        }
    }

    /// What `parameter(_:)` found.
    enum Lookup: Equatable {
        case found([UInt8])
        case missing
        case repeated
    }

    /// Whether `value`, read as ASCII without regard to case, is `expected` (lowercase).
    func valueIs(_ expected: String) -> Bool {
        value.count == expected.utf8.count && zip(value, expected.utf8).allSatisfy { ASCII.lowercased($0) == $1 }
    }
}
