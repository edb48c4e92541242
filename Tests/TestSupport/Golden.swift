import Foundation
import Testing

/// The root of the repository, found from this file's place in it.
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Compares output with golden files in Fixtures/golden/. Run the tests with UPDATE_GOLDEN=1 to
/// rewrite the files, then review the change by eye before committing it.
public enum Golden {
    public static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = repositoryRoot.appendingPathComponent("Fixtures/golden/" + name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
        let place = first.map { "line \($0.offset + 1):\n  expected: \($0.element.1)\n  actual:   \($0.element.0)" }
            ?? "lengths differ (\(expectedLines.count) vs \(actualLines.count) lines)"
        Issue.record("\(name) differs from its golden file at \(place); if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff",
            sourceLocation: sourceLocation)
    }
}
