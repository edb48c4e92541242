import CaseData
import Foundation

/// The formatting helpers legal letters need: dates, numbers in words, money, identifiers.
public enum Formatters {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// "March 4, 2025".
    public static func longDate(_ date: CivilDate) -> String {
        "\(monthNames[date.month - 1]) \(date.day), \(date.year)"
    }

    /// "03/04/2025", as USCIS forms write dates.
    public static func formDate(_ date: CivilDate) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(pad(date.month))/\(pad(date.day))/\(date.year)"
    }

    private static let ones = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    private static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// The names of the powers of a thousand, up to the largest an `Int64` reaches.
    private static let scales: [(UInt64, String)] = [
        (1_000_000_000_000_000_000, "quintillion"), (1_000_000_000_000_000, "quadrillion"),
        (1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"),
    ]

    /// A whole number in words: 2 → "two", 42 → "forty-two", 1250 → "one thousand two hundred fifty".
    public static func words(_ number: Int) -> String {
        number < 0 ? "minus " + words(magnitude: UInt64(number.magnitude)) : words(magnitude: UInt64(number.magnitude))
    }

    private static func words(magnitude number: UInt64) -> String {
        if number < 20 { return ones[Int(number)] }
        if number < 100 {
            return tens[Int(number / 10)] + (number % 10 == 0 ? "" : "-" + ones[Int(number % 10)])
        }
        if number < 1000 {
            return ones[Int(number / 100)] + " hundred" + (number % 100 == 0 ? "" : " " + words(magnitude: number % 100))
        }
        let (scale, name) = scales.first { number >= $0.0 }!
        return words(magnitude: number / scale) + " \(name)" + (number % scale == 0 ? "" : " " + words(magnitude: number % scale))
    }

    /// "two (2)", as legal documents write counts.
    public static func numberWords(_ number: Int) -> String { "\(words(number)) (\(grouped(number)))" }

    /// Digits with thousands separators: 1250 → "1,250".
    public static func grouped(_ number: Int) -> String {
        (number < 0 ? "-" : "") + grouped(digits: String(number.magnitude))
    }

    /// A string of digits with thousands separators: "1250" → "1,250".
    static func grouped(digits: String) -> String {
        var result = ""
        let count = digits.utf8.count
        for (offset, byte) in digits.utf8.enumerated() {
            if offset > 0, (count - offset) % 3 == 0 { result += "," }
            result.unicodeScalars.append(Unicode.Scalar(byte))
        }
        return result
    }

    /// A whole number computed by an expression, with thousands separators; numbers beyond an
    /// `Int64` get all their digits too ("1e+20" is not how a document writes a number).
    static func grouped(whole number: Double) -> String {
        if let exact = Int(exactly: number) { return grouped(exact) }
        return (number < 0 ? "-" : "") + grouped(digits: String(format: "%.0f", number.magnitude))
    }

    /// "$1,250.00" for 125000 cents.
    public static func money(cents: Int64) -> String {
        let whole = cents.magnitude / 100, fraction = cents.magnitude % 100
        return (cents < 0 ? "-" : "") + "$" + grouped(digits: String(whole)) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// "$1,250.00" for an amount computed by an expression. Rounds to the cent.
    public static func money(_ amount: Double) -> String {
        if let cents = Int64(exactly: (amount * 100).rounded()) { return money(cents: cents) }
        let digits = String(format: "%.2f", amount.magnitude)
        return (amount < 0 ? "-" : "") + "$" + grouped(digits: String(digits.dropLast(3))) + String(digits.suffix(3))
    }

    /// The largest amount of money a `money` field holds: Int64.max cents, $92,233,720,368,547,758.07.
    public static let largestMoney = money(cents: .max)
    /// The smallest amount of money a `money` field holds: -$92,233,720,368,547,758.08.
    public static let smallestMoney = money(cents: .min)

    /// An amount of money written as text, in cents: an optional `-`, an optional `$` (the `-`
    /// may also follow it), digits with optional commas, and at most two decimals; surrounding
    /// spaces are ignored. "$1,250.50" → 125050.
    public static func moneyCents(_ text: String) -> ExactNumber.Reading {
        var bytes = Substring(text.trimmingCharacters(in: .whitespaces)).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "$") { bytes = bytes.dropFirst() }
        if !negative, bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        // Digits and commas, then at most one point followed by one or two digits.
        guard let first = bytes.first, (0x30...0x39).contains(first) else { return .notANumber }
        var numeral = negative ? "-" : ""
        var decimals: Int?
        for byte in bytes {
            switch byte {
            case 0x30...0x39:
                if let count = decimals { decimals = count + 1 }
                numeral.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: ",") where decimals == nil: continue
            case UInt8(ascii: ".") where decimals == nil:
                decimals = 0
                numeral += "."
            default: return .notANumber
            }
        }
        if let decimals, decimals == 0 || decimals > 2 { return decimals == 0 ? .notANumber : .fractional }
        return ExactNumber.read(numeral, scale: 2)
    }

    /// The cents of a money value: a number (read exactly from its literal) or text such as
    /// "$1,250.50".
    public static func moneyCents(of value: CaseValue) -> ExactNumber.Reading {
        switch value.kind {
        case .number(_, let literal): return ExactNumber.read(literal, scale: 2)
        case .string(let text): return moneyCents(text)
        default: return .notANumber
        }
    }

    /// A money amount read from text such as "$1,250.50", in dollars; nil when it is not one.
    public static func moneyAmount(_ text: String) -> Double? {
        guard case .value(let cents) = moneyCents(text) else { return nil }
        return Double(cents) / 100
    }

    /// The digits of an A-number, zero-padded to nine: "A12345678" → "012345678".
    public static func aNumberDigits(_ text: String) -> String? {
        // Bytes, not Characters: everything an A-number may hold is ASCII.
        var digits = ""
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x41 where offset == 0, 0x61 where offset == 0: break  // a leading "A" or "a"
            case 0x2D, 0x20, 0x23: break  // "-", " ", "#"
            case 0x30...0x39: digits.unicodeScalars.append(Unicode.Scalar(byte))
            default: return nil
            }
        }
        guard (8...9).contains(digits.utf8.count) else { return nil }
        return String(repeating: "0", count: 9 - digits.utf8.count) + digits
    }

    /// "A012-345-678".
    public static func aNumber(_ digits: String) -> String {
        let characters = Array(digits)
        return "A" + String(characters[0..<3]) + "-" + String(characters[3..<6]) + "-" + String(characters[6..<9])
    }

    /// A receipt number without spaces or dashes, upper-cased: "EAC1234567890"; nil when it is not
    /// three letters and ten digits.
    public static func receiptNumber(_ text: String) -> String? {
        let compact = text.uppercased().filter { $0 != "-" && $0 != " " }
        let characters = Array(compact)
        guard characters.count == 13, characters[0..<3].allSatisfy({ $0.isASCII && $0.isLetter }),
            characters[3...].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return compact
    }

    /// The digits of a phone number; nil unless it has 10 digits (11 starting with 1) or is an
    /// international number written with "+" and 8 to 15 digits.
    public static func phoneDigits(_ text: String) -> String? {
        // Bytes, not Characters: every character allowed is ASCII (digits and " -().+/").
        var digits = ""
        var international: Bool?
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39: digits.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x20, 0x2D, 0x28, 0x29, 0x2E, 0x2F: break
            case 0x2B: international = international ?? true
            default: return nil
            }
            if byte != 0x20 { international = international ?? false }
        }
        if international == true {
            if digits.utf8.count == 11, digits.hasPrefix("1") { return String(digits.dropFirst()) }
            return (8...15).contains(digits.utf8.count) ? "+" + digits : nil
        }
        if digits.utf8.count == 11, digits.hasPrefix("1") { return String(digits.dropFirst()) }
        return digits.utf8.count == 10 ? digits : nil
    }

    /// "(555) 010-0123" for U.S. numbers, with a no-break space so that a line never breaks
    /// inside the number; international numbers as "+" and digits.
    public static func phone(_ digits: String) -> String {
        guard !digits.hasPrefix("+") else { return digits }
        let d = Array(digits.utf8)  // ten ASCII digits
        func part(_ range: Range<Int>) -> String { String(decoding: d[range], as: UTF8.self) }
        return "(" + part(0..<3) + ")\u{00A0}" + part(3..<6) + "-" + part(6..<10)
    }

    /// Initials: "Jane Q. Doe" → "J. Q. D.".
    public static func initials(_ text: String) -> String {
        if let ascii = asciiInitials(text) { return ascii }
        return text.split(whereSeparator: { $0.isWhitespace || $0 == "-" })
            .compactMap { $0.first(where: \.isLetter).map { "\($0.uppercased())." } }
            .joined(separator: " ")
    }

    /// `initials` of ASCII text, a byte at a time (it runs for every sensitive value a document
    /// shows); nil when the text is not all ASCII.
    private static func asciiInitials(_ text: String) -> String? {
        var result = ""
        var atWordStart = true
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case 0x09...0x0D, 0x20, 0x2D: atWordStart = true
            case 0x41...0x5A, 0x61...0x7A where atWordStart:
                if !result.isEmpty { result += " " }
                result.unicodeScalars.append(Unicode.Scalar(byte & 0xDF))  // upper case
                result += "."
                atWordStart = false
            default: break
            }
        }
        return result
    }

    /// "•••••6789": the letters and digits of `text` with all but the last four masked. At least
    /// four are always masked, so a short value shows fewer: "7731" → "••••", "AB731" → "••••1".
    public static func lastFour(_ text: String) -> String {
        let compact = text.filter { $0.isLetter || $0.isNumber }
        let shown = min(4, max(0, compact.count - 4))
        return String(repeating: "•", count: compact.count - shown) + compact.suffix(shown)
    }

    /// `text` with its first letter upper-cased.
    public static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
