/// The fields of a submitted form (`application/x-www-form-urlencoded`), in order.
public struct FormBody: Sendable {
    /// Every name and value, in the order the browser sent them.
    public var pairs: [(name: String, value: String)]

    /// Parses a form body; `nil` when it is not valid percent-encoded UTF-8.
    public init?(_ bytes: some Collection<UInt8>) {
        var pairs: [(String, String)] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let rawName = piece[piece.startIndex..<(equals ?? piece.endIndex)]
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? piece[piece.endIndex...]
            guard let name = Self.decode(rawName), let value = Self.decode(rawValue) else { return nil }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    public init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// The last value sent under `name` (a checkbox's hidden "false" comes before its "true").
    public func last(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Every value sent under `name`.
    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// `+` as space, `%XX` as a byte; the bytes must be UTF-8.
    private static func decode(_ raw: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var iterator = raw.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
