import CaseData
import Foundation
import Templating
import TextSafety

/// One record of a batch input: a case, or why it could not be read.
public struct BatchRecord: Sendable {
    /// The record's number, counting from 1 in input order.
    public var number: Int
    /// Where the record starts: the input file (or the case file, for a folder) and line.
    public var file: String
    public var line: Int?
    /// The case data, when the record could be read.
    public var data: CaseValue?
    /// Problems found while reading the record (a malformed JSON line, a cell that does not convert).
    public var readProblems: [Diagnostic]
    /// For a CSV row: the column number of each field path, so messages can name the cell.
    public var columns: [String: Int]?
    /// A file name the record suggests when no --name pattern is given (a case file's own name).
    public var suggestedName: String?

    public init(number: Int, file: String, line: Int?, data: CaseValue?, readProblems: [Diagnostic] = []) {
        self.number = number
        self.file = file
        self.line = line
        self.data = data
        self.readProblems = readProblems
    }
}

/// A batch input read one record at a time, so that a large input never sits in memory whole.
public protocol RecordSource {
    /// The next record, or nil at the end.
    mutating func next() throws(BatchInputError) -> BatchRecord?
    /// How many records there are, or an upper bound, when cheap to know (for progress).
    var estimatedCount: Int? { get }
}

/// An input that cannot be read at all.
public struct BatchInputError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, printable: control characters escaped, cut to 1,000 characters.
    public var description: String {
        TextSafety.forMessage(file, limit: 1_000) + (line.map { ":\($0)" } ?? "") + ": error: " + TextSafety.forMessage(message, limit: 1_000)
    }
}

/// Opens a batch input by its kind: a folder of case files, a CSV file, a JSON Lines file
/// (.jsonl, .ndjson) or a JSON array (.json).
public enum BatchInput {
    public static func open(_ path: String, template: Template) throws(BatchInputError) -> any RecordSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BatchInputError(file: path, "no such file or folder")
        }
        if isDirectory.boolValue { return try FolderRecords(path) }
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return try CSVRecords(path, template: template)
        case "jsonl", "ndjson": return try JSONLinesRecords(path)
        case "json": return try JSONArrayRecords(path)
        default:
            throw BatchInputError(file: path, "cannot tell the kind of input; use a .csv, .jsonl or .json file, or a folder of case files")
        }
    }

    /// The number of lines in a file: a cheap upper bound on its records, for progress.
    static func lineCount(_ path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var count = 0
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            count += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        return count
    }
}

/// Every case file (.json, .yaml, .yml) directly in a folder, in name order.
struct FolderRecords: RecordSource {
    private let files: [String]
    private var index = 0

    init(_ folder: String) throws(BatchInputError) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw BatchInputError(file: folder, "cannot read the folder")
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        files = names.filter { CaseFile.format(of: $0) != nil && !$0.hasPrefix(".") }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }.map { "\(base)/\($0)" }
        guard !files.isEmpty else { throw BatchInputError(file: folder, "the folder holds no case files (.json, .yaml or .yml)") }
    }

    var estimatedCount: Int? { files.count }

    mutating func next() throws(BatchInputError) -> BatchRecord? {
        guard index < files.count else { return nil }
        let file = files[index]
        index += 1
        do {
            var record = BatchRecord(number: index, file: file, line: 1, data: try CaseFile.load(path: file))
            record.suggestedName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            return record
        } catch {
            return BatchRecord(number: index, file: file, line: error.position?.line, data: nil,
                readProblems: [Diagnostic(.error, .unreadable, path: "", label: nil, message: error.message, file: file, position: error.position)])
        }
    }
}

/// One JSON case per line.
struct JSONLinesRecords: RecordSource {
    private let path: String
    private let reader: LineReader
    private var number = 0
    let estimatedCount: Int?

    init(_ path: String) throws(BatchInputError) {
        guard let reader = LineReader(path: path) else { throw BatchInputError(file: path, "cannot read the file") }
        self.path = path
        self.reader = reader
        estimatedCount = BatchInput.lineCount(path)
    }

    mutating func next() throws(BatchInputError) -> BatchRecord? {
        while let (line, lineNumber) = reader.nextLine() {
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
            number += 1
            do {
                var value = try JSONCaseParser.parse(line, file: path)
                value.shiftLines(by: lineNumber - 1)
                return BatchRecord(number: number, file: path, line: lineNumber, data: value)
            } catch {
                let position = error.position.map { SourcePosition(line: lineNumber, column: $0.column) }
                return BatchRecord(number: number, file: path, line: lineNumber, data: nil,
                    readProblems: [Diagnostic(.error, .unreadable, path: "", label: nil, message: error.message, file: path, position: position)])
            }
        }
        return nil
    }
}

/// A JSON array of cases (read whole: use JSON Lines or CSV for very large inputs).
struct JSONArrayRecords: RecordSource {
    private let path: String
    private let items: [CaseValue]
    private var index = 0

    init(_ path: String) throws(BatchInputError) {
        let value: CaseValue
        do { value = try CaseFile.load(path: path) } catch {
            throw BatchInputError(file: path, line: error.position?.line, error.message)
        }
        guard let items = value.listValue else {
            throw BatchInputError(file: path, "a .json batch input must be an array of cases ([ {…}, {…} ]); for one case use engross render")
        }
        self.path = path
        self.items = items
    }

    var estimatedCount: Int? { items.count }

    mutating func next() throws(BatchInputError) -> BatchRecord? {
        guard index < items.count else { return nil }
        let item = items[index]
        index += 1
        return BatchRecord(number: index, file: path, line: item.position?.line, data: item)
    }
}

/// Reads a file line by line in chunks.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var lineNumber = 0

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its newline, and its number (from 1).
    func nextLine() -> ([UInt8], Int)? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                lineNumber += 1
                return (line, lineNumber)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return (line, lineNumber)
            }
            buffer.removeFirst(start)
            start = 0
            if let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                buffer += chunk
                if lineNumber == 0, buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
            } else {
                atEnd = true
            }
        }
    }
}

extension CaseValue {
    /// Moves every position down by `lines` (a record parsed alone, from inside a larger file).
    mutating func shiftLines(by lines: Int) {
        guard lines != 0 else { return }
        position = position.map { SourcePosition(line: $0.line + lines, column: $0.column) }
        switch kind {
        case .list(var items):
            for index in items.indices { items[index].shiftLines(by: lines) }
            kind = .list(items)
        case .object(let object):
            var shifted = CaseObject()
            for entry in object.entries {
                var value = entry.value
                value.shiftLines(by: lines)
                shifted.append(key: entry.key, keyPosition: entry.keyPosition.map { SourcePosition(line: $0.line + lines, column: $0.column) }, value: value)
            }
            kind = .object(shifted)
        default:
            break
        }
    }
}
