import Engross
import Foundation
import Testing

@Suite("Atomic writes")
struct AtomicFileTests {
    private func folder() -> String {
        let path = NSTemporaryDirectory() + "engross-atomic-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesAndReplacesWholeFilesOwnerOnly() throws {
        let dir = folder()
        let path = dir + "/letter.txt"
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["letter.txt"])
    }

    @Test func failureLeavesNothingBehind() throws {
        let dir = folder()
        try FileManager.default.createDirectory(atPath: dir + "/taken", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/taken/inside", withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write([1, 2, 3], to: dir + "/taken") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["taken"])
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write([1], to: dir + "/missing/x.txt") }
    }
}
