import ArgumentParser
import Dispatch
import Engross
import Foundation
import Templating

extension EngrossCommand {
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Validate and render TEMPLATE for every record of a spreadsheet, JSON Lines file or folder.",
            discussion: """
                INPUT is a CSV file (a header row of field paths such as client.fullName or \
                incidents[0].date; empty cells are absent values), a JSON Lines file (.jsonl, one case \
                per line), a JSON array (.json) or a folder of case files. Every record is checked \
                first; an invalid record is reported and skipped, and never stops the batch. Work is \
                spread over all cores.

                The output folder gets one document per record and format, named by --name (field \
                paths in braces; names are made safe for every file system and unique) or by record \
                number, and a ledger: report.csv and report.json, one row per record with its status \
                (rendered, invalid, failed, skipped), its files and its problems. The ledger never holds \
                a sensitive value, except in file names you make from sensitive fields with --name \
                (you are warned). A folder of case files names each document after its case file.

                While the batch runs, each finished record is added to report.journal.jsonl; the \
                reports are written from what it holds when the batch ends, and it is removed. Ctrl-C \
                (or SIGTERM) stops cleanly: records under way finish, no half-written document is left, \
                and the ledger is written; run the same command with --resume to finish the rest. A \
                batch killed outright leaves the journal, and --resume then redoes only the records \
                that were under way.

                Names of the batch's own files are never given to a document: a record that would be \
                named combined or report gets combined-2 or report-2. Folders the batch creates are \
                readable by their owner only.

                Exit status: 0 every record rendered; 1 some records were invalid or failed (the rest \
                were rendered); 2 a usage error or an unreadable input; 130 interrupted (143 by SIGTERM).

                Examples:
                  engross batch letters/support clients.csv -o letters/ -f pdf,docx
                  engross batch letters/support rows.csv -o out/ --name "{caseNumber}"
                  engross batch letters/support rows.csv -o out/ --combine
                  engross batch letters/support cases/ -o out/ -f docx --jobs 4
                  engross batch letters/support clients.csv -o letters/ --resume
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The template id.") var template: String
        @Argument(help: "A .csv, .jsonl or .json file, or a folder of case files.") var input: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The output folder (created if missing).", valueName: "dir"))
        var output: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Output formats, comma-separated: pdf, docx, html, md, txt.", valueName: "formats"))
        var formats: String = "pdf"
        @Option(help: ArgumentHelp("How many records to render at once (the default is the number of cores).", valueName: "n"))
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        @Option(help: ArgumentHelp("File names from field paths in braces, e.g. \"{client.fullName}\".", valueName: "pattern"))
        var name: String?
        @Flag(help: "Also write combined.pdf and combined.docx: every document, in record order, for printing.")
        var combine = false
        @Flag(help: "Skip records rendered by an earlier run whose data has not changed.") var resume = false
        @Flag(name: .shortAndLong, help: "Print nothing but errors.") var quiet = false
        @Flag(help: "Write PDFs as PDF/A-2b, the archival PDF some courts and agencies require.") var pdfa = false

        func validate() throws {
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let formatList: [OutputFormat]
            do { formatList = try OutputFormat.list(formats) } catch { throw ValidationError("\(error)") }
            if pdfa && !formatList.contains(.pdf) {
                throw ValidationError("--pdfa makes PDF/A; add pdf to --formats, or leave out --pdfa")
            }
            let prepared = try common.engine().prepareOrExit(template)
            if prepared.template.isForm {
                Console.error("engross: \(template) is a form template; batch writes documents, so fill the form for each case with `engross render \(template) CASE -o FILE.pdf`")
                throw ExitCode(ExitStatus.usage)
            }
            var source: any RecordSource
            do {
                source = try BatchInput.open(input, template: prepared.template)
                let namer = try FileNamer(pattern: name)
                let undeclared = namer.undeclaredPaths(in: prepared.template)
                if !undeclared.isEmpty {
                    throw BatchInputError(file: "--name", "\(template) has no field \(undeclared.map { $0.description }.joined(separator: ", ")); "
                        + "see `engross fields \(template)`")
                }
            } catch {
                Console.error("engross: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            if source.estimatedCount == 0 {
                Console.error("engross: \(input) holds no records")
                throw ExitCode(ExitStatus.usage)
            }
            if !quiet { warnAbout(source, prepared: prepared) }

            let stopper = Stopper()
            Interrupts.handle { signal in
                if stopper.stop(signal) {
                    Console.error("\nengross: stopping after the records under way (Ctrl-C again to quit at once)")
                } else {
                    Interrupts.exit(signal)
                }
            }

            let options = BatchOptions(formats: formatList, outputFolder: output, jobs: jobs, namePattern: name,
                combine: combine, resume: resume, archival: pdfa)
            let progress = ProgressReporter(quiet: quiet)
            let summary: BatchProgress
            do {
                summary = try BatchRunner(template: prepared, options: options).run(&source, report: progress.show, stop: stopper.isStopped)
            } catch let error as BatchInputError {
                progress.finish()
                Console.error("engross: \(error)")
                throw ExitCode(ExitStatus.usage)
            } catch {
                progress.finish()
                Console.error("engross: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            progress.finish()
            for warning in summary.warnings.prefix(10) { Console.error("engross: warning: \(warning)") }
            if summary.warnings.count > 10 { Console.error("engross: warning: and \(summary.warnings.count - 10) more entries of the earlier ledger were ignored") }
            if !quiet {
                let rate = summary.seconds > 0 ? Double(summary.done - summary.skipped) / summary.seconds : 0
                let of = summary.interrupted
                    ? "the first \(summary.done) records" + (summary.total.map { " (of about \($0))" } ?? "")
                    : "\(summary.done) records"
                Console.error("batch: \(summary.rendered) rendered, \(summary.invalid) invalid, \(summary.failed) failed, "
                    + "\(summary.skipped) skipped of \(of) in \(String(format: "%.1f", summary.seconds)) s "
                    + "(\(Int(rate)) per second); ledger: \(output)/\(Ledger.csvName)"
                    + (summary.interrupted ? "; interrupted: run again with --resume to finish" : ""))
            }
            if summary.interrupted { throw ExitCode(Interrupts.status(stopper.signal ?? SIGINT)) }
            if summary.invalid + summary.failed > 0 { throw ExitCode(ExitStatus.invalidData) }
        }

        private func warnAbout(_ source: any RecordSource, prepared: PreparedTemplate) {
            if let csv = source as? CSVRecordsInfo, !csv.unknownColumns.isEmpty {
                Console.error("engross: warning: these columns name no field of \(template) and are ignored: "
                    + csv.unknownColumns.joined(separator: ", "))
            }
            if let pattern = name, let namer = try? FileNamer(pattern: pattern) {
                let sensitive = namer.paths.filter { path in
                    var fields = prepared.template.fields
                    var found = false
                    for component in path.components {
                        guard case .key(let key) = component, let field = fields.first(where: { $0.name == key }) else { continue }
                        found = found || field.sensitive
                        fields = field.children
                    }
                    return found
                }
                if !sensitive.isEmpty {
                    Console.error("engross: warning: --name uses sensitive fields (\(sensitive.map(\.description).joined(separator: ", "))); "
                        + "the file names, and the ledger that lists them, will show those values to anyone who can read the folder")
                }
            }
        }
    }
}

/// Set by the first Ctrl-C (or SIGTERM); a second one quits at once.
final class Stopper: @unchecked Sendable {
    private let lock = NSLock()
    private var stoppedBy: Int32?

    /// Asks the batch to stop, because of `signal`; false when it had been asked already.
    func stop(_ signal: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard stoppedBy == nil else { return false }
        stoppedBy = signal
        return true
    }

    func isStopped() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return stoppedBy != nil
    }

    /// The signal that stopped the batch, if any.
    var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return stoppedBy
    }
}

/// Progress on standard error: a bar on a terminal, a line every few seconds otherwise, nothing
/// with --quiet.
final class ProgressReporter: @unchecked Sendable {
    private let quiet: Bool
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastLine = 0.0
    private var drewBar = false

    init(quiet: Bool) { self.quiet = quiet }

    func show(_ progress: BatchProgress) {
        guard !quiet else { return }
        let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
        let total = progress.total.map { max($0, progress.done) }
        if terminal {
            var text = "\r  \(progress.done)" + (total.map { "/\($0)" } ?? "") + " records"
            if let total, total > 0 {
                let filled = Int(Double(progress.done) / Double(total) * 30)
                text += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "]"
                if rate > 0 { text += String(format: "  %.0f/s, %@ left", rate, Self.duration(Double(total - progress.done) / rate)) }
            } else if rate > 0 {
                text += String(format: "  %.0f/s", rate)
            }
            if progress.invalid + progress.failed > 0 { text += "  \(progress.invalid + progress.failed) with problems" }
            FileHandle.standardError.write(Data((text + "   ").utf8))
            drewBar = true
        } else if progress.seconds - lastLine >= 5 {
            lastLine = progress.seconds
            Console.error("batch: \(progress.done)" + (total.map { " of about \($0)" } ?? "") + " records, "
                + String(format: "%.0f per second", rate))
        }
    }

    func finish() {
        if drewBar { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? "\(whole / 3600)h\(whole % 3600 / 60)m" : "\(whole / 60):" + String(format: "%02d", whole % 60)
    }
}
