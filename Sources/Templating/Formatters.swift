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

    /// A whole number in words: 2 → "two", 42 → "forty-two", 1250 → "one thousand two hundred fifty".
    public static func words(_ number: Int) -> String {
        if number < 0 { return "minus " + words(-number) }
        if number < 20 { return ones[number] }
        if number < 100 {
            return tens[number / 10] + (number % 10 == 0 ? "" : "-" + ones[number % 10])
        }
        if number < 1000 {
            return ones[number / 100] + " hundred" + (number % 100 == 0 ? "" : " " + words(number % 100))
        }
        for (scale, name) in [(1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")] where number >= scale {
            return words(number / scale) + " \(name)" + (number % scale == 0 ? "" : " " + words(number % scale))
        }
        return String(number)
    }

    /// "two (2)", as legal documents write counts.
    public static func numberWords(_ number: Int) -> String { "\(words(number)) (\(grouped(number)))" }

    /// Digits with thousands separators: 1250 → "1,250".
    public static func grouped(_ number: Int) -> String {
        let digits = String(abs(number))
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result += "," }
            result.append(character)
        }
        return (number < 0 ? "-" : "") + result
    }

    /// "$1,250.00". Rounds to the cent.
    public static func money(_ amount: Double) -> String {
        let cents = Int((abs(amount) * 100).rounded())
        let fraction = cents % 100
        return (amount < 0 ? "-" : "") + "$" + grouped(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A money amount read from a case value: a number, or text such as "$1,250.50".
    public static func moneyAmount(_ text: String) -> Double? {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        if cleaned.hasPrefix("$") { cleaned.removeFirst() }
        cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            cleaned.split(separator: ".", omittingEmptySubsequences: false).count <= 2,
            let value = Double(cleaned)
        else { return nil }
        if let dot = cleaned.firstIndex(of: "."), cleaned[cleaned.index(after: dot)...].count > 2 { return nil }
        return value
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
