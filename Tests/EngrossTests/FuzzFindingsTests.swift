import CaseData
import Foundation
import Templating
import Testing

@testable import Engross

/// Inputs that crash, hang or exhaust memory, found by the fuzz targets (Fuzz/, `make fuzz`) or
/// while writing them, kept as regression tests once fixed. Each test says where it came from.
@Suite("Fuzz findings")
struct FuzzFindingsTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    private func csv(_ text: String) throws -> String {
        let folder = NSTemporaryDirectory() + "engross-fuzz-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/rows.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Found while writing FuzzCSV (its first ten minutes did not reach it): a header naming list
    /// item 100,000,000 made that many items for each row, and the batch ran out of memory. The
    /// header is now refused, by column, before any row is read.
    @Test func aHugeListIndexInAHeaderIsRefused() throws {
        let template = try engine.prepare("letters/support").template
        let path = try csv("role,services[100000000].description\nadvocate,Shelter\n")
        #expect {
            _ = try BatchInput.open(path, template: template)
        } throws: { error in
            guard let error = error as? BatchInputError else { return false }
            return error.line == 1 && error.message.contains("column 2")
                && error.message.contains("list index 100000000 is too large")
                && error.message.contains("at most 1000 items")
        }
    }

    /// The largest index allowed still reads, with the items before it made empty.
    @Test func theLargestListIndexAllowedIsRead() throws {
        let template = try engine.prepare("letters/support").template
        let index = CSVRecords.maximumListIndex
        var source = try BatchInput.open(try csv("services[\(index)].description\nShelter\n"), template: template)
        let data = try #require(try source.next()?.data)
        let services = try #require(data.objectValue?["services"]?.listValue)
        #expect(services.count == index + 1)
        #expect(services.last?.objectValue?["description"]?.stringValue == "Shelter")
    }

    /// Found while writing FuzzTemplate's check that `engross init --yaml` output reads back: an
    /// option label written over two lines of the template ended the YAML comment that lists the
    /// options, and its second line broke the file; a help text with a line break could even add a
    /// field. Notes and the title are now written on one line.
    @Test func aYAMLSkeletonKeepsItsNotesOnOneLine() throws {
        let folder = NSTemporaryDirectory() + "engross-fuzz-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="t" version="1.0.0" kind="letter">
              <meta><title>A title
                over two lines</title></meta>
              <fields>
                <field name="visa" type="choice">
                  <option value="t">T visa, for victims of a severe form of
                    trafficking: Form I-914</option>
                  <option value="u">U visa</option>
                </field>
                <field name="note" type="text" help="first line&#10;role: x"/>
              </fields>
              <body><p>x</p></body>
            </template>
            """.write(toFile: folder + "/t.xml", atomically: true, encoding: .utf8)
        let template = try Engine(templatesPath: folder, today: fixtureToday).prepare("t").template
        let yaml = CaseSchema.yamlSkeleton(for: template)
        #expect(yaml.contains("# Case file for t: A title over two lines\n"))
        #expect(yaml.contains("# Visa (one of: t = T visa, for victims of a severe form of trafficking: Form I-914; u = U visa)\n"))
        let data = try YAMLCaseLoader.parse(yaml, file: "t.yaml")
        #expect(data.objectValue?.keys == ["visa", "note"])
    }

    /// Found by the template target (CI, 2026-12-02): a help text holding a DEL character (one bit
    /// flipped in a letter of the T visa declaration's help) was copied into the YAML skeleton's
    /// comment, and YAML refuses control characters even there: `engross init --yaml` wrote a file
    /// that `engross validate` could not read. Notes now drop control characters.
    @Test func aYAMLSkeletonDropsControlCharactersFromItsNotes() throws {
        let folder = NSTemporaryDirectory() + "engross-fuzz-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <template xmlns="urn:engross:template:1" id="t" version="1.0.0" kind="letter">
              <meta><title>A title</title></meta>
              <fields>
                <field name="purpose" type="text" help="debt bondage or pe\u{7F}nage"/>
              </fields>
              <body><p>x</p></body>
            </template>
            """.write(toFile: folder + "/t.xml", atomically: true, encoding: .utf8)
        let template = try Engine(templatesPath: folder, today: fixtureToday).prepare("t").template
        let yaml = CaseSchema.yamlSkeleton(for: template)
        #expect(yaml.contains("debt bondage or penage"))
        let data = try YAMLCaseLoader.parse(yaml, file: "t.yaml")
        #expect(data.objectValue?.keys == ["purpose"])
    }
}
