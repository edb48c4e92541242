import Foundation
import Testing

/// `engross lint` warns when a template's legal content is due for another review.
@Suite("engross lint: age of the legal review")
struct LintReviewCLITests {
    /// A templates folder holding one letter reviewed on `reviewed` (none when nil) and one fragment.
    func folder(reviewed: String?) throws -> URL {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("letters"), withIntermediateDirectories: true)
        let meta = reviewed.map { "<reviewed>\($0)</reviewed>" } ?? ""
        try """
            <?xml version="1.0"?>
            <template xmlns="urn:engross:template:1" id="letters/old" version="1.0.0" kind="letter">
              <meta><title>Old</title>\(meta)</meta>
              <body><p>Text.</p></body>
            </template>
            """.write(to: folder.appendingPathComponent("letters/old.xml"), atomically: true, encoding: .utf8)
        try """
            <?xml version="1.0"?>
            <template xmlns="urn:engross:template:1" id="letters/piece" version="1.0.0" kind="fragment">
              <meta><title>Piece</title></meta>
              <body><p>Piece.</p></body>
            </template>
            """.write(to: folder.appendingPathComponent("letters/piece.xml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// 2026-12-02, as SOURCE_DATE_EPOCH.
    let today = ["SOURCE_DATE_EPOCH": "1796169600"]

    @Test func reviewOverAYearOldIsAWarningNotAFailure() throws {
        let run = try engross(["lint", "--templates", try folder(reviewed: "2025-12-01").path], environment: today)
        #expect(run.status == 0)
        #expect(run.stderr.contains("letters/old.xml:2: warning: the legal content was last reviewed on 2025-12-01, more than a year ago"))
        #expect(run.stderr.contains("2 templates checked, 0 problems, 1 warning"))
    }

    @Test func reviewWithinTheYearIsQuiet() throws {
        let run = try engross(["lint", "--templates", try folder(reviewed: "2025-12-02").path], environment: today)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("warning"))
        #expect(run.stderr.contains("2 templates checked, 0 problems\n"))
    }

    @Test func documentWithoutAReviewDateIsWarnedFragmentIsNot() throws {
        let run = try engross(["lint", "--templates", try folder(reviewed: nil).path], environment: today)
        #expect(run.status == 0)
        #expect(run.stderr.contains("letters/old.xml:2: warning: the template has no <reviewed> date"))
        #expect(!run.stderr.contains("piece.xml"))
    }
}
