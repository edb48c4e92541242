import Foundation
import TestSupport
import Testing
import ZIPFoundation

@testable import WriterDOCX

/// Entries with every shape the writer handles: empty, binary, non-ASCII name, small text, and a
/// part large enough to deflate.
let zipSample: [(path: String, bytes: [UInt8], method: ZipWriter.Method)] = [
    ("empty.txt", [], .stored),
    ("binary/all-bytes.bin", (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init), .stored),
    ("word/déclaration é 名前.xml", Array("<?xml version=\"1.0\"?><p>Café, ¶ 12 — 名前</p>".utf8), .stored),
    ("word/document.xml", largePart, .deflated),
    ("deflated-but-tiny.txt", Array("a".utf8), .deflated),
]

/// About 120 KB of text that repeats with variations, as a long declaration's XML does.
let largePart: [UInt8] = Array((0..<2_000).map { "<w:p><w:r><w:t>Paragraph \($0): the \($0 % 7 == 0 ? "applicant" : "declarant") states.</w:t></w:r></w:p>\n" }.joined().utf8)

func zipArchive(_ entries: [(path: String, bytes: [UInt8], method: ZipWriter.Method)]) throws -> [UInt8] {
    var zip = ZipWriter()
    for entry in entries {
        try entry.bytes.withUnsafeBytes { try zip.add(entry.path, bytes: $0, method: entry.method) }
    }
    return try zip.finish()
}

/// Writes `bytes` to a temporary file, runs `body` with its path, and removes it.
func withTemporaryFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "engross-zip-\(UUID().uuidString).zip"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

func toolExists(_ name: String) -> Bool {
    (try? runTool(["sh", "-c", "command -v \(name)"]).status == 0) ?? false
}

