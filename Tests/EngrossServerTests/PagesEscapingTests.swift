@testable import EngrossServer
import Foundation
import Testing

/// The pages escape what they show with `HTMLText`, not with swift-mustache's own escaping.
@Suite struct PagesEscapingTests {
    @Test func everyTemplateWithATagNamesTheEscaping() throws {
        let folder = try ServerResources.locate().appendingPathComponent("pages")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let hasTag = text.range(of: #"\{\{[^!>{/#^%]"#, options: .regularExpression) != nil
            #expect(!hasTag || text.hasPrefix("{{% CONTENT_TYPE: \(EscapedHTML.name) }}\n"), "\(name)")
        }
    }

    @Test func aQuoteBeforeACombiningMarkCannotCloseAnAttribute() async throws {
        let pages = try await Pages(resources: ServerResources.locate())
        let title = "Intake \"\u{301} autofocus x=\"\u{301}"
        let html = pages.html("case", ["pageTitle": "Case", "csrf": "token", "assetVersion": "1", "id": "x", "title": title,
            "updated": "today", "documents": [[String: Any]](), "hasDocuments": false, "kinds": [[String: Any]](), "packets": [[String: Any]](),
            "mayManage": true])
        let escaped = "value=\"Intake &quot;\u{301} autofocus x=&quot;\u{301}\""
        let raw = "\"\u{301} autofocus"
        #expect(html.contains(escaped))
        #expect(!html.contains(raw))
        #expect(html.hasPrefix("<!doctype html>\n"))
    }
}
