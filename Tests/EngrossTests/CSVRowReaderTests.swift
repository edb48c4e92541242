import CSV
import Foundation
import Testing

@testable import Engross

/// Rows of every shape a spreadsheet writes, and a few it should not: quoted cells with commas,
/// line breaks and doubled quotes, CRLF and lone-CR line ends, empty rows, a stray quote inside a
/// cell, and text in several scripts (multi-byte UTF-8 that a piece of bytes may cut).
let awkwardCSV = "client.fullName,role,observations\r\n"
    + "\"Doe, Jane\",case manager,\"Two\nlines, and \"\"quotes\"\"\"\r\n"
    + "Nguyễn Thị,therapist,名前 — ¶ 12\n"
    + "\n"
    + "Roe,5\" tall,\"a\"b,c\"\r"
    + "Lone CR,x,\"ends\r\ninside\"\r\n"
    + "Last,y,no line end"

@Suite("Reading CSV in pieces")
struct CSVRowReaderTests {
    private func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "engross-rows-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func rows(_ reader: CSVRowReader) -> [[String]] {
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test func piecesOfAnySizeGiveTheRowsCSVSwiftReadsFromTheWholeText() throws {
        let reference = try CSVReader(string: awkwardCSV)
        var expected: [[String]] = []
        while let row = reference.next() { expected.append(row) }
        #expect(expected.count == 7)
        #expect(expected[1] == ["Doe, Jane", "case manager", "Two\nlines, and \"quotes\""])
        let path = try file(awkwardCSV)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for pieceSize in [1, 2, 3, 5, 7, 16, 64, 1 << 20] {
            let reader = try #require(CSVRowReader(path: path, pieceSize: pieceSize))
            #expect(rows(reader) == expected, "pieces of \(pieceSize) bytes")
        }
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstCell() throws {
        let path = try file("\u{FEFF}client.fullName,role\nDoe,x\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for pieceSize in [1, 2, 1 << 20] {
            let reader = try #require(CSVRowReader(path: path, pieceSize: pieceSize))
            #expect(rows(reader) == [["client.fullName", "role"], ["Doe", "x"]])
        }
    }

    @Test func scannerFindsRowEndsOutsideQuotedCells() {
        func rowStarts(_ text: String) -> (starts: [Int], open: Bool) {
            var scanner = CSVRowScanner()
            let starts = Array(text.utf8).enumerated().filter { scanner.startsRow($0.element) }.map(\.offset)
            return (starts, scanner.isInsideQuotes)
        }
        #expect(rowStarts("a,b\nc,d\n").starts == [4])
        #expect(rowStarts("a\r\nb\rc\n\nd").starts == [3, 5, 7, 8])
        #expect(rowStarts("\"a\nb\",c\nd").starts == [8])
        #expect(rowStarts("\"a\"\"\nb\"\nc").starts == [8])  // "" inside a quoted cell is a quote
        #expect(rowStarts("5\" tall,x\ny").starts == [10])  // a quote inside an unquoted cell is text
        #expect(rowStarts("\"a\"b\nc\"\nd").starts == [8])  // a stray quote leaves the cell open, as in CSV.swift
        #expect(rowStarts("\"never closed\nx").open)
        #expect(!rowStarts("\"closed\"").open)
    }
}
