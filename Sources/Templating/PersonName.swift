/// A person's full name split into the parts official forms ask for: family name, given name and
/// middle names (the `family-name`, `given-name` and `middle-name` formats).
///
/// "Family, Given Middle" when the name has a comma: the family name is everything before the
/// first comma (so "García López, Ana María" keeps both family names). Without a comma the first
/// word is the given name, the last the family name and the words between are middle names. A
/// single word is a family name, as USCIS forms ask for a person with one name. Runs of spaces
/// count as one.
struct PersonName: Equatable {
    var family: String
    var given: String
    var middle: String

    init(family: String, given: String, middle: String) {
        self.family = family
        self.given = given
        self.middle = middle
    }

    init(_ fullName: String) {
        func words(_ text: Substring) -> [Substring] { text.split(whereSeparator: \.isWhitespace) }
        if let comma = fullName.firstIndex(of: ",") {
            let rest = words(fullName[fullName.index(after: comma)...].replacing(",", with: " ")[...])
            self.init(
                family: words(fullName[..<comma]).joined(separator: " "),
                given: rest.first.map(String.init) ?? "",
                middle: rest.dropFirst().joined(separator: " "))
            return
        }
        let all = words(fullName[...])
        guard all.count > 1 else {
            self.init(family: all.first.map(String.init) ?? "", given: "", middle: "")
            return
        }
        self.init(family: String(all.last!), given: String(all.first!), middle: all.dropFirst().dropLast().joined(separator: " "))
    }

    /// The names of the formats that pick a part.
    static let formats = ["family-name", "given-name", "middle-name"]

    /// The part a format names; nil for another format.
    func part(_ format: String) -> String? {
        switch format {
        case "family-name": return family
        case "given-name": return given
        case "middle-name": return middle
        default: return nil
        }
    }
}
