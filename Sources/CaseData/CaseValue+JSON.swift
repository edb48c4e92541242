extension CaseValue {
    /// The value as JSON text: keys in their order, two-space indentation, a final newline.
    /// Used for skeleton case files, JSON Schemas and machine-readable reports.
    public func jsonText(pretty: Bool = true) -> String {
        var output = ""
        write(to: &output, indent: pretty ? 0 : nil)
        if pretty { output += "\n" }
        return output
    }

    private func write(to output: inout String, indent: Int?) {
        let newline = indent == nil ? "" : "\n"
        let pad = { (level: Int) in String(repeating: "  ", count: level) }
        switch kind {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(_, let literal): output += literal
        case .string(let text): output += Self.quoted(text)
        case .list(let items):
            if items.isEmpty { output += "[]"; return }
            output += "[" + newline
            for (offset, item) in items.enumerated() {
                if let indent { output += pad(indent + 1) }
                item.write(to: &output, indent: indent.map { $0 + 1 })
                output += (offset == items.count - 1 ? "" : ",") + newline
            }
            if let indent { output += pad(indent) }
            output += "]"
        case .object(let object):
            if object.isEmpty { output += "{}"; return }
            output += "{" + newline
            for (offset, entry) in object.entries.enumerated() {
                if let indent { output += pad(indent + 1) }
                output += Self.quoted(entry.key) + (indent == nil ? ":" : ": ")
                entry.value.write(to: &output, indent: indent.map { $0 + 1 })
                output += (offset == object.entries.count - 1 ? "" : ",") + newline
            }
            if let indent { output += pad(indent) }
            output += "}"
        }
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        // Most text needs no escape: copy it whole rather than a scalar at a time.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
