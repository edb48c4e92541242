import CaseData
import Dispatch
import DocumentModel
import Foundation
import Templating

#if canImport(Glibc)
import Glibc
#endif

/// How a batch runs.
public struct BatchOptions: Sendable {
    public var formats: [OutputFormat]
    /// Where documents and the ledger go (created if missing).
    public var outputFolder: String
    /// How many records render at once.
    public var jobs: Int
    /// File names from field paths, e.g. `{client.lastName}-{client.firstName}`; nil numbers them.
    public var namePattern: String?
    /// Also write all rendered documents as one PDF and one DOCX, in record order.
    public var combine: Bool
    /// Skip records whose outputs exist from an earlier run with the same data.
    public var resume: Bool
    /// PDFs as PDF/A-2b.
    public var archival: Bool

    public init(formats: [OutputFormat], outputFolder: String, jobs: Int, namePattern: String? = nil, combine: Bool = false,
        resume: Bool = false, archival: Bool = false)
    {
        self.archival = archival
        self.formats = formats
        self.outputFolder = outputFolder
        self.jobs = max(1, jobs)
        self.namePattern = namePattern
        self.combine = combine
        self.resume = resume
    }
}

/// Counts so far, for progress reports and the summary.
public struct BatchProgress: Sendable {
    public var done = 0
    public var rendered = 0
    public var invalid = 0
    public var failed = 0
    public var skipped = 0
    /// How many records there are (or an upper bound), when known.
    public var total: Int?
    public var seconds = 0.0
    /// Whether the batch was stopped before the end of its input.
    public var interrupted = false
    /// What the user should know before trusting the result, e.g. entries of an earlier ledger
    /// that --resume ignored; never a sensitive value.
    public var warnings: [String] = []

    mutating func count(_ status: LedgerEntry.Status) {
        done += 1
        switch status {
        case .rendered: rendered += 1
        case .invalid: invalid += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
    }
}

/// Validates and renders every record of a batch input on several cores, writing each document
/// atomically, and keeps a ledger of what happened to each record. An invalid record never stops
/// the batch; reading streams, so the input never sits in memory whole.
public final class BatchRunner: @unchecked Sendable {
    public let template: PreparedTemplate
    public let options: BatchOptions
    private let lock = NSLock()
    private var entries: [LedgerEntry] = []
    private var progress = BatchProgress()
    private var combined: [Int: Document] = [:]
    private var journal: LedgerJournal?

    public init(template: PreparedTemplate, options: BatchOptions) {
        self.template = template
        self.options = options
    }

    /// Runs the batch. `report` is called from time to time with the counts so far; `stop` is
    /// polled between records (a SIGINT handler sets it): in-flight records finish, the ledger is
    /// written, and `--resume` can finish the rest.
    public func run(
        _ source: inout any RecordSource, report: (BatchProgress) -> Void, stop: () -> Bool
    ) throws -> BatchProgress {
        let folder = options.outputFolder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw BatchInputError(file: folder, "is a file; -o names the folder the documents go to")
        }
        do {
            try PrivateFolder.create(folder)
        } catch {
            throw BatchInputError(file: folder, "cannot create the output folder (permission denied, or the path is not writable)")
        }
        TemporaryFiles.sweep(folder)
        let previous = options.resume ? Ledger.previous(in: folder) : Ledger.Previous()
        progress.warnings = previous.warnings
        // The journal holds what is done from now on (with what the earlier run did, for
        // --resume); the reports of an earlier run would be stale until this one ends.
        let journal: LedgerJournal
        do { journal = try LedgerJournal(folder: folder, carried: previous.entries) } catch {
            throw BatchInputError(file: folder, "cannot write the ledger's journal there (\(error.reason))")
        }
        self.journal = journal
        for name in [Ledger.csvName, Ledger.jsonName] { unlink(folder + "/" + name) }
        var namer = try FileNamer(pattern: options.namePattern)
        let salt = "\(template.template.id)@\(template.template.version)|\(options.formats.map(\.rawValue).joined(separator: ","))|"
        let started = DispatchTime.now()
        progress.total = source.estimatedCount
        let queue = DispatchQueue(label: "engross.batch", attributes: .concurrent)
        let slots = DispatchSemaphore(value: options.jobs * 2)
        let group = DispatchGroup()
        var lastReport = DispatchTime.now()
        var lastFlush = DispatchTime.now()

