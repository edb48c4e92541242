import CaseData
import Foundation
import TestSupport
import Testing

@testable import Engross

/// Exhibits are held in memory until the packet is written: a file past the size limit is refused
/// from its size, before it is read, and so is one that brings the packet past its total.
@Suite("Packet exhibits: size limits")
struct ExhibitSizeTests {
    let exhibits = repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa/exhibits").path

    /// A case file in a new folder listing `files` (copied or made there) as exhibits.
    func caseFile(_ files: [(name: String, make: (String) throws -> Void)]) throws -> (path: String, root: CaseValue) {
        let folder = NSTemporaryDirectory() + "engross-exhibit-size-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files { try file.make(folder + "/" + file.name) }
        let list = files.enumerated().map { #"{"id": "e\#($0.offset)", "file": "\#($0.element.name)", "title": "Exhibit \#($0.offset)"}"# }
        let path = folder + "/case.json"
        let text = #"{"exhibits": [\#(list.joined(separator: ", "))]}"#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, try CaseFile.load(path: path))
    }

    func copy(_ name: String) -> (String) throws -> Void {
        { [exhibits] in try FileManager.default.copyItem(atPath: exhibits + "/" + name, toPath: $0) }
    }

    /// A sparse file of `bytes`: its size is real, its blocks are not, so nothing large is written.
    func sparse(_ bytes: Int) -> (String) throws -> Void {
        { path in
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.truncate(atOffset: UInt64(bytes))
            try handle.close()
        }
    }

    func messages(_ list: ExhibitList) -> [String] { list.diagnostics.map { "\($0.path) \($0.message)" } }

    @Test func aFileOverTheLimitIsRefusedFromItsSize() throws {
        let (path, root) = try caseFile([("police-report.pdf", copy("police-report.pdf")), ("huge.pdf", sparse(101 << 20))])
        let list = ExhibitList(root, at: FieldPath().appending("exhibits"), caseFile: path)
        #expect(messages(list) == ["exhibits[1].file names a file of 101 MB; an exhibit may be at most 100 MB"])
        #expect(list.exhibits.map(\.id) == ["e0"])
        #expect(list.diagnostics.first?.help?.contains("split it into several exhibits") == true)
    }

    @Test func exhibitsTogetherOverTheTotalAreRefusedAtTheOneThatPassesIt() throws {
        let report = try FileManager.default.attributesOfItem(atPath: exhibits + "/police-report.pdf")[.size] as! Int
        let ledger = try FileManager.default.attributesOfItem(atPath: exhibits + "/debt-ledger.png")[.size] as! Int
        let (path, root) = try caseFile([
            ("police-report.pdf", copy("police-report.pdf")), ("debt-ledger.png", copy("debt-ledger.png")),
            ("messages.png", copy("messages.png")),
        ])
        let limits = ExhibitList.Limits(file: 100 << 20, total: report + ledger)
        let list = ExhibitList(root, at: FieldPath().appending("exhibits"), caseFile: path, limits: limits)
        #expect(list.exhibits.map(\.id) == ["e0", "e1"])
        #expect(messages(list).count == 1)
        #expect(messages(list).first?.hasPrefix("exhibits[2].file brings the exhibits to more than") == true)
    }

    @Test func theStandardLimitsHoldAPacketInUnderAGigabyte() {
        #expect(ExhibitList.Limits.standard.file == 100 << 20)
        #expect(ExhibitList.Limits.standard.total == 400 << 20)
    }
}
