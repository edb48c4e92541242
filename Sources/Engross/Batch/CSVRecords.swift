import CaseData
import Foundation
import TextSafety
import Templating

/// Cases from a spreadsheet export: a header row of field paths (`client.fullName`,
/// `incidents[0].date`), one case per row. Read through CSV.swift a piece at a time
/// (`CSVRowReader`), so a 100,000-row file never sits in memory whole.
///
/// Empty cells are absent values. Cells are converted by the template's field types: true/false,
/// yes/no and 1/0 for booleans, whole numbers for integers, m/d/yyyy dates (as spreadsheets write
/// them) to yyyy-mm-dd, and "a; b" to a list for fields that take several choices. A cell that does
/// not convert is left as written, and validation says what is wrong with it, by row and column.
/// What a CSV input can tell before it is read: the columns that name no field (printable:
/// control characters escaped, each cut to 200 characters).
public protocol CSVRecordsInfo {
    var unknownColumns: [String] { get }
}

struct CSVRecords: RecordSource, CSVRecordsInfo {
    private let path: String
    private let rows: CSVRowReader
    private let columns: [Column?]
    private var number = 0
    private var line = 2
    private let headerCount: Int
    /// The largest list index a header may name. A row fills every item up to the index it
    /// names, so without a bound one header cell (`services[100000000].description`) would make a
    /// hundred million items for each row and exhaust memory.
    static let maximumListIndex = 999
    /// The column of each field path, for messages ("column 12").
    let columnNumbers: [String: Int]
    let estimatedCount: Int?
    /// Header cells that name no field of the template; their cells are ignored.
    let unknownColumns: [String]

    private struct Column {
        var path: FieldPath
        /// The field's type and whether it takes several choices: all a cell's conversion needs
        /// (a whole declaration would be copied for every cell).
        var type: FieldType
        var multiple: Bool
        var index: Int
    }

