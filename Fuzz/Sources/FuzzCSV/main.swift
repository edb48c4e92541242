import CaseData
import Foundation
import FuzzSupport
import Templating

@testable import Engross

/// Spreadsheet input for `engross batch`: the bytes are written to a .csv file and read as the
/// command reads it (`BatchInput.open`: the scan for UTF-8 and unclosed quotes, the header of
/// field paths, `CSVRowReader` and CSV.swift, cells typed by the support letter's fields); every
/// record is validated and, where valid, rendered (`Fuzz.checkCase`).
///
/// And one property: `CSVRowReader` cuts the file into pieces of whole rows, and pieces of any
/// size must give the rows that one piece holding the whole file gives (a wrong cut would shift
/// values into the wrong row or column without a word).
let support = Fuzz.shipped("letters/support")
let folder: String = {
    let path = NSTemporaryDirectory() + "engross-fuzz-csv-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()
let path = folder + "/rows.csv"

func rows(pieceSize: Int) -> [[String]] {
    guard let reader = CSVRowReader(path: path, pieceSize: pieceSize) else {
        fatalError("engross-fuzz: cannot read \(path)")
    }
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    return rows
}

@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = support; _ = path  // set up before the first input, whose time is measured
    atexit { try? FileManager.default.removeItem(atPath: folder) }
    return Fuzz.runDriver(argc, argv, fuzzCSV)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ input: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: path, contents: Data(Fuzz.bytes(input, size))) else {
        fatalError("engross-fuzz: cannot write \(path)")
    }
    if let scan = CSVRecords.scan(path), scan.invalidUTF8Line == nil, scan.unclosedQuoteLine == nil {
        let whole = rows(pieceSize: 1 << 20)
        for size in [1, 3, 64] {
            Fuzz.require(rows(pieceSize: size) == whole, "rows read in pieces of \(size) bytes differ from the rows of the whole file")
        }
    }
    var source: any RecordSource
    do {
        source = try BatchInput.open(path, template: support.template)
    } catch {
        _ = error.description
        return 0
    }
    while let record = try? source.next() {
        _ = record.readProblems.map(\.formatted)
        if let data = record.data { Fuzz.checkCase(data, file: path, against: [support]) }
    }
    return 0
}
