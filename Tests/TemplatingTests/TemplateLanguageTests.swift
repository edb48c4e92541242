import CaseData
import Testing

@testable import Templating

/// `<language>` in a template's `<meta>`: the document's language, for screen readers (issue #16).
@Suite("A template's language")
struct TemplateLanguageTests {
    private func template(_ meta: String, id: String = "t") -> String {
        templateXML(id: id, body: "    <p>Hola.</p>").replacingOccurrences(of: "<meta><title>Test</title></meta>", with: "<meta><title>Test</title>\(meta)</meta>")
    }

    private func language(of folder: TemplateFolder, _ id: String = "t") throws -> String {
        let template = try folder.library.load(id)
        let data = try JSONCaseParser.parse(Array("{}".utf8), file: "case.json")
        return DocumentEvaluator(template: template, today: testToday).evaluate(data).metadata.language
    }

    @Test func theDocumentTakesTheTemplatesLanguageOrEnglish() throws {
        #expect(try language(of: TemplateFolder(["t": template("<language>es-US</language>")])) == "es-US")
        #expect(try language(of: TemplateFolder(["t": template("")])) == "en-US")
    }

    @Test func aChildTakesItsParentsLanguage() throws {
        let parent = template("<language>es</language>", id: "parent")
        let child = """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="child" version="1.0.0" kind="letter" extends="parent">
              <meta><title>Child</title></meta>
            </template>
            """
        #expect(try language(of: TemplateFolder(["parent": parent, "child": child]), "child") == "es")
    }

    @Test func aTagThatIsNotALanguageIsRefusedWithTheLine() {
        let problems = TemplateFolder(["t": template("<language>Spanish please</language>")]).problems("t")
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("<language> must be a language tag such as en-US or es") == true)
        #expect(problems.first?.location.line == 3)
        for tag in ["en", "es-US", "es-419", "zh-Hant-TW"] { #expect(TemplateParser.isLanguageTag(tag), "\(tag)") }
        for tag in ["", "e", "english", "en_US", "en-", "en-a"] { #expect(!TemplateParser.isLanguageTag(tag), "\(tag)") }
    }
}
