import CaseData
import Foundation
import Templating
import Testing

@testable import Engross

/// Inputs the fuzz targets (Fuzz/, `make fuzz`) found to crash, hang or exhaust memory, kept as
/// regression tests once fixed. Each test names the target that found it.
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

    /// FuzzCSV: a header naming list item 100,000,000 made that many items for each row, and the
    /// batch ran out of memory. The header is now refused, by column, before any row is read.
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
}
