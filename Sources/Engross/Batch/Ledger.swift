import CaseData
import Foundation
import Templating

/// What happened to one record of a batch.
public struct LedgerEntry: Sendable {
    public enum Status: String, Sendable {
        case rendered, invalid, failed, skipped
    }

    public var record: Int
    public var file: String
    public var line: Int?
    public var status: Status
    /// Output files, relative to the output folder.
    public var outputs: [String]
    /// A hash of the record's data, the template and the formats, for --resume.
    public var inputHash: String
    /// Problems, never holding a sensitive value.
    public var diagnostics: [Diagnostic]
    /// Why rendering failed, for `failed` records.
    public var failure: String?
}

/// The ledger of a batch: report.csv and report.json in the output folder, one row per record,
/// written when the batch ends; while it runs, `LedgerJournal` records each record as it finishes.
public enum Ledger {
    public static let csvName = "report.csv"
    public static let jsonName = "report.json"

    /// Writes both reports atomically, entries in record order (then, in a batch, the journal
    /// that held them is removed).
    public static func write(_ entries: [LedgerEntry], to folder: String) throws(AtomicFile.WriteError) {
        let sorted = entries.sorted { $0.record < $1.record }
        try AtomicFile.write(Array(csv(sorted).utf8), to: folder + "/" + csvName)
        try AtomicFile.write(Array(json(sorted).utf8), to: folder + "/" + jsonName)
    }

    /// A diagnostic in one line of the CSV report, printable (see `Diagnostic.printable`).
    static func describe(_ diagnostic: Diagnostic) -> String {
        let diagnostic = diagnostic.printable
        var text = diagnostic.path.isEmpty ? "" : diagnostic.path
        if let label = diagnostic.label { text += text.isEmpty ? label : " (\(label))" }
        return (text.isEmpty ? "" : text + ": ") + "\(diagnostic.message) [\(diagnostic.code.rawValue)]"
    }

    static func csv(_ entries: [LedgerEntry]) -> String {
        var text = "record,file,line,status,outputs,input_hash,problems\r\n"
        text.reserveCapacity(entries.count * 96)
        for entry in entries {
            let problems = entry.diagnostics.map(describe) + (entry.failure.map { [$0] } ?? [])
            text += String(entry.record)
            for value in [entry.file, entry.line.map(String.init) ?? "", entry.status.rawValue, entry.outputs.joined(separator: "; "),
                entry.inputHash, problems.joined(separator: " | ")]
            {
                text += ","
                text += cell(value)
            }
            text += "\r\n"
        }
        return text
    }

