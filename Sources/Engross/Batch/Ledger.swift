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

/// The ledger of a batch: report.csv and report.json in the output folder, one row per record.
public enum Ledger {
    public static let csvName = "report.csv"
    public static let jsonName = "report.json"

    /// Writes both reports atomically, entries in record order.
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
            // The fields of a record in a fixed order, one record a line.
            text += "    {\"record\":" + String(entry.record)
            text += ",\"file\":" + CaseValue.quoted(entry.file)
            text += ",\"line\":" + (entry.line.map(String.init) ?? "null")
            text += ",\"status\":" + CaseValue.quoted(entry.status.rawValue)
            text += ",\"outputs\":[" + entry.outputs.map(CaseValue.quoted).joined(separator: ",") + "]"
            text += ",\"inputHash\":" + CaseValue.quoted(entry.inputHash)
            text += ",\"diagnostics\":" + CaseValue.list(entry.diagnostics.map(\.json)).jsonText(pretty: false)
            text += ",\"failure\":" + (entry.failure.map(CaseValue.quoted) ?? "null") + "}"
            text += index == entries.count - 1 ? "\n" : ",\n"
        }
        return text + "  ]\n}\n"
    }

    /// The records an earlier run of the same batch rendered: record number → (hash, outputs).
    public static func previous(in folder: String) -> [Int: (hash: String, outputs: [String])] {
        guard let value = try? CaseFile.load(path: folder + "/" + jsonName),
            let records = value.objectValue?["records"]?.listValue
        else { return [:] }
        var result: [Int: (String, [String])] = [:]
        for record in records {
            guard let object = record.objectValue, case .number(let number, _)? = object["record"]?.kind,
                let status = object["status"]?.stringValue, status == "rendered" || status == "skipped",
                let hash = object["inputHash"]?.stringValue
            else { continue }
            result[Int(number)] = (hash, object["outputs"]?.listValue?.compactMap(\.stringValue) ?? [])
        }
        return result
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
