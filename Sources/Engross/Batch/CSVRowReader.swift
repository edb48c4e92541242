import CSV
import Foundation

/// Where the rows of CSV bytes end, read the way CSV.swift reads them: a double quote opens a
/// quoted cell only at the start of a cell; inside one, `""` is a quote and a line break is part of
/// the cell; a quote followed by anything but a comma, a line break or another quote leaves the cell
/// open. Rows end at LF, CRLF or a lone CR.
///
/// Used to cut a file into pieces of whole rows (so each piece can be handed to CSV.swift as a
/// string) and, in the scan before reading, to find a quoted cell that is never closed.
struct CSVRowScanner {
    private enum State { case cellStart, unquoted, quoted, quoteInQuoted, afterCR, rowEnded }
    private var state = State.cellStart

    /// Whether the last byte was inside a quoted cell (its closing quote may be the last byte).
    var isInQuotedCell: Bool { state == .quoted || state == .quoteInQuoted }
    /// Whether the bytes so far leave a quoted cell open: at the end of a file, a cell never closed.
    var isInsideQuotes: Bool { state == .quoted }

    /// Feeds the next byte; true when it starts a new row (never for the first row).
    mutating func startsRow(_ byte: UInt8) -> Bool {
        var starts = false
        switch state {
        case .rowEnded:
            starts = true
            state = .cellStart
        case .afterCR where byte != 0x0A:  // a lone CR ended the row
            starts = true
            state = .cellStart
        default:
            break
        }
        switch (state, byte) {
        case (.quoted, 0x22): state = .quoteInQuoted
        case (.quoted, _): break
        case (.quoteInQuoted, 0x22): state = .quoted  // "" inside a quoted cell
        case (.afterCR, _): state = .rowEnded  // the LF of CRLF
        case (.cellStart, 0x22): state = .quoted
        case (_, 0x2C): state = .cellStart
        case (_, 0x0A): state = .rowEnded
        case (_, 0x0D): state = .afterCR
        case (.quoteInQuoted, _): state = .quoted  // a stray quote: CSV.swift keeps the cell open
        default: state = .unquoted
        }
        return starts
    }
}

/// Reads the rows of a CSV file with CSV.swift, a piece of whole rows at a time: the bytes are cut
/// where rows end (`CSVRowScanner`) and each piece is parsed from a string, which CSV.swift reads
/// twice as fast as a stream. A file of any size takes about one piece of memory (1 MB).
final class CSVRowReader {
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var scanner = CSVRowScanner()
    private var reader: CSVReader?
    private var atEnd = false
    private var started = false
    private let pieceSize: Int
    /// Whether reading stopped early because the file could not be read.
    private(set) var failed = false

    /// A reader of the file at `path`, reading `pieceSize` bytes at a time.
    init?(path: String, pieceSize: Int = 1 << 20) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
        self.pieceSize = pieceSize
    }

    deinit { try? handle.close() }

    /// The next row's cells, or nil at the end of the file.
    func next() -> [String]? {
        while true {
            if let row = reader?.next() { return row }
            reader = nil
            guard let piece = nextPiece() else { return nil }
            reader = try? CSVReader(string: piece)
        }
    }

    /// The next piece of whole rows, or nil at the end.
    private func nextPiece() -> String? {
        while !atEnd {
            var scanned = pending.count
            do {
                if let chunk = try handle.read(upToCount: pieceSize), !chunk.isEmpty {
                    pending += chunk
                } else {
                    atEnd = true
                }
            } catch {
                failed = true
                atEnd = true
            }
            if !started {
                // A byte order mark is no part of the first cell; wait for three bytes to tell.
                guard pending.count >= 3 || atEnd else { continue }
                started = true
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
                scanned = 0
            }
            // Cut after the last complete row among the bytes read.
            var cut = 0
            pending.withUnsafeBufferPointer { bytes in
                for index in scanned..<bytes.count where scanner.startsRow(bytes[index]) {
                    cut = index
                }
            }
            if cut > 0 {
                let piece = String(decoding: pending[..<cut], as: UTF8.self)
                pending.removeFirst(cut)
                return piece
            }
        }
        guard !pending.isEmpty else { return nil }
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }
}
