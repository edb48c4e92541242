import ArgumentParser
import Engross
import Foundation

extension EngrossCommand {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Check a case file, then render TEMPLATE with it.",
            discussion: """
                Nothing is written unless the case file is valid. -o names a file when one format is \
                asked for, a folder when several are (created if missing, readable by its owner only), or - \
                for standard output. Without -o, documents are written to the current folder, named after \
                the case file (case.html, or case-redacted.html with --redact, so that one never replaces \
                the other). Files are written atomically and readable by their owner only; Ctrl-C leaves \
                no temporary file behind. An existing file is never replaced unless --force is given.

                --redact replaces every sensitive value (names, dates of birth, addresses, …) before \
                any output is written, for documents shared outside the legal team.

                A form template (kind="form") fills a blank PDF form: it writes -f pdf only, and finds \
                its blank in the forms folder (--forms DIR, then $ENGROSS_FORMS, then ./Forms) unless \
                --blank names the file. The blank must be the edition the template was written for. \
                --flatten prints the answers into the pages, leaving no fields to edit.

                Examples:
                  engross render letters/support case.json
                  engross render letters/support case.json -f pdf,docx -o out/
                  engross render letters/support case.json -f txt -o - --redact
                  engross render forms/example-i-000 case.json -o i-000.pdf --forms ~/Forms --flatten
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The template id.") var template: String
        @Argument(help: "The case file (.json, .yaml or .yml; - for standard input).") var caseFile: String
        @Option(name: .shortAndLong, help: ArgumentHelp("Output formats, comma-separated: txt, md, html, docx, pdf.", valueName: "formats"))
        var formats: String = "pdf"
        @Option(name: .shortAndLong, help: ArgumentHelp("Output file, folder, or - for standard output.", valueName: "out"))
        var output: String?
        @Flag(help: "Replace sensitive values before writing.") var redact = false
        @Option(help: ArgumentHelp("The folder of blank PDF forms (form templates only).", valueName: "dir")) var forms: String?
        @Option(help: ArgumentHelp("The blank PDF form to fill, instead of the forms folder's (form templates only).", valueName: "path"))
        var blank: String?
        @Flag(help: "Print a form's answers into its pages, leaving no fields (form templates only).") var flatten = false
        @Flag(help: "Replace output files that exist (without it, render refuses to overwrite them).") var force = false
        @Flag(help: "Write the PDF as PDF/A-2b, the archival PDF some courts and agencies require (a form only with --flatten).")
        var pdfa = false

        func run() throws {
            let formatList: [OutputFormat]
            do { formatList = try OutputFormat.list(formats) } catch { throw ValidationError("\(error)") }
            if output == "-" && formatList.count > 1 {
                throw ValidationError("-o - writes one document to standard output; ask for one format")
            }
            if pdfa && !formatList.contains(.pdf) {
                throw ValidationError("--pdfa makes PDF/A; add pdf to --formats, or leave out --pdfa")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: caseFile, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("\(caseFile) is a folder; render takes one case file (validate takes folders)")
            }
            let prepared = try common.engine().prepareOrExit(template)
            let blankForm = try formBlank(prepared, formats: formatList)
            if pdfa && blankForm != nil && !flatten {
                throw ValidationError("a filled form keeps its fields in the blank's own file, which is not PDF/A; add --flatten for a PDF/A copy, or leave out --pdfa")
            }
            let check = CaseCheck(file: caseFile, template: prepared)
            check.printDiagnostics()
            guard let data = check.data, check.unreadable == nil else { throw ExitCode(ExitStatus.usage) }
            guard check.isValid else {
                Console.error("\(caseFile): not valid (\(check.summary)); nothing was written")
                throw ExitCode(ExitStatus.invalidData)
            }
            // Everything is rendered before anything is written.
            var rendered: [(OutputFormat, [UInt8])] = []
            if let blankForm {
                do {
                    rendered.append((.pdf, try prepared.renderForm(data, blank: blankForm, options: .init(redact: redact, flatten: flatten, archival: pdfa))))
                } catch {
                    Console.error("engross: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
            } else {
                let document = prepared.render(data, redact: redact)
                for format in formatList {
                    do { rendered.append((format, try format.write(document, archival: pdfa))) } catch {
                        Console.error("engross: \(error)")
                        throw ExitCode(ExitStatus.usage)
                    }
                }
            }
            if output == "-" {
                Console.output(rendered[0].1)
                return
            }
            let paths = try destinations(for: formatList)
            try NewFile.refuseExisting(paths, force: force)
            // Temporary files that a render killed outright left there (they hold a client's data).
            for folder in Set(paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }) { TemporaryFiles.sweep(folder) }
            for ((_, bytes), path) in zip(rendered, paths) {
                do {
                    try AtomicFile.write(bytes, to: path)
                } catch {
                    Console.error("engross: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
                Console.error("wrote \(path)")
            }
        }

        /// The file to write for each format.
        private func destinations(for formats: [OutputFormat]) throws -> [String] {
            let stem = (caseFile == "-" ? "case" : URL(fileURLWithPath: caseFile).deletingPathExtension().lastPathComponent)
                + (redact ? "-redacted" : "")
            var folder = "."
            if let output {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
                if formats.count == 1 && !(exists && isDirectory.boolValue) && !output.hasSuffix("/") {
                    let parent = URL(fileURLWithPath: output).deletingLastPathComponent().path
                    guard FileManager.default.fileExists(atPath: parent) else {
                        Console.error("engross: the folder \(parent) does not exist")
                        throw ExitCode(ExitStatus.usage)
                    }
                    return [output]
                }
                if exists && !isDirectory.boolValue {
                    throw ValidationError("\(output) is a file; several formats need a folder for -o")
                }
                let outputExtension = URL(fileURLWithPath: output).pathExtension.lowercased()
                if !exists, OutputFormat(rawValue: outputExtension) != nil {
                    throw ValidationError("-o \(output) looks like a file name, but several formats need a folder; name a folder, or ask for one format")
                }
                do {
                    try PrivateFolder.create(output)
                } catch {
                    Console.error("engross: \(error)")
                    throw ExitCode(ExitStatus.usage)
                }
                folder = output
            }
            let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            return formats.map { "\(base)/\(stem).\($0.fileExtension)" }
        }
    }
}
