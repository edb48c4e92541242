import Yams

/// Loads YAML case files into `CaseValue`s with positions, through Yams' node API.
///
/// Plain scalars are read by the YAML 1.2 core rules (so `no` stays text, not false).
/// Yams expands aliases (`*name`) as it composes; so that a few aliases cannot make a case of
/// gigabytes, `YAMLExpansion` first measures what the text expands to, and a case file may hold at
/// most `maximumValues` values and twice its own size (plus `aliasAllowance`) in text, expanded.
public enum YAMLCaseLoader {
    /// The most values (scalars, lists and groups) a YAML case file may hold, aliases expanded.
    public static let maximumValues = 1_000_000
    /// The text that aliases may add beyond twice the file's own size, in bytes (1 MiB). Twice:
    /// YAML escapes such as `\L` may grow a little when read.
    public static let aliasAllowance = 1 << 20

    /// Parses `text` as one YAML document.
    /// - Parameter file: the path to name in errors.
    public static func parse(_ text: String, file: String) throws(CaseFileError) -> CaseValue {
        let limits = YAMLExpansion.Limits(values: maximumValues, bytes: 2 * text.utf8.count + aliasAllowance)
        let (size, stop) = YAMLExpansion.measure(text, limits: limits)
        if size.values > limits.values {
            throw CaseFileError(
                .unsupportedFeature("the case file holds more than \(maximumValues / 1_000_000) million values; if it uses YAML aliases (*name), write the values out instead"),
                file: file, position: stop)
        }
        if size.bytes > limits.bytes {
            throw CaseFileError(
                .unsupportedFeature("YAML aliases (*name) make this case file more than twice its size (over \(limits.bytes / 1_000_000) MB of text); write the values out instead"),
                file: file, position: stop)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw convert(error, file: file)
        } catch {
            throw CaseFileError(.syntax("the YAML could not be read"), file: file)
        }
        guard let node else { return CaseValue(.object(CaseObject()), position: SourcePosition(line: 1, column: 1)) }
        return try convert(node, file: file, depth: 0)
    }

    private static func position(_ mark: Mark?) -> SourcePosition? {
        mark.map { SourcePosition(line: $0.line, column: $0.column) }
    }

    private static func convert(_ node: Node, file: String, depth: Int) throws(CaseFileError) -> CaseValue {
        guard depth < JSONCaseParser.maximumDepth else {
            throw CaseFileError(.tooDeep, file: file, position: position(node.mark))
        }
        switch node {
        case .scalar(let scalar):
            return CaseValue(resolve(scalar), position: position(scalar.mark))
        case .sequence(let sequence):
            var items: [CaseValue] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1)) }
            return CaseValue(.list(items), position: position(sequence.mark))
        case .mapping(let mapping):
            var object = CaseObject()
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw CaseFileError(
                        .unsupportedFeature("a field name must be plain text, not a list or group"),
                        file: file, position: position(keyNode.mark))
                }
                let value = try convert(valueNode, file: file, depth: depth + 1)
                guard object.append(key: keyScalar.string, keyPosition: position(keyScalar.mark), value: value) else {
                    throw CaseFileError(.duplicateKey(keyScalar.string), file: file, position: position(keyScalar.mark))
                }
            }
            return CaseValue(.object(object), position: position(mapping.mark))
        case .alias(let alias):
            throw CaseFileError(
                .unsupportedFeature("YAML aliases (*name) are not allowed in case files; write the value out"),
                file: file, position: position(alias.mark))
        }
    }

    private static func resolve(_ scalar: Node.Scalar) -> CaseValue.Kind {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if looksNumeric(text), let number = Double(text), number.isFinite {
            return .number(number, literal: text)
        }
        return .string(text)
    }

    /// The YAML 1.2 core schema's decimal numbers: an optional sign, digits, an optional fraction
    /// and exponent. Leading zeros ("02134") stay text, as a ZIP code should.
    private static func looksNumeric(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, (0x30...0x39).contains(first) else { return false }
        if first == 0x30, bytes.count > 1, let second = bytes.dropFirst().first, (0x30...0x39).contains(second) {
            return false
        }
        return bytes.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
    }

    private static func convert(_ error: YamlError, file: String) -> CaseFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            var message = "YAML: \(problem)"
            if problem.contains("cannot start any token") {
                message += " (a tab used for indentation does this: indent with spaces)"
            }
            return CaseFileError(.syntax(message), file: file, position: position(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            return CaseFileError(.duplicateKey(key), file: file, position: position(context.mark))
        case .reader(let problem, _, _, _):
            return CaseFileError(.syntax("YAML: \(problem)"), file: file)
        default:
            return CaseFileError(.syntax("the YAML could not be read"), file: file)
        }
    }
}
