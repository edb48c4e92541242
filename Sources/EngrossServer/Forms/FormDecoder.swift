import CaseData
import Templating

/// Turns a submitted form back into case data, field by field, as the form controls were made
/// from the declarations: the same JSON a case file would hold.
///
/// Names follow field paths (`client.fullName`, `services[1].since`); a list sends its item
/// count as `services#count`; a check box sends a hidden `false` before its `true`. A value that
/// does not read as its type (letters in a number) is kept as text, so that validation names the
/// problem in its own words.
public struct FormDecoder {
    private var values: [String: [String]] = [:]

    public init(_ body: FormBody) {
        for pair in body.pairs { values[pair.name, default: []].append(pair.value) }
    }

    /// The most items a list may be given from one form.
    static let maximumItems = 1_000

    /// The values of `fields` under `prefix` (empty at the top of a document), as object entries;
    /// an empty control gives no entry.
    public func decode(_ fields: [FieldDeclaration], prefix: String = "") -> [(String, CaseValue)] {
        var entries: [(String, CaseValue)] = []
        for field in fields {
            let name = prefix.isEmpty ? field.name : prefix + "." + field.name
            if let value = decode(field, name: name) { entries.append((field.name, value)) }
        }
        return entries
    }

    private func decode(_ field: FieldDeclaration, name: String) -> CaseValue? {
        switch field.type {
        case .group:
            let entries = decode(field.children, prefix: name)
            return entries.isEmpty ? nil : .object(entries)
        case .list:
            let count = min(values[name + "#count"]?.last.flatMap { Int($0) } ?? 0, Self.maximumItems)
            guard count > 0 else { return nil }
            return .list((0..<count).map { .object(decode(field.children, prefix: "\(name)[\($0)]")) })
        case .boolean:
            switch values[name]?.last {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case .choice where field.multiple:
            let chosen = (values[name] ?? []).filter { !$0.isEmpty }
            return chosen.isEmpty ? nil : .list(chosen.map(CaseValue.string))
        case .integer, .money:
            guard let text = trimmed(name) else { return nil }
            return Self.isJSONNumber(text) ? CaseValue(.number(Double(text) ?? 0, literal: text)) : .string(text)
        case .pronouns:
            guard let text = trimmed(name) else { return nil }
            // A custom set, offered back as the JSON the case file held.
            if text.hasPrefix("{"), let custom = try? JSONCaseParser.parse(Array(text.utf8), file: "form"), custom.objectValue != nil {
                return custom
            }
            return .string(text)
        case .paragraphs:
            guard let raw = values[name]?.last else { return nil }
            let text = Self.trimming(Self.unixLineBreaks(raw))
            return text.isEmpty ? nil : .string(text)
        default:
            return trimmed(name).map(CaseValue.string)
        }
    }

    private func trimmed(_ name: String) -> String? {
        guard let text = values[name]?.last.map(Self.trimming), !text.isEmpty else { return nil }
        return text
    }

    /// `text` without white space and line breaks at either end: the characters of Foundation's
    /// `.whitespacesAndNewlines` (Unicode's White_Space, and the zero-width space), without its
    /// detour through NSString, which was a tenth of the draft route's time. Most values have
    /// none, and are returned as they are.
    static func trimming(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace || scalar == "\u{200B}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// `\r\n`, as browsers send line breaks in a text area, as `\n`.
    static func unixLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        for index in bytes.indices where !(bytes[index] == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) {
            kept.append(bytes[index])
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// `-12`, `1250.50`, `3e2`: what JSON reads as a number.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let digits = bytes.prefix { (48...57).contains($0) }
        guard !digits.isEmpty, digits.first != 48 || digits.count == 1 else { return false }
        bytes = bytes.dropFirst(digits.count)
        if bytes.first == UInt8(ascii: ".") {
            let fraction = bytes.dropFirst().prefix { (48...57).contains($0) }
            guard !fraction.isEmpty else { return false }
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix { (48...57).contains($0) }
            guard !exponent.isEmpty else { return false }
            bytes = bytes.dropFirst(exponent.count)
        }
        return bytes.isEmpty
    }
}

extension FormDecoder {
    /// The document's data with the step's fields replaced by what the form sent, in declaration
    /// order; keys the template does not declare (from an imported case file) are kept after.
    public func merge(_ stepFields: [FieldDeclaration], into document: CaseObject, order: [FieldDeclaration]) -> CaseObject {
        var updated = document
        let decoded = Dictionary(decode(stepFields), uniquingKeysWith: { first, _ in first })
        for field in stepFields { updated[field.name] = decoded[field.name] }
        var ordered = CaseObject()
        for field in order { if let value = updated[field.name] { ordered[field.name] = value } }
        for entry in updated.entries where ordered[entry.key] == nil { ordered[entry.key] = entry.value }
        return ordered
    }
}
