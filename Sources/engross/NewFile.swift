import ArgumentParser
import Engross
import Foundation

/// Where a command writes a file it makes for the user to edit (a skeleton case file or
/// template): standard output without a path (or with "-"), otherwise a new file written
/// atomically, never over an existing one unless `force`.
enum NewFile {
    /// Writes `text`; prints `done` on standard error once a file is written. Exits 2 when the
    /// file exists (without `force`) or cannot be written.
    static func write(_ text: String, to output: String?, force: Bool, done: @autoclosure () -> String) throws {
        guard let output, output != "-" else {
            Console.output(text)
            return
        }
        try refuseExisting([output], force: force)
        do {
            try AtomicFile.write(Array(text.utf8), to: output)
        } catch {
            Console.error("engross: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        Console.error(done())
    }

    /// Exits 2, naming them, when any of `paths` exists and `force` is not given: a command never
    /// replaces a file silently (a document an attorney may have edited since).
    static func refuseExisting(_ paths: [String], force: Bool) throws {
        guard !force else { return }
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        guard !existing.isEmpty else { return }
        let list = existing.joined(separator: ", ")
        Console.error("engross: \(list) already exist\(existing.count == 1 ? "s" : ""); pass --force to overwrite "
            + (existing.count == 1 ? "it" : "them") + "; nothing was written")
        throw ExitCode(ExitStatus.usage)
    }
}