    /// A CSV cell, quoted when needed, and never one a spreadsheet would run as a formula.
    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.utf8.first, "=+-@\t\r".utf8.contains(first) { value = "'" + value }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The JSON report, written a record at a time (a tree of 100,000 records would cost more
    /// memory than the batch itself).
    static func json(_ entries: [LedgerEntry]) -> String {
        var text = "{\n  \"records\": [\n"
        text.reserveCapacity(entries.count * 160)
        for (index, entry) in entries.enumerated() {
            text += "    " + jsonLine(entry)
            text += index == entries.count - 1 ? "\n" : ",\n"
        }
        return text + "  ]\n}\n"
    }

    /// One record as a JSON object on one line, its fields in a fixed order: a line of
    /// report.json, and of the journal.
    static func jsonLine(_ entry: LedgerEntry) -> String {
        // Appended piece by piece into one string: it is built for every record of a batch.
        var text = "{\"record\":"
        text.reserveCapacity(entry.file.utf8.count + 160)
        text += String(entry.record)
        text += ",\"file\":"
        text += CaseValue.quoted(entry.file)
        text += ",\"line\":"
        text += entry.line.map(String.init) ?? "null"
        text += ",\"status\":\""
        text += entry.status.rawValue  // plain letters
        text += "\",\"outputs\":["
        for (index, output) in entry.outputs.enumerated() {
            if index > 0 { text += "," }
            text += CaseValue.quoted(output)
        }
        text += "],\"inputHash\":\""
        text += entry.inputHash  // hex digits
        text += "\",\"diagnostics\":"
        text += entry.diagnostics.isEmpty ? "[]" : CaseValue.list(entry.diagnostics.map(\.json)).jsonText(pretty: false)
        text += ",\"failure\":"
        text += entry.failure.map(CaseValue.quoted) ?? "null"
        text += "}"
        return text
    }

    /// What an earlier run of a batch left in its folder, for --resume.
    public struct Previous: Sendable {
        /// The records it rendered (or skipped as rendered before): record number → input hash and outputs.
        public var records: [Int: Done] = [:]
        /// Entries that were ignored (a ledger edited by hand, or cut short), each naming the file
        /// and line; their records are rendered again.
        public var warnings: [String] = []

        public struct Done: Sendable, Equatable {
            public var hash: String
            public var outputs: [String]
            /// Where the record came from, as the earlier ledger says.
            public var file: String
            public var line: Int?
        }

        /// The records, as ledger entries (status rendered), in record order.
        var entries: [LedgerEntry] {
            records.keys.sorted().map { number in
                let done = records[number]!
                return LedgerEntry(record: number, file: done.file, line: done.line, status: .rendered, outputs: done.outputs,
                    inputHash: done.hash, diagnostics: [], failure: nil)
            }
        }
    }

    /// The records an earlier run rendered, from its report.json and from the journal of a run
    /// that did not finish (which is newer, and wins). Neither file is trusted: an entry with a
    /// record number that is not a whole number from 1 up, or outputs that are not plain file
    /// names, is ignored with a warning, and its record rendered again.
    public static func previous(in folder: String) -> Previous {
        var previous = Previous()
        let report = folder + "/" + jsonName
        if FileManager.default.fileExists(atPath: report) {
            do {
                let value = try CaseFile.load(path: report)
                if let records = value.objectValue?["records"]?.listValue {
                    for record in records { take(record, from: report, line: record.position?.line, into: &previous) }
                } else {
                    previous.warnings.append("\(report): holds no list of records; every record is rendered again")
                }
            } catch {
                previous.warnings.append("\(error.description); every record it lists is rendered again")
            }
        }
        let journal = folder + "/" + LedgerJournal.name
        if let reader = LineReader(path: journal) {
            while let (line, number) = reader.nextLine() {
                guard !line.isEmpty else { continue }
                guard let value = try? JSONCaseParser.parse(line, file: journal) else {
                    // A line cut short by a crash is expected at the end; say so only once.
                    previous.warnings.append("\(journal):\(number): not a whole record (the run was cut short?); it is rendered again")
                    continue
                }
                take(value, from: journal, line: number, into: &previous)
            }
        }
        return previous
    }

    /// Records one entry of an earlier ledger in `previous`, when it is whole and sound.
    private static func take(_ value: CaseValue, from file: String, line: Int?, into previous: inout Previous) {
        let place = file + (line.map { ":\($0)" } ?? "")
        guard let object = value.objectValue, let status = object["status"]?.stringValue else {
            previous.warnings.append("\(place): not a record of a ledger; ignored")
            return
        }
        guard let record = recordNumber(object["record"]) else {
            previous.warnings.append("\(place): \"record\" is not a record number (a whole number from 1 up); that entry is ignored")
            return
        }
        // A later entry for the same record wins, whatever its status.
        guard status == "rendered" || status == "skipped" else {
            previous.records[record] = nil
            return
        }
        guard let hash = object["inputHash"]?.stringValue, isHash(hash),
            let outputs = object["outputs"]?.listValue?.compactMap(\.stringValue),
            outputs.count == object["outputs"]?.listValue?.count, outputs.allSatisfy(isPlainFileName)
        else {
            previous.warnings.append("\(place): record \(record) has no input hash or outputs that are plain file names; it is rendered again")
            return
        }
        previous.records[record] = .init(hash: hash, outputs: outputs, file: object["file"]?.stringValue ?? "", line: recordNumber(object["line"]))
    }

    /// A record number as an earlier ledger holds it: a whole number from 1 to 2^53 (beyond,
    /// a JSON number is not exact, and no batch has so many records).
    static func recordNumber(_ value: CaseValue?) -> Int? {
        guard case .number(let number, _)? = value?.kind, number >= 1, number <= 9_007_199_254_740_992, number.rounded() == number
        else { return nil }
        return Int(number)
    }

    /// Whether `text` can be an input hash: 1 to 64 hexadecimal digits.
    static func isHash(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
    }

    /// Whether `name` is a file name of the output folder itself: no folder, no "..".
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(0x2F) && !name.utf8.contains(0)
    }

    /// The input hash of a record, for --resume: its data (nil for a record that could not be
    /// read) and `salt` (the template's id and version, and the formats), so that a change to any
    /// of them renders the record again. FNV-1a over the data's canonical form, without building
    /// its JSON text.
    static func inputHash(of data: CaseValue?, salt: String) -> String {
        var hasher = FNV1a()
        hasher.combine(salt)
        if let data { hasher.combine(data) } else { hasher.combine(0xFF as UInt8) }
        return hasher.hex
    }
}
