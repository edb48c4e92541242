@testable import EngrossServer
import Foundation
import Testing

/// Pages spliced into frames are Mustache's pages byte for byte, and what cannot be spliced is
/// left to Mustache.
@Suite struct PageFramesTests {
    static let nasty = " <b>&amp; \"q\" 'a'\u{301}"

    /// The form page's context as `DocumentController` makes it, for a form step or the review.
    static func documentContext(review: Bool, title: String = "Intake 7", check: Bool = false, valid: Bool = true) -> [String: Any] {
        var context: [String: Any] = [
            "pageTitle": "Support letter" + nasty, "csrf": "0123abcd", "assetVersion": "5f0e",
            "caseID": "6f1c2a2e-1b7d-4c55-9b1e-2f0c1d2e3f4a", "caseTitle": title, "documentTitle": "Support letter (1)",
            "templateTitle": "Support letter", "base": "/cases/6f1c2a2e-1b7d-4c55-9b1e-2f0c1d2e3f4a/documents/supportLetters-1",
            "step": review ? 5 : 2, "stepCount": 5, "stepsHTML": "<li class=\"current\">Steps & more</li>",
            "isReview": review, "multiStep": true, "redacted": false,
            "summaryHTML": check ? "<li class=\"\"><a href=\"#f-date\">Date is after today</a></li>" : "", "hasSummary": check,
        ]
        if review {
            context["valid"] = valid
            context["errorCount"] = "2 problems"
        } else {
            context["controlsHTML"] = "<div class=\"field\">\n  <input value=\"&lt;&amp;\">\n</div>\n"
            context["stepTitle"] = "About the client" + nasty
            context["showStepTitle"] = true
            context["hasPrevious"] = true
            context["isLastFormStep"] = false
        }
        return context
    }

    @Test func splicedPagesAreMustachesPagesByteForByte() async throws {
        let pages = try await Pages(resources: ServerResources.locate())
        let frames = PageFrames()
        let contexts = [
            Self.documentContext(review: false), Self.documentContext(review: false, title: "Zoë" + Self.nasty, check: true),
            Self.documentContext(review: true), Self.documentContext(review: true, title: "", valid: false),
        ]
        // Each context twice: the first makes its frame (and checks it), the second uses it.
        for context in contexts + contexts {
            let spliced = frames.html("document", context, mustache: pages.mustache)
            #expect(spliced != nil)
            #expect(spliced?.string == pages.mustache("document", context))
            #expect(pages.html("document", context) == pages.mustache("document", context))
        }
        let error: [String: Any] = ["pageTitle": "Problem", "csrf": "t", "assetVersion": "1", "status": 404, "message": "No such page" + Self.nasty]
        #expect(frames.html("error", error, mustache: pages.mustache)?.string == pages.mustache("error", error))
    }

    @Test func valuesGoWhereTheirTagsAreAndAreEscapedAsTheTagSays() throws {
        // A stray end mark, an index past the values, a marker cut short: no frame.
        #expect(PageFrames.cut("<p>\(PageFrames.marker(1))&amp;\u{E001}</p>", count: 2) == nil)
        let frame = try #require(PageFrames.cut("<h1>\u{E000}1&amp;\u{E001}</h1>\u{E000}0&\u{E001}", count: 2))
        #expect(frame.pieces.count == 4)
        if case .value(1, escaped: true) = frame.pieces[1] {} else { Issue.record("the escaped tag") }
        if case .value(0, escaped: false) = frame.pieces[3] {} else { Issue.record("the triple-brace tag") }
        #expect(PageFrames.cut("<p>\u{E000}7&\u{E001}</p>", count: 2) == nil)
        #expect(PageFrames.cut("<p>\u{E000}x</p>", count: 2) == nil)
    }

    @Test func aContextWithAListIsLeftToMustache() async throws {
        let pages = try await Pages(resources: ServerResources.locate())
        let context: [String: Any] = ["pageTitle": "Cases", "csrf": "t", "assetVersion": "1", "cases": [[String: Any]](),
            "hasCases": false, "kinds": [["id": "letters/support", "title": "Support letter"]], "importError": "", "hasImportError": false]
        #expect(PageFrames().html("cases", context, mustache: pages.mustache) == nil)
        #expect(pages.html("cases", context).contains("<option value=\"letters/support\">One document: Support letter</option>"))
    }

    /// Mustache indents a value's lines inside an indented partial, which a frame would not.
    @Test func noPartialIsIndented() throws {
        let folder = try ServerResources.locate().appendingPathComponent("pages")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.range(of: #"(?m)^[ \t]+\{\{>"#, options: .regularExpression) == nil, "\(name)")
        }
    }
}
