/// A value from a case file (JSON or YAML, and later CSV), with where it stood in the file.
///
/// One tree for every input format, so that validation and evaluation see a single shape.
public struct CaseValue: Sendable, Equatable {
    /// The value itself.
    public var kind: Kind
    /// Where the value starts in its file; `nil` for values made in code.
    public var position: SourcePosition?

    /// The shapes a case value can take.
    public indirect enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        /// A number, with the text it was written as (so "1250.50" keeps its two decimals).
        case number(Double, literal: String)
        case string(String)
        case list([CaseValue])
        case object(CaseObject)
    }

    public init(_ kind: Kind, position: SourcePosition? = nil) {
        self.kind = kind
        self.position = position
    }

    public static let null = CaseValue(.null)

    /// A string value.
    public static func string(_ text: String) -> CaseValue { CaseValue(.string(text)) }
    /// A boolean value.
    public static func bool(_ value: Bool) -> CaseValue { CaseValue(.bool(value)) }
    /// A number value.
    public static func number(_ value: Double) -> CaseValue { CaseValue(.number(value, literal: formatNumber(value))) }
    /// A list value.
    public static func list(_ items: [CaseValue]) -> CaseValue { CaseValue(.list(items)) }
    /// An object value with keys in the given order.
    public static func object(_ entries: [(String, CaseValue)]) -> CaseValue {
        var object = CaseObject()
        for (key, value) in entries { object[key] = value }
        return CaseValue(.object(object))
    }

    /// The string, if this value is one.
    public var stringValue: String? { if case .string(let s) = kind { return s } else { return nil } }
    /// The object, if this value is one.
    public var objectValue: CaseObject? { if case .object(let o) = kind { return o } else { return nil } }
    /// The items, if this value is a list.
    public var listValue: [CaseValue]? { if case .list(let l) = kind { return l } else { return nil } }
    /// Whether the value is null.
    public var isNull: Bool { if case .null = kind { return true } else { return false } }

    /// A short name of the value's shape for messages ("a list", "text"), never the value itself.
    public var shapeDescription: String {
        switch kind {
        case .null: return "empty (null)"
        case .bool: return "true/false"
        case .number: return "a number"
        case .string: return "text"
        case .list: return "a list"
        case .object: return "a group of fields"
        }
    }

    /// Formats a double the way JSON writes it: integers (within an `Int64`) without a decimal
    /// point or an exponent.
    public static func formatNumber(_ value: Double) -> String {
        if let whole = Int64(exactly: value) { return String(whole) }
        return String(value)
    }
}

/// A line and column in a source file, both counted from 1.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// An object of a case file: keys in file order, each with its value and the key's position.
public struct CaseObject: Sendable, Equatable {
    /// One key and its value.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var keyPosition: SourcePosition?
        public var value: CaseValue
    }

    /// The entries in file order.
    public private(set) var entries: [Entry] = []
    /// The position of each key, kept only once the object has more than `linearSearchLimit`
    /// keys: below that, comparing a few short keys costs less than hashing one.
    private var index: [String: Int]?
    private static let linearSearchLimit = 8

    public init() {}

    /// The keys in file order.
    public var keys: [String] { entries.map(\.key) }

    /// Whether the object has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// The value under `key`; setting replaces it in place or appends it.
    public subscript(key: String) -> CaseValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue { entries[position].value = newValue } else { remove(at: position) }
            } else if let newValue {
                append(key: key, keyPosition: nil, value: newValue)
            }
        }
    }

    /// The entry under `key`, with its position.
    public func entry(_ key: String) -> Entry? { position(of: key).map { entries[$0] } }

    /// Changes the value under `key` in place, appending `make()` first when the key is missing.
    /// Unlike reading the value, changing it and setting it back, this never copies the value.
    public mutating func modify<Result>(_ key: String, default make: () -> CaseValue, _ body: (inout CaseValue) -> Result) -> Result {
        let position = position(of: key) ?? {
            append(key: key, keyPosition: nil, value: make())
            return entries.count - 1
        }()
        return body(&entries[position].value)
    }

    /// Appends a key. Returns false (and changes nothing) when the key is already present.
    @discardableResult
    public mutating func append(key: String, keyPosition: SourcePosition?, value: CaseValue) -> Bool {
        guard position(of: key) == nil else { return false }
        index?[key] = entries.count
        entries.append(Entry(key: key, keyPosition: keyPosition, value: value))
        if index == nil, entries.count > Self.linearSearchLimit { reindex() }
        return true
    }

    private mutating func remove(at position: Int) {
        entries.remove(at: position)
        if index != nil { reindex() }
    }

    private mutating func reindex() {
        var index: [String: Int] = [:]
        for (offset, entry) in entries.enumerated() { index[entry.key] = offset }
        self.index = index
    }

    public static func == (lhs: CaseObject, rhs: CaseObject) -> Bool { lhs.entries == rhs.entries }
}
