/// A first form template for a blank: one case field per fillable PDF field and an element
/// mapping every PDF field, in the template vocabulary (`kind="form"`), for an author to rename,
/// label and tighten. `engross form-fields BLANK --skeleton ID` prints it.
///
/// ```swift
/// let blank = try BlankForm(path: "Forms/i-914.pdf")
/// print(FormSkeleton(blank: blank, id: "forms/i-914", blankName: "i-914.pdf").xml)
/// ```
public struct FormSkeleton: Sendable {
    public let blank: BlankForm
    /// The template id, e.g. `forms/i-914`.
    public let id: String
    /// The blank's file name as the template names it (`blank="…"`), without folders.
    public let blankName: String

    public init(blank: BlankForm, id: String, blankName: String) {
        self.blank = blank
        self.id = id
        self.blankName = blankName
    }

    /// One mapped PDF field: the case field it reads (nil for `<leave>`), and its place.
    struct Entry {
        var field: FormFieldInfo
        var caseName: String?
        var part: String?
        var item: String?
        var label: String
    }

    /// The template's XML text.
    public var xml: String {
        let entries = self.entries
        let edition = self.edition
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<!--",
            // No "--" may appear in an XML comment, so the option is not named here.
            "  A first template for \(comment(blankName)), written by `engross form-fields` from the blank: one",
            "  case field per field of the blank. Rename the fields, give them labels and types, mark the",
            "  sensitive ones, and join fields that hold parts of one value (names, addresses).",
            "-->",
            #"<template xmlns="urn:engross:template:1" id="\#(escape(id))" version="0.1.0" kind="form">"#,
            "  <meta>",
            "    <title>\(escape(edition.map { $0.components(separatedBy: " Edition").first ?? $0 } ?? blankName))</title>",
            "  </meta>",
            "  <fields>",
        ]
        for entry in entries {
            guard let caseName = entry.caseName else { continue }
            let label = #"label="\#(escape(entry.label))""#
            switch entry.field.kind {
            case .checkBox:
                lines.append(#"    <field name="\#(caseName)" type="boolean" \#(label)/>"#)
            case .radio, .comboBox, .listBox:
                lines.append(#"    <field name="\#(caseName)" type="choice" \#(label)>"#)
                for option in entry.field.options {
                    lines.append(#"      <option value="\#(escape(option))">\#(escape(option))</option>"#)
                }
                lines.append("    </field>")
            default:
                lines.append(#"    <field name="\#(caseName)" type="\#(Self.caseType(entry.field))" \#(label)/>"#)
            }
        }
        lines.append("  </fields>")
        // The edition is required: without one found, a placeholder the edition check will refuse.
        let editionText = edition ?? "the edition line printed on the form"
        lines.append(#"  <form blank="\#(escape(blankName))" edition="\#(escape(editionText))">"#)
        if edition == nil {
            lines.append("    <!-- No edition line found in the blank's text: put the form's own, e.g. the footer's \"Form I-000 Edition 11/29/26\". -->")
        }
        if let part = additionalInformationPart {
            lines.append(#"    <addendum part="\#(part)" title="Additional Information" see="See Part \#(part)"/>"#)
        } else {
            lines.append("    <!-- No \"Additional Information\" part found: add <addendum part=\"…\" title=\"…\" see=\"…\"/> for text that does not fit. -->")
        }
        for entry in entries {
            let name = #"field="\#(escape(entry.field.name))""#
            var place = ""
            if let part = entry.part { place += #" part="\#(part)""# }
            if let item = entry.item { place += #" item="\#(item)""# }
            guard let caseName = entry.caseName else {
                lines.append("    <leave \(name)/>")
                continue
            }
            switch entry.field.kind {
            case .text:
                // A date in the form's mm/dd/yyyy; an A-number's digits only (the form prints the "A-").
                let format = switch Self.caseType(entry.field) {
                case "date": #" format="form-date""#
                case "a-number": #" format="digits""#
                default: ""
                }
                lines.append(#"    <text \#(name) of="\#(caseName)"\#(format)\#(place)/>"#)
            case .checkBox:
                lines.append(#"    <check \#(name) when="\#(caseName)"/>"#)
            case .radio:
                lines.append(#"    <radio \#(name) of="\#(caseName)">"#)
                for option in entry.field.options {
                    lines.append(#"      <option value="\#(escape(option))" state="\#(escape(option))"/>"#)
                }
                lines.append("    </radio>")
            case .comboBox, .listBox:
                lines.append(#"    <choice \#(name) of="\#(caseName)"/>"#)
            case .pushButton, .signature:
                lines.append("    <leave \(name)/>")
            }
        }
        lines.append("  </form>")
        lines.append("</template>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fields in order with their case names (unique, camelCase) and USCIS part and item.
    var entries: [Entry] {
        var used: Set<String> = []
        return blank.fields.map { field in
            let place = Self.place(of: field.partialName)
            var entry = Entry(field: field, part: place.part, item: place.item, label: place.label)
            guard field.kind != .pushButton, field.kind != .signature else { return entry }
            let base = Self.camelCase(field.partialName)
            var name = base, counter = 2
            while !used.insert(name).inserted {
                name = base + String(counter)
                counter += 1
            }
            entry.caseName = name
            return entry
        }
    }

    /// The edition line of the blank's text ("Form I-914 Edition 01/20/25"), if any.
    var edition: String? {
        for page in [1, blank.pageCount] {
            for line in blank.text(ofPage: page).split(whereSeparator: \.isNewline) {
                guard let range = line.range(of: " Edition ") else { continue }
                let before = line[..<range.lowerBound].split(separator: " ").suffix(2)
                let after = line[range.upperBound...].split(separator: " ").first
                guard before.first == "Form", let after, after.allSatisfy({ $0.isNumber || $0 == "/" }) else { continue }
                return before.joined(separator: " ") + " Edition " + after
            }
        }
        return nil
    }

    /// The number of the part headed "Additional Information", if the blank has one.
    var additionalInformationPart: String? {
        for page in 1...max(1, blank.pageCount) {
            for line in blank.text(ofPage: page).split(whereSeparator: \.isNewline) where line.contains("Additional Information") {
                let words = line.split(separator: " ")
                if let index = words.firstIndex(of: "Part"), words.index(after: index) < words.endIndex {
                    let number = words[words.index(after: index)].filter(\.isNumber)
                    if !number.isEmpty { return String(number) }
                }
            }
        }
        return nil
    }

    /// The case field type a text field suggests by its name.
    static func caseType(_ field: FormFieldInfo) -> String {
        let name = field.partialName.lowercased()
        if name.contains("date") || name.contains("dob") { return "date" }
        if name.contains("aliennumber") || name.contains("anumber") { return "a-number" }
        if name.contains("email") { return "email" }
        if name.contains("phone") || name.contains("telephone") { return "phone" }
        return "text"
    }

    /// Part, item and a readable label from a USCIS-style partial name: `Pt1Line1a_FamilyName[0]`
    /// is part 1, item 1.a, "Family name"; other names give their own words.
    static func place(of partialName: String) -> (part: String?, item: String?, label: String) {
        let bare = partialName.split(separator: "[").first.map(String.init) ?? partialName
        let (head, tail): (Substring, Substring) = {
            guard let underscore = bare.firstIndex(of: "_") else { return ("", bare[...]) }
            return (bare[..<underscore], bare[bare.index(after: underscore)...])
        }()
        var part: String?, item: String?
        if head.hasPrefix("Pt"), let line = head.range(of: "Line") {
            let number = head[head.index(head.startIndex, offsetBy: 2)..<line.lowerBound]
            let itemText = head[line.upperBound...]
            if !number.isEmpty, number.allSatisfy(\.isNumber) { part = String(number) }
            let digits = itemText.prefix(while: \.isNumber), letters = itemText.drop(while: \.isNumber)
            if !digits.isEmpty { item = letters.isEmpty ? String(digits) : "\(digits).\(letters)" }
        }
        let words = splitWords(part == nil ? bare[...] : tail)
        var label = words.enumerated().map { $0.offset == 0 ? $0.element : $0.element.lowercased() }.joined(separator: " ")
        if label.isEmpty { label = bare }
        if let part { label = "Part \(part)" + (item.map { ", item \($0)" } ?? "") + ": " + label }
        return (part, item, label)
    }

    /// `pt1Line1aFamilyName` from `Pt1Line1a_FamilyName[0]`; `[1]` and later add their number.
    static func camelCase(_ partialName: String) -> String {
        let pieces = partialName.split(separator: "[")
        let bare = pieces.first.map(String.init) ?? partialName
        let index = pieces.dropFirst().first?.prefix(while: \.isNumber) ?? ""
        let words = bare.split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII })
        var name = words.enumerated().map { offset, word in
            offset == 0 ? word.prefix(1).lowercased() + word.dropFirst() : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
        if !index.isEmpty, index != "0" { name += index }
        if name.isEmpty || name.first!.isNumber || ["loop", "true", "false", "null", "and", "or", "not"].contains(name) {
            name = "field" + name.prefix(1).uppercased() + name.dropFirst()
        }
        return name
    }

    /// `Family`, `Name` from `FamilyName`; digits and letters kept in their runs.
    private static func splitWords(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if !(character.isLetter || character.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if character.isUppercase, let last = current.last, !last.isUppercase {
                words.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Text safe inside an XML comment: no "--" (nor a "-" before the closing "-->").
    private func comment(_ text: String) -> String {
        var result = text
        while result.contains("--") { result = result.replacingOccurrences(of: "--", with: "- -") }
        return result.hasSuffix("-") ? result + " " : result
    }

    private func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
