@testable import Engross
import PDFFinishing
import Testing

/// A packet asked for as PDF/A names the part whose pages keep it from conforming (issue #16).
@Suite("Packets as PDF/A")
struct PacketArchivalTests {
    @Test func theExhibitWhosePagesFailIsNamedWithItsOwnPageNumbers() throws {
        // Cover letter 3 pages, Exhibit A 2 pages, Exhibit B 4 pages; problems on packet pages 6 and 8 (0-based 5 and 7).
        let problems = [
            ArchivalProblem(page: 5, problem: "the font ArialMT is not embedded"),
            ArchivalProblem(page: 7, problem: "the font ArialMT is not embedded"),
        ]
        let parts = PacketWriter.archivalRefusal(problems,
            partNames: ["Cover letter", "Exhibit A", "Exhibit B"], pageCounts: [3, 2, 4])
        #expect(parts == ["Exhibit B keeps the packet from being PDF/A-2b "
            + "(page 1: the font ArialMT is not embedded; page 3: the font ArialMT is not embedded)"])
        #expect(PacketArchivalError(parts: parts).description.contains("nothing was written"))
        #expect(PacketWriter.archivalRefusal([], partNames: ["Cover letter"], pageCounts: [3]).isEmpty)
    }
}
