/// Exact readings of a number as it was written (a JSON or YAML literal, a CSV cell), for the
/// field types that must not lose a digit: whole numbers and money.
///
/// A `Double` holds whole numbers exactly only up to 2^53, so `integer` and `money` values are
/// read from their text instead: every whole number of an `Int64` stays exact
/// (9223372036854775807 prints as written), and money is a count of cents in an `Int64`.
public enum ExactNumber {
    /// What a numeral denotes, scaled to the unit asked for.
    public enum Reading: Sendable, Equatable {
        /// A whole number of units that fits an `Int64`.
        case value(Int64)
        /// A number with a part smaller than one unit (1.5 as a whole number, 1.005 as cents).
        case fractional
        /// A whole number of units beyond what an `Int64` holds.
        case tooLarge
        /// Not a numeral: an optional sign, digits with an optional fraction, an optional exponent.
        case notANumber
    }

    /// The largest whole number an `integer` field holds (2^63 − 1).
    public static let largestInteger = Int64.max
    /// The smallest whole number an `integer` field holds (−2^63).
    public static let smallestInteger = Int64.min

    /// The value of `numeral` times 10^`scale`, when that is a whole number within an `Int64`.
    ///
    /// `numeral` is an optional sign, digits with an optional `.` and fraction, and an optional
    /// exponent (`1e3`, `2.5E-1`): JSON's and YAML's numbers. `scale` is 0 for whole numbers and 2
    /// for cents.
    public static func read<Text: StringProtocol>(_ numeral: Text, scale: Int = 0) -> Reading {
        var digits: [UInt8] = []
        var fractionDigits = 0
        var negative = false
        var bytes = numeral.utf8.makeIterator()
        var byte = bytes.next()
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
            negative = byte == UInt8(ascii: "-")
            byte = bytes.next()
        }
        var sawDigit = false, sawPoint = false
        while let current = byte {
            if current >= 0x30, current <= 0x39 {
                sawDigit = true
                // Leading zeros add nothing; they are skipped so that the digit count means size.
                if !(digits.isEmpty && current == 0x30) { digits.append(current - 0x30) }
                if sawPoint { fractionDigits += 1 }
            } else if current == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            byte = bytes.next()
        }
        guard sawDigit else { return .notANumber }
        var exponent = 0
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = bytes.next()
            var negativeExponent = false
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                negativeExponent = byte == UInt8(ascii: "-")
                byte = bytes.next()
            }
            var sawExponentDigit = false
            while let current = byte, current >= 0x30, current <= 0x39 {
                sawExponentDigit = true
                // Past a million the answer no longer changes: too large, or zero, or fractional.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(current - 0x30) }
                byte = bytes.next()
            }
            guard sawExponentDigit else { return .notANumber }
            if negativeExponent { exponent = -exponent }
        }
        guard byte == nil else { return .notANumber }
        // A zero mantissa with its leading zeros skipped leaves no digits; fractional zeros
        // were counted, so drop them again through the shift below.
        var shift = exponent + scale - fractionDigits
        if shift < 0 {
            // The last -shift digits must be zeros for the value to be whole.
            while shift < 0, let last = digits.last {
                guard last == 0 else { return .fractional }
                digits.removeLast()
                shift += 1
            }
            shift = 0
        }
        if digits.isEmpty { return .value(0) }
        guard digits.count + shift <= 19 else { return .tooLarge }
        var magnitude: UInt64 = 0
        for digit in digits { magnitude = magnitude * 10 + UInt64(digit) }
        for _ in 0..<shift { magnitude *= 10 }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .tooLarge }
            return .value(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .tooLarge }
        return .value(Int64(magnitude))
    }
}

extension CaseValue {
    /// A number value that keeps `numeral` as its literal; nil when the text is not a numeral (an
    /// optional sign, digits with an optional fraction and exponent) or too large for a `Double`.
    public init?(numeral: String) {
        guard ExactNumber.read(numeral) != .notANumber, let value = Double(numeral), value.isFinite else { return nil }
        self.init(.number(value, literal: numeral))
    }

    /// The whole number this value holds exactly, read from its literal: nil unless it is a number
    /// written as a whole number within an `Int64`.
    public var exactInteger: Int64? {
        guard case .number(_, let literal) = kind, case .value(let whole) = ExactNumber.read(literal) else { return nil }
        return whole
    }
}