    init(_ path: String, template: Template) throws(BatchInputError) {
        guard let rows = CSVRowReader(path: path), let scan = Self.scan(path) else {
            throw BatchInputError(file: path, "cannot read the file")
        }
        if let line = scan.invalidUTF8Line {
            throw BatchInputError(file: path, line: line,
                "the file is not UTF-8 text; save it as UTF-8 (in Excel: File › Save As › \"CSV UTF-8 (Comma delimited)\")")
        }
        if let line = scan.unclosedQuoteLine {
            throw BatchInputError(file: path, line: line,
                "a quoted cell that starts on this line is never closed; every \" that opens a cell needs one that closes it")
        }
        self.rows = rows
        guard let header = rows.next(), !header.isEmpty else {
            throw BatchInputError(file: path, line: 1, "the file is empty; the first row must name the fields")
        }
        var columns: [Column?] = []
        var unknown: [String] = []
        var seen: [String: Int] = [:]
        let declared = Self.declaredPaths(template.fields, prefix: "")
        for (index, cell) in header.enumerated() {
            let name = cell.trimmingCharacters(in: .whitespaces)
            guard let fieldPath = Self.parsePath(name) else {
                throw BatchInputError(file: path, line: 1, "column \(index + 1) is headed \(TextSafety.quoted(name)), which is not a field path like client.fullName or incidents[0].date")
            }
            for case .index(let listIndex) in fieldPath.components where listIndex > Self.maximumListIndex {
                throw BatchInputError(file: path, line: 1,
                    "column \(index + 1) is headed \"\(name)\", whose list index \(listIndex) is too large; a row can fill at most \(Self.maximumListIndex + 1) items of a list (indexes 0 to \(Self.maximumListIndex))")
            }
            if let first = seen[name] {
                throw BatchInputError(file: path, line: 1, "columns \(first) and \(index + 1) are both headed \(TextSafety.quoted(name)); keep one")
            }
            seen[name] = index + 1
            if let field = Self.declaration(for: fieldPath, in: template.fields) {
                columns.append(Column(path: fieldPath, type: field.type, multiple: field.multiple, index: index))
            } else {
                columns.append(nil)
                let generic = name.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression)
                unknown.append(TextSafety.forMessage(name, limit: 200)
                    + (Suggestions.closestPath(to: generic, in: declared).map { " (did you mean \($0)?)" } ?? ""))
            }
        }
        self.path = path
        self.columns = columns
        self.headerCount = header.count
        unknownColumns = unknown
        estimatedCount = scan.rows
        var columnNumbers: [String: Int] = [:]
        for case let column? in columns { columnNumbers[column.path.description] = column.index + 1 }
        self.columnNumbers = columnNumbers
    }

    /// What a scan of the whole file finds before any record is read: how many rows it has, and
    /// whether it is UTF-8 and every quoted cell is closed (both mistakes would otherwise shift or
    /// swallow values without a word).
    struct Scan {
        var rows = 0
        var invalidUTF8Line: Int?
        var unclosedQuoteLine: Int?
    }

    static func scan(_ path: String) -> Scan? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var result = Scan()
        var lines = 0
        var scanner = CSVRowScanner()
        var quoteLine = 0
        var pending = 0  // UTF-8 continuation bytes still expected
        var first = true
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in
                // A byte order mark is no part of the first cell (CSVRowReader skips it too).
                let start = first && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                first = false
                for byte in bytes[start...] {
                    if pending > 0 {
                        if byte & 0xC0 == 0x80 { pending -= 1 } else if result.invalidUTF8Line == nil { result.invalidUTF8Line = lines + 1; pending = 0 }
                    } else if byte >= 0x80 {
                        switch byte {
                        case 0xC2...0xDF: pending = 1
                        case 0xE0...0xEF: pending = 2
                        case 0xF0...0xF4: pending = 3
                        default: if result.invalidUTF8Line == nil { result.invalidUTF8Line = lines + 1 }
                        }
                    }
                    let wasQuoted = scanner.isInQuotedCell
                    if scanner.startsRow(byte) { result.rows += 1 }  // every row after the header
                    if !wasQuoted && scanner.isInQuotedCell { quoteLine = lines + 1 }
                    if byte == 0x0A { lines += 1 }
                }
            }
        }
        if scanner.isInsideQuotes { result.unclosedQuoteLine = quoteLine }
        return result
    }

    /// `client.fullName`, `incidents[0].date` as a field path; nil when malformed.
    static func parsePath(_ text: String) -> FieldPath? {
        var components: [FieldPath.Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let name = rest.prefix { $0 != "[" }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            components.append(.key(String(name)))
            rest = rest.dropFirst(name.count)
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0 else {
                    return nil
                }
                components.append(.index(index))
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { return nil }
        }
        return components.isEmpty ? nil : FieldPath(components)
    }

    /// The declaration a path names (list indexes step into the list's items).
    static func declaration(for path: FieldPath, in fields: [FieldDeclaration]) -> FieldDeclaration? {
        var current: FieldDeclaration?
        var scope = fields
        for component in path.components {
            switch component {
            case .key(let key):
                guard let field = scope.first(where: { $0.name == key }) else { return nil }
                current = field
                scope = field.children
            case .index:
                guard let list = current, list.type == .list || (list.type == .choice && list.multiple) else { return nil }
            }
        }
        return current
    }

    mutating func next() throws(BatchInputError) -> BatchRecord? {
        guard let row = rows.next() else {
            if rows.failed { throw BatchInputError(file: path, line: line, "the CSV could not be read past this line") }
            return nil
        }
        let startLine = line
        line += 1 + row.reduce(0) { $0 + $1.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        // A row of empty cells (a spreadsheet's trailing rows) is no record.
        if row.allSatisfy({ Self.trimmed($0).isEmpty }) { return try next() }
        number += 1
        if row.count != headerCount {
            // The values would land in the wrong columns (an unquoted comma in a name, a missing cell):
            // read nothing from the row, and say so without quoting it.
            let problem = Diagnostic(.error, .unreadable, path: "", label: nil,
                message: "this row has \(row.count) cells but the header has \(headerCount); a cell with a comma must be in double quotes",
                help: "check the row in a spreadsheet program, or quote the cell that holds a comma", file: path,
                position: SourcePosition(line: startLine, column: 1))
            return BatchRecord(number: number, file: path, line: startLine, data: nil, readProblems: [problem])
        }
        var root = CaseValue(.object(CaseObject()), position: SourcePosition(line: startLine, column: 1))
        for (index, cell) in row.enumerated() where index < columns.count {
            guard let column = columns[index], !Self.trimmed(cell).isEmpty else { continue }
            let value = CaseValue(Self.convert(cell, type: column.type, multiple: column.multiple), position: SourcePosition(line: startLine, column: index + 1))
            root.set(value, at: column.path)
        }
        var record = BatchRecord(number: number, file: path, line: startLine, data: root)
        record.columns = columnNumbers
        return record
    }

    /// A cell as the field's type wants it, or as written when it does not convert.
    static func convert(_ cell: String, type: FieldType, multiple: Bool) -> CaseValue.Kind {
        let text = String(trimmed(cell))
        switch type {
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "y", "1": return .bool(true)
            case "false", "no", "n", "0": return .bool(false)
            default: return .string(text)
            }
        case .integer, .money:
            // Kept as written, so that validation reads it exactly ("$1,250.50" stays text).
            return CaseValue(numeral: text)?.kind ?? .string(text)
        case .date:
            return .string(usDate(text) ?? text)
        case .choice where multiple:
            return .list(text.split(separator: ";").map { CaseValue.string(String(trimmed(String($0)))) })
        default:
            return .string(cell)
        }
    }

    /// `cell` without leading and trailing spaces and tabs (Foundation's trimming goes through
    /// NSString, and was an eighth of a batch's time).
    static func trimmed(_ cell: String) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = cell.firstIndex(where: { !isBlank($0) }), let last = cell.lastIndex(where: { !isBlank($0) }) else {
            return cell[cell.endIndex...]
        }
        return cell[first...last]
    }

    /// "3/4/2025" or "03/04/2025" (month first, as U.S. spreadsheets write dates) as "2025-03-04".
    /// An impossible day keeps the yyyy-mm-dd shape ("2/30/2025" → "2025-02-30"), so that
    /// validation can say what is wrong with it.
    static func usDate(_ text: String) -> String? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
            let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// Every field path the template declares, lists written with [] (for suggestions).
    static func declaredPaths(_ fields: [FieldDeclaration], prefix: String) -> [String] {
        fields.flatMap { field -> [String] in
            let path = prefix + field.name
            switch field.type {
            case .group: return declaredPaths(field.children, prefix: path + ".")
            case .list: return declaredPaths(field.children, prefix: path + "[].")
            default: return [path]
            }
        }
    }
}

extension CaseValue {
    /// Sets the value at `path`, making the groups and list items on the way.
    mutating func set(_ value: CaseValue, at path: FieldPath) {
        set(value, at: path.components[...])
    }

    /// Each level is changed in place: the object or list is taken out of `kind` (so that it is
    /// not shared and changing it copies nothing), changed, and put back.
    private mutating func set(_ value: CaseValue, at path: ArraySlice<FieldPath.Component>) {
        guard let first = path.first else {
            self = value
            return
        }
        let rest = path.dropFirst()
        switch first {
        case .key(let key):
            var object = objectValue ?? CaseObject()
            kind = .null
            object.modify(key, default: {
                if case .index? = rest.first { return CaseValue(.list([]), position: value.position) }
                return CaseValue(rest.isEmpty ? .null : .object(CaseObject()), position: value.position)
            }) { $0.set(value, at: rest) }
            kind = .object(object)
        case .index(let index):
            var items = listValue ?? []
            kind = .null
            while items.count <= index { items.append(CaseValue(.object(CaseObject()), position: value.position)) }
            items[index].set(value, at: rest)
            kind = .list(items)
        }
    }
}
