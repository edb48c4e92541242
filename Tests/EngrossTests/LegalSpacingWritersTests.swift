import CaseData
import Engross
import Foundation
import TestSupport
import Testing

/// No writer breaks a line inside a citation: "8 C.F.R. §" never ends a line with "214.202" on
/// the next (the template text and the case values are bound with no-break spaces).
@Suite("Legal typography in every writer")
struct LegalSpacingWritersTests {
    /// Paragraphs whose citations fall at every place along a line: each is shifted by one more word.
    static let paragraphs = (0..<30).map { shift in
        String(repeating: "word ", count: shift)
            + "citing 8 C.F.R. § 214.202(a)(1), 22 U.S.C. § 7102(11), 8 U.S.C. 1367(a)(2) and Decl. ¶ 12; "
            + "the statute <value of=\"statute\"/> and §§ 214.200–214.216 again."
    }

    func render(_ format: OutputFormat) throws -> String {
        let folder = NSTemporaryDirectory() + "engross-spacing-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="citations" version="1.0.0" kind="letter">
              <meta><title>Citations</title></meta>
              <fields><field name="statute" type="text"/></fields>
              <body>\(Self.paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))</body>
            </template>
            """.write(toFile: folder + "/citations.xml", atomically: true, encoding: .utf8)
        let template = try Engine(templatesPath: folder, today: fixtureToday).prepare("citations")
        let data = try CaseFile.parse(Data(#"{"statute": "Cal. Penal Code § 236.1(c)"}"#.utf8), format: .json, file: "case.json")
        let document = template.render(data)
        let bytes = try format.write(document)
        return format == .pdf ? try pdfTool("pdftotext", bytes) : String(decoding: bytes, as: UTF8.self)
    }

    /// The lines of `text` that break inside a citation.
    func brokenCitations(_ text: String) -> [String] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return zip(lines, lines.dropFirst()).compactMap { line, next in
            let endsInside = ["§", "§§", "¶", "C.F.R.", "U.S.C.", "Decl."].contains { line.hasSuffix($0) }
                || line.last.map(\.isNumber) == true && (next.hasPrefix("C.F.R.") || next.hasPrefix("U.S.C."))
            return endsInside ? line + " / " + next : nil
        }
    }

    @Test(arguments: [OutputFormat.txt, .pdf])
    func linesNeverBreakInsideACitation(_ format: OutputFormat) throws {
        let text = try render(format)
        #expect(text.contains("214.200–214.216"))
        #expect(text.split(whereSeparator: \.isNewline).count > Self.paragraphs.count)  // lines do wrap
        #expect(brokenCitations(text).isEmpty, "\(brokenCitations(text).prefix(3))")
    }

    @Test(arguments: [OutputFormat.txt, .md, .html])
    func textFormatsCarryTheNoBreakSpaces(_ format: OutputFormat) throws {
        let text = try render(format)
        #expect(text.contains("8\u{00A0}C.F.R.\u{00A0}§\u{00A0}214.202(a)(1)"))
        #expect(text.contains("Cal. Penal Code\u{00A0}§\u{00A0}236.1(c)"))
    }
}