        // This thread only reads and names (names must be given in input order to be unique);
        // hashing, validating and rendering happen on the workers.
        while !stop(), let record = try source.next() {
            let name = namer.name(for: record)
            slots.wait()
            group.enter()
            queue.async {
                let hash = Ledger.inputHash(of: record.data, salt: salt)
                if let earlier = previous.records[record.number], earlier.hash == hash, self.outputsExist(earlier.outputs, in: folder) {
                    self.store(LedgerEntry(record: record.number, file: record.file, line: record.line, status: .skipped,
                        outputs: earlier.outputs, inputHash: hash, diagnostics: [], failure: nil),
                        document: self.options.combine ? record.data.map { self.template.render($0) } : nil)
                } else {
                    let (entry, document) = self.process(record, name: name, hash: hash)
                    self.store(entry, document: document)
                }
                slots.signal()
                group.leave()
            }
            if Double(DispatchTime.now().uptimeNanoseconds - lastReport.uptimeNanoseconds) > 2e8 {
                lastReport = DispatchTime.now()
                report(snapshot(since: started))
            }
            if Double(DispatchTime.now().uptimeNanoseconds - lastFlush.uptimeNanoseconds) > LedgerJournal.flushInterval * 1e9 {
                lastFlush = DispatchTime.now()
                journal.flush()
            }
        }
        group.wait()
        lock.lock()
        progress.interrupted = stop()
        let finalEntries = entries
        lock.unlock()
        try Ledger.write(finalEntries, to: folder)
        journal.remove()
        if options.combine { try writeCombined(to: folder) }
        sync()  // documents were written without a flush each; make them durable once, here
        let summary = snapshot(since: started)
        report(summary)
        return summary
    }

    private func snapshot(since started: DispatchTime) -> BatchProgress {
        lock.lock()
        defer { lock.unlock() }
        var copy = progress
        copy.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return copy
    }

    private func store(_ entry: LedgerEntry, document: Document?) {
        journal?.append(entry)
        lock.lock()
        entries.append(entry)
        progress.count(entry.status)
        if let document, options.combine { combined[entry.record] = document }
        lock.unlock()
    }

    private func outputsExist(_ outputs: [String], in folder: String) -> Bool {
        !outputs.isEmpty && outputs.allSatisfy { output in
            let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + output)[.size] as? Int) ?? 0
            return size > 0
        }
    }

    /// Validates and renders one record; never throws, so one record never stops the batch.
    private func process(_ record: BatchRecord, name: String, hash: String) -> (LedgerEntry, Document?) {
        var entry = LedgerEntry(record: record.number, file: record.file, line: record.line, status: .invalid, outputs: [],
            inputHash: hash, diagnostics: record.readProblems, failure: nil)
        guard let data = record.data else { return (entry, nil) }
        entry.diagnostics += template.validate(data, file: record.file).map { Self.forSpreadsheet($0, columns: record.columns) }
        guard !entry.diagnostics.contains(where: { $0.severity == .error }) else { return (entry, nil) }
        let document = template.render(data)
        for format in options.formats {
            let output = "\(name).\(format.fileExtension)"
            do {
                try AtomicFile.write(try format.write(document, archival: options.archival), to: options.outputFolder + "/" + output, durable: false)
                entry.outputs.append(output)
            } catch {
                entry.status = .failed
                entry.failure = "\(error)"
                return (entry, nil)
            }
        }
        entry.status = .rendered
        return (entry, document)
    }

    /// A diagnostic's help in a spreadsheet's terms, for a CSV row: which column to fill in or add.
    static func forSpreadsheet(_ diagnostic: Diagnostic, columns: [String: Int]?) -> Diagnostic {
        guard let columns else { return diagnostic }
        var adjusted = diagnostic
        let path = diagnostic.path
        switch diagnostic.code {
        case .required:
            if let column = columns[path] {
                adjusted.help = "fill in column \(column) (\(path))"
                adjusted.position = diagnostic.position.map { SourcePosition(line: $0.line, column: column) }
            } else {
                adjusted.help = "add a column headed \(path)"
            }
        case .tooFewItems:
            let first = columns.keys.filter { $0.hasPrefix(path + "[") }.sorted().first
            adjusted.help = first.map { "fill in \($0) and the columns beside it" } ?? "add columns headed \(path)[0].… for the first item"
        case .wrongType where diagnostic.message.hasPrefix("must be true or false"):
            adjusted.help = "write yes or no (or true or false)"
        default:
            break
        }
        return adjusted
    }

    /// combined.pdf and combined.docx: every rendered document, in record order, each starting
    /// on a new page with its own page numbers and its own entry in the PDF's outline.
    private func writeCombined(to folder: String) throws {
        let documents = combined.keys.sorted().compactMap { combined[$0] }
        guard let first = documents.first else { return }
        let title = "\(first.metadata.title) (\(documents.count) documents)"
        for format in [OutputFormat.pdf, .docx] {
            try AtomicFile.write(try format.write(documents, title: title, archival: options.archival), to: folder + "/combined.\(format.fileExtension)")
        }
    }
}
