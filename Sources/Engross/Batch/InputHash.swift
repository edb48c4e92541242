import CaseData

/// FNV-1a, 64 bits, fed piece by piece: the same in every run (Swift's `Hasher` is seeded anew in
/// each process), and enough to tell whether a batch record changed since the last run.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Feeds `number`'s eight bytes, least significant first.
    mutating func combine(_ number: Int) {
        var rest = UInt64(UInt(bitPattern: number))
        for _ in 0..<8 {
            combine(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }

    /// Feeds the length of `text`, then its UTF-8 bytes, so that ("ab", "c") and ("a", "bc") differ.
    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            combine(bytes.count)
            for byte in bytes { combine(byte) }
        }
    }

    /// Feeds a case value in one canonical form: a tag for its kind, then its contents (the count
    /// of a list's items or an object's keys first, keys in their order). Positions are left out:
    /// a record that only moved to another line has not changed.
    mutating func combine(_ value: CaseValue) {
        switch value.kind {
        case .null:
            combine(0 as UInt8)
        case .bool(let flag):
            combine(1 as UInt8)
            combine(UInt8(flag ? 1 : 0))
        case .number(_, let literal):
            combine(2 as UInt8)
            combine(literal)
        case .string(let text):
            combine(3 as UInt8)
            combine(text)
        case .list(let items):
            combine(4 as UInt8)
            combine(items.count)
            for item in items { combine(item) }
        case .object(let object):
            combine(5 as UInt8)
            combine(object.entries.count)
            for entry in object.entries {
                combine(entry.key)
                combine(entry.value)
            }
        }
    }

    /// The hash as 16 hexadecimal digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
