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
        if FileManager.default.fileExists(atPath: output), !force {
            Console.error("engross: \(output) already exists; pass --force to overwrite it")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: output)
        } catch {
            Console.error("engross: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        Console.error(done())
    }
}
