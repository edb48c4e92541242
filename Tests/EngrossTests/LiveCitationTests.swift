import CaseData
import Engross
import Foundation
import TestSupport
import Testing
import WriterDOCX

/// The T visa declaration's DOCX cites its own paragraphs with REF fields to bookmarks on them,
/// redacted or not (`make docx-test` edits it in LibreOffice and checks that they renumber).
@Suite("The declaration's live citations")
struct LiveCitationTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    func documentXML(redact: Bool) throws -> String {
        let template = try engine.prepare("t-visa/declaration")
        let data = try CaseFile.load(path: fixture("cases/t-visa/declaration/rich.yaml"))
        let parts = DOCXWriter().parts(template.render(data, redact: redact))
        return try #require(parts.first { $0.path == "word/document.xml" }).xml
    }

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// "In short, as I describe in ¶¶ 5–15, …" and "In ¶¶ 31–35 I have described …" (the text
    /// golden file): four numbers, each a field showing it, to a bookmark on its paragraph.
    @Test(arguments: [false, true])
    func citationsAreFieldsToBookmarkedParagraphs(redact: Bool) throws {
        let xml = try documentXML(redact: redact)
        let fields = try Self.matches(#"<w:instrText xml:space="preserve"> REF (_RefP\d+) \\r \\h </w:instrText>"#, in: xml)
        #expect(fields == ["_RefP5", "_RefP15", "_RefP31", "_RefP35"])
        let cached = try Self.matches(#"<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>(\d+)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>"#, in: xml)
        #expect(cached == ["5", "15", "31", "35"])
        #expect(try Self.matches(#"<w:bookmarkStart w:id="\d+" w:name="(_Ref\w+)"/>"#, in: xml) == ["_RefP5", "_RefP15", "_RefP31", "_RefP35"])
    }
}
