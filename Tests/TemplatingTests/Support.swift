import CaseData
import Foundation
import Templating

/// A temporary templates folder for one test.
struct TemplateFolder {
    let path: String

    /// Writes each `id: xml` pair as `id.xml`.
    init(_ files: [String: String]) {
        path = NSTemporaryDirectory() + "engross-tests-" + UUID().uuidString
        for (id, text) in files {
            let url = URL(fileURLWithPath: path + "/" + id + ".xml")
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    var library: TemplateLibrary { TemplateLibrary(path: path) }

    /// The file name messages use for template `id`.
    func file(_ id: String) -> String { library.root.path + "/" + id + ".xml" }

    /// Loads `id`, returning the problems (empty when it loads).
    func problems(_ id: String) -> [TemplateError] {
        do {
            _ = try library.load(id)
            return []
        } catch {
            return error.errors
        }
    }
}

/// A whole template file around `fields` and `body`. The `<fields>` element starts on line 4,
/// so a field on the first line of `fields` is on line 5; the first line of `body` is on line
/// 7 + the number of lines in `fields`.
func templateXML(id: String = "t", fields: String = "", body: String, extra: String = "") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <template xmlns="urn:engross:template:1" id="\(id)" version="1.0.0" kind="letter"\(extra)>
      <meta><title>Test</title></meta>
      <fields>
    \(fields)
      </fields>
      <body>
    \(body)
      </body>
    </template>
    """
}

/// Loads a one-template folder and renders `caseJSON` with it; today is 2026-11-29.
func render(fields: String, body: String, caseJSON: String) throws -> [Block] {
    let folder = TemplateFolder(["t": templateXML(fields: fields, body: body)])
    let template = try folder.library.load("t")
    let data = try JSONCaseParser.parse(Array(caseJSON.utf8), file: "case.json")
    return DocumentEvaluator(template: template, today: testToday).evaluate(data).blocks
}

/// Validates `caseJSON` against a one-template folder; today is 2026-11-29.
func validate(fields: String, caseJSON: String) throws -> [Diagnostic] {
    let folder = TemplateFolder(["t": templateXML(fields: fields, body: "<p>x</p>")])
    let template = try folder.library.load("t")
    let data = try JSONCaseParser.parse(Array(caseJSON.utf8), file: "case.json")
    return CaseValidator(template: template, today: testToday).validate(data, file: "case.json")
}

let testToday = CivilDate(year: 2026, month: 11, day: 29)!

import DocumentModel

extension Array where Element == Block {
    /// The plain text of each block, for compact assertions.
    var texts: [String] {
        map { block in
            switch block {
            case .heading(_, let content, _), .paragraph(let content, _), .quote(let content): return content.plainText
            case .numbered(let number, let content): return "\(number). \(content.plainText)"
            case .list(_, let items): return items.map(\.plainText).joined(separator: " | ")
            case .letterhead(let lines), .signature(let lines): return lines.map(\.plainText).joined(separator: " / ")
            case .table(let table): return table.rows.map { $0.cells.map(\.plainText).joined(separator: ",") }.joined(separator: ";")
            case .caption(let caption): return (caption.court + caption.parties + caption.caseInfo + caption.title).map(\.plainText).joined(separator: " / ")
            case .pageBreak: return "<page>"
            }
        }
    }
}
