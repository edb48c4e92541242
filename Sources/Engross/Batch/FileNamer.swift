import CaseData
import Foundation
import Templating

/// Output file names from a pattern such as `{client.lastName}-{client.firstName}`: safe on every
/// file system, unique within a batch (a second "Doe-Jane" becomes "Doe-Jane-2"), and never the
/// name of a file the batch itself writes (`combined`, `report`).
public struct FileNamer {
    private enum Piece {
        case text(String)
        case path(FieldPath)
    }

    private let pieces: [Piece]
    /// Names given so far, lower-cased; the names of the batch's own files are taken from the start.
    private var used: Set<String> = FileNamer.batchNames

    /// A namer for `pattern`; nil pattern names files by record number (000001, 000002, …).
    public init(pattern: String?) throws(BatchInputError) {
        guard let pattern else {
            pieces = []
            return
        }
        var pieces: [Piece] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}"),
                let path = CSVRecords.parsePath(String(rest[rest.index(after: open)..<close]))
            else {
                throw BatchInputError(file: "--name", "\"\(pattern)\" is not a name pattern; write field paths in braces, e.g. {client.fullName} or {caseNumber}-{client.fullName}")
            }
            pieces.append(.path(path))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// The paths of the pattern that `template` does not declare.
    public func undeclaredPaths(in template: Template) -> [FieldPath] {
        paths.filter { CSVRecords.declaration(for: $0, in: template.fields) == nil }
    }

    /// The field paths the pattern reads.
    public var paths: [FieldPath] {
        pieces.compactMap { if case .path(let path) = $0 { return path } else { return nil } }
    }

    /// The file name (without extension) for a record: from the pattern; without one, the case
    /// file's own name (folder inputs) or the record number.
    public mutating func name(for record: BatchRecord) -> String {
        var name = ""
        if let data = record.data {
            for piece in pieces {
                switch piece {
                case .text(let text): name += text
                case .path(let path):
                    switch data.value(at: path)?.kind {
                    case .string(let text)?: name += text
                    case .number(_, let literal)?: name += literal
                    default: break
                    }
                }
            }
        }
        var safe = Self.sanitize(name)
        if safe.isEmpty, pieces.isEmpty, let suggested = record.suggestedName { safe = Self.sanitize(suggested) }
        if safe.isEmpty { safe = Self.numbered(record.number) }
        var candidate = safe
        var copy = 2
        while used.contains(candidate.lowercased()) {
            candidate = "\(safe)-\(copy)"
            copy += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    static func numbered(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The names of the files a batch writes beside the documents (`combined.pdf`, `report.csv`,
    /// `report.journal.jsonl`): a document named so would be overwritten, or listed in the ledger
    /// as one client's letter while the file holds every client's. A record that would get one of
    /// them gets the next free name instead ("combined-2").
    static let batchNames: Set<String> = ["combined", "report", "report.journal"]

    private static let reserved: Set<String> = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]

    /// A name safe on Windows, macOS and Linux: letters and digits of any script (composed), with
    /// other characters as "-", no leading or trailing dots or dashes, no reserved device names,
    /// at most 100 bytes.
    static func sanitize(_ text: String) -> String {
        var result = ""
        var lastWasDash = false
        for character in text.precomposedStringWithCanonicalMapping {
            if character.isLetter || character.isNumber || character == "_" || character == "." {
                result.append(character)
                lastWasDash = false
            } else if !lastWasDash {
                result.append("-")
                lastWasDash = true
            }
        }
        result = result.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        while result.utf8.count > 100 { result.removeLast() }
        if reserved.contains(result.lowercased()) { result = "_" + result }
        return result
    }
}