@Suite("ZIP writer")
struct ZipWriterTests {
    @Test func zipFoundationReadsEveryEntryBackByteForByte() throws {
        let archive = try Archive(data: Data(try zipArchive(zipSample)), accessMode: .read)
        #expect(archive.map(\.path) == zipSample.map(\.path))
        for (entry, expected) in zip(archive, zipSample) {
            #expect([UInt8](try read(entry, from: archive)) == expected.bytes, "\(expected.path)")
            #expect(entry.uncompressedSize == UInt64(expected.bytes.count))
            #expect(entry.checksum == expected.bytes.withUnsafeBytes { ZipWriter.crc32($0) })
            let attributes = entry.fileAttributes
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
            let date = try #require(attributes[.modificationDate] as? Date)
            let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day, .hour, .minute], from: date)
            #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute] == [1980, 1, 1, 0, 0])
        }
    }

    @Test func aLargeDeflatedPartRoundTripsAndShrinks() throws {
        let bytes = try zipArchive([("word/document.xml", largePart, .deflated)])
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        let entry = try #require(archive["word/document.xml"])
        #expect(entry.isCompressed)
        #expect(entry.compressedSize < UInt64(largePart.count / 10))
        #expect(entry.checksum == largePart.withUnsafeBytes { ZipWriter.crc32($0) })
        #expect([UInt8](try read(entry, from: archive)) == largePart)
        #expect(bytes.count < largePart.count / 10)
    }

    @Test func storedEntriesAreKeptAsTheyAre() throws {
        let bytes = try zipArchive([("a.xml", largePart, .stored)])
        let entry = try #require(try Archive(data: Data(bytes), accessMode: .read)["a.xml"])
        #expect(!entry.isCompressed)
        #expect(entry.compressedSize == UInt64(largePart.count))
        // The entry's bytes follow its 30-byte local header and name, unchanged.
        #expect(Array(bytes[35..<35 + largePart.count]) == largePart)
    }

    @Test func theSameEntriesGiveTheSameBytes() throws {
        #expect(try zipArchive(zipSample) == zipArchive(zipSample))
        #expect(try zipArchive(zipSample) != zipArchive(Array(zipSample.reversed())))
    }

    @Test func endRecordCountsTheEntriesAndPointsAtTheDirectory() throws {
        let bytes = try zipArchive(zipSample)
        let end = Array(bytes.suffix(22))
        func le16(_ at: Int) -> Int { Int(end[at]) | Int(end[at + 1]) << 8 }
        func le32(_ at: Int) -> Int { le16(at) | le16(at + 2) << 16 }
        #expect(end.prefix(4) == [0x50, 0x4B, 0x05, 0x06])
        #expect(le16(8) == zipSample.count && le16(10) == zipSample.count)
        let directorySize = le32(12), directoryOffset = le32(16)
        #expect(directoryOffset + directorySize == bytes.count - 22)
        #expect(Array(bytes[directoryOffset..<directoryOffset + 4]) == [0x50, 0x4B, 0x01, 0x02])
        #expect(bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04])
    }

    @Test func anEmptyArchiveIsOnlyTheEndRecord() throws {
        let bytes = try ZipWriter().finish()
        #expect(bytes == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
    }

    @Test func moreEntriesThanAZipWithoutZip64HoldsAreRefused() throws {
        var zip = ZipWriter()
        let nothing = UnsafeRawBufferPointer(start: nil, count: 0)
        for index in 0..<65_535 { try zip.add("\(index)", bytes: nothing, method: .stored) }
        #expect(throws: ZipWriter.ZipError.self) { try zip.add("one too many", bytes: nothing, method: .stored) }
    }

    @Test func fixedPartsCarryTheirOwnChecksum() throws {
        let text = "<w:settings>Café ¶</w:settings>"
        #expect(FixedPart(text).crc == Array(text.utf8).withUnsafeBytes { ZipWriter.crc32($0) })
        var zip = ZipWriter()
        try zip.add("word/settings.xml", fixed: FixedPart(text), method: .stored)
        let archive = try Archive(data: Data(try zip.finish()), accessMode: .read)
        #expect(String(decoding: try read(try #require(archive["word/settings.xml"]), from: archive), as: UTF8.self) == text)
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        // The check value of CRC-32/ISO-HDLC (the ZIP CRC) for "123456789".
        #expect(Array("123456789".utf8).withUnsafeBytes { ZipWriter.crc32($0) } == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { ZipWriter.crc32($0) } == 0)
    }

    @Test(.enabled(if: toolExists("unzip"))) func infoZipTestsTheArchive() throws {
        let (status, output) = try withTemporaryFile(try zipArchive(zipSample)) { try runTool(["unzip", "-t", $0]) }
        #expect(status == 0)
        #expect(output.contains("No errors detected"))
        #expect(output.contains("testing: word/document.xml") && output.contains("testing: empty.txt"))
    }

    @Test(.enabled(if: toolExists("python3"))) func pythonZipfileReadsEveryEntryBack() throws {
        let script = """
            import base64, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as archive:
                assert archive.testzip() is None
                for info in archive.infolist():
                    data = archive.read(info)
                    print(info.filename, info.compress_type, info.date_time, oct(info.external_attr >> 16), base64.b64encode(data).decode(), sep="\\t")
            """
        let (status, output) = try withTemporaryFile(try zipArchive(zipSample)) { try runTool(["python3", "-c", script, $0]) }
        #expect(status == 0)
        let lines = output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.count == zipSample.count)
        for (line, expected) in zip(lines, zipSample) {
            #expect(line.count == 5)
            guard line.count == 5 else { continue }
            #expect(line[0] == expected.path)
            #expect(line[1] == (expected.method == .deflated ? "8" : "0"))
            #expect(line[2] == "(1980, 1, 1, 0, 0, 0)")
            #expect(line[3] == "0o100644")
            #expect(Data(base64Encoded: line[4]).map([UInt8].init) == expected.bytes, "\(expected.path)")
        }
    }
}
