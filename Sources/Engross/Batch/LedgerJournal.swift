import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The ledger as the batch runs: `report.journal.jsonl` in the output folder, one JSON line per
/// record (the line report.json would hold), appended as each record finishes. A batch killed
/// outright (SIGKILL, a power cut, the machine out of memory) leaves it behind, and `--resume`
/// reads it, so only the records under way are done again. When the batch ends, report.csv and
/// report.json are written and the journal is removed.
///
/// Each line is one `write` to a file opened for appending, which the kernel never interleaves
/// with another; it is flushed to disk (`fdatasync`) every few seconds, not per record, which
/// would cost more than rendering a letter.
final class LedgerJournal: @unchecked Sendable {
    static let name = "report.journal.jsonl"
    /// How often the journal is flushed to disk, at most.
    static let flushInterval = 2.0

    private let path: String
    private let descriptor: Int32

    /// Starts the journal in `folder`: with `carried` (what an earlier run rendered, one line each,
    /// so that a run killed again loses none of it), then the records of this run.
    init(folder: String, carried: [LedgerEntry]) throws(AtomicFile.WriteError) {
        path = folder + "/" + Self.name
        var text = ""
        for entry in carried { text += Ledger.jsonLine(entry) + "\n" }
        try AtomicFile.write(Array(text.utf8), to: path)
        descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    /// Appends a finished record; from any thread. A failure to write is not fatal: the batch
    /// goes on, and at worst `--resume` does the record again.
    func append(_ entry: LedgerEntry) {
        var line = Ledger.jsonLine(entry) + "\n"
        line.withUTF8 { buffer in
            var written = 0
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { return }
                written += result
            }
        }
    }

    /// Flushes the lines written so far to disk.
    func flush() { fdatasync(descriptor) }

    /// Removes the journal: the reports now hold everything it did.
    func remove() { unlink(path) }
}
