import Foundation
import TestSupport
import Testing

@Suite("engross form-fields")
struct FormFieldsCLITests {
    let blank = "Fixtures/forms/example-i-000.pdf"

    @Test func theTableListsEveryField() throws {
        let run = try engross(["form-fields", blank])
        #expect(run.status == 0 && run.stderr.isEmpty)
        try Golden.check(run.stdout, against: "forms/example-i-000.fields.txt")
        #expect(run.stdout.contains("form1[0].#subform[0].Pt1Line2_AlienNumber[0]      text         1     144 x 18  9    comb"))
    }

    @Test func theJSONHasEveryFieldWithItsBoxes() throws {
        let run = try engross(["form-fields", blank, "--json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["pages"] as? Int == 2 && object["xfa"] as? Bool == true)
        let fields = try #require(object["fields"] as? [[String: Any]])
        #expect(fields.count == 15)
        let aNumber = try #require(fields.first { $0["name"] as? String == "form1[0].#subform[0].Pt1Line2_AlienNumber[0]" })
        #expect(aNumber["comb"] as? Bool == true && aNumber["maxLength"] as? Int == 9 && aNumber["type"] as? String == "text")
        #expect(fields.first { $0["type"] as? String == "radio" }?["options"] as? [String] == ["F", "M"])
    }

    @Test func theSkeletonMapsEveryField() throws {
        let run = try engross(["form-fields", blank, "--skeleton", "forms/example-i-000"])
        #expect(run.status == 0)
        try Golden.check(run.stdout, against: "forms/example-i-000.skeleton.xml")
        // Every PDF field is named once by an element of <form>.
        let mapped = run.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: #"field=""#) else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(mapped.count == 15 && Set(mapped).count == 15)
        #expect(run.stdout.contains(#"<leave field="form1[0].#subform[1].PrintButton[0]"/>"#))
        #expect(run.stdout.contains(#"<leave field="form1[0].#subform[1].Pt4Line1_Signature[0]"/>"#))
    }

    @Test func theSkeletonIsWrittenOnceWithoutForce() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("i-000.xml").path
        let first = try engross(["form-fields", blank, "--skeleton", "forms/i-000", "-o", output])
        #expect(first.status == 0 && first.stdout.isEmpty && first.stderr.contains("wrote \(output)"))
        #expect(FileManager.default.contents(atPath: output).map { String(decoding: $0, as: UTF8.self) }?.contains(#"id="forms/i-000""#) == true)
        let again = try engross(["form-fields", blank, "--skeleton", "forms/i-000", "-o", output])
        #expect(again.status == 2 && again.stderr.contains("already exists; pass --force"))
    }

    @Test func unreadableBlanksExitTwoWithOneLine() throws {
        for (file, message) in [("Fixtures/forms/none.pdf", "no such file"), ("README.md", "is not a PDF file")] {
            let run = try engross(["form-fields", file])
            #expect(run.status == 2 && run.stdout.isEmpty)
            #expect(run.stderr.contains(message) && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        // A damaged PDF: qpdf's and poppler's own warnings stay off standard error.
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let damaged = folder.appendingPathComponent("damaged.pdf")
        let bytes = try Data(contentsOf: repositoryRoot.appendingPathComponent(blank))
        try bytes.prefix(bytes.count / 2).write(to: damaged)
        let run = try engross(["form-fields", damaged.path])
        #expect(run.status == 2 && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(try engross(["form-fields", blank, "-o", "x.xml"]).status == 2)
    }
}
