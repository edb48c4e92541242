import ArgumentParser
import CaseData
import Engross
import Foundation
import Templating

extension EngrossCommand {
    struct Packet: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a packet's case file, then write the whole filing packet.",
            discussion: """
                PACKET is a packet definition under the templates folder's packets/ (e.g. \
                packets/t-visa; `engross list` shows them). Its case file holds each document's case \
                data under its own key, and the exhibits as a list of { id, file, title, source, date }, \
                the files named relative to the case file's folder (PDF, PNG or JPEG). A file outside \
                that folder (an absolute path, a .., or a link out of it) is refused unless you pass \
                --allow-outside-exhibits: a case file from someone else should not pull in any file \
                you can read.

                Every problem is reported before anything is written: each document's case data, \
                missing or unreadable exhibit files, PDFs protected by a password, and citations of \
                paragraphs or exhibits that the packet does not have. A packet that includes an \
                official form (a form template) fills the blank in the forms folder (--forms DIR, \
                else $ENGROSS_FORMS, else ./Forms); a missing blank, or one of another edition, \
                stops it before anything is written (exit 2).

                OUT receives the combined PDF (e.g. t-visa-packet.pdf) with continuous page numbers, \
                an outline entry per document and exhibit, and with --bates a stamp like DOE-000001 \
                on every page (the prefix as given: DOE- and DOE_ get no second separator; \
                --bates-start continues the numbering of an earlier submission, --bates-digits sets \
                the zero-padding); documents/ with each generated document as PDF and DOCX (a form as \
                its filled PDF, whose fields stay editable); and \
                manifest.json with the SHA-256 of the case file, of every exhibit and of every output, \
                and what each path is relative to. The packet is written aside first and then replaces \
                an earlier one whole: documents/ is replaced, never added to, and a failure leaves the \
                earlier packet as it was. Folders it creates are readable by their owner only.

                Examples:
                  engross packet packets/t-visa case.json -o filing/
                  engross packet packets/t-visa case.json -o filing/ --bates DOE
                  engross packet packets/t-visa case.json -o rfe-response/ --bates DOE- --bates-start 213
                  engross packet packets/t-visa case.json -o filing/ --forms ~/uscis-forms
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The packet id, e.g. packets/t-visa.") var packet: String
        @Argument(help: "The packet's case file (.json, .yaml or .yml).") var caseFile: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the packet to (created if missing).", valueName: "out"))
        var output: String
        @Option(help: ArgumentHelp("Stamp every page with PREFIX-000001, PREFIX-000002, …", valueName: "prefix"))
        var bates: String?
        @Option(help: ArgumentHelp("The Bates number of the first page (default 1), to continue an earlier submission's numbering.", valueName: "n"))
        var batesStart: Int = 1
        @Option(help: ArgumentHelp("The fewest digits of a Bates number, zero-padded (default 6).", valueName: "n"))
        var batesDigits: Int = 6
        @Flag(help: "Allow exhibit files outside the case file's folder (absolute paths, ..): only for a case file you trust.")
        var allowOutsideExhibits = false
        @Option(help: ArgumentHelp("The folder of blank PDF forms, for a packet that includes forms (default: $ENGROSS_FORMS, else ./Forms).", valueName: "dir"))
        var forms: String?
        @Flag(help: "Write the combined PDF and the documents' PDFs as PDF/A-2b, the archival PDF some courts and agencies require.")
        var pdfa = false

        func run() throws {
            if let bates, !PacketWriter.isValidBatesPrefix(bates) {
                throw ValidationError("--bates takes 1 to 20 letters, digits, - or _ (e.g. --bates DOE)")
            }
            guard (1...999_999_999).contains(batesStart) else {
                throw ValidationError("--bates-start takes a number from 1 to 999999999 (the first page's Bates number)")
            }
            guard (1...10).contains(batesDigits) else {
                throw ValidationError("--bates-digits takes a number from 1 to 10")
            }
            if bates == nil, batesStart != 1 || batesDigits != 6 {
                throw ValidationError("--bates-start and --bates-digits number the --bates stamps; give --bates PREFIX too")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("-o \(output) is a file; name the folder the packet goes to")
            }
            let engine = try common.engine()
            let id = packet.hasPrefix("packets/") ? packet : "packets/" + packet
            let loaded: Engross.Packet
            do {
                loaded = try Engross.Packet(engine: engine, id: id)
            } catch {
                throw reportBroken("packet", id, error)
            }
            let data: CaseValue
            do { data = try CaseFile.load(path: caseFile) } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.usage)
            }
            let (assembly, diagnostics) = loaded.assemble(data, caseFile: caseFile, allowOutsideExhibits: allowOutsideExhibits)
            for diagnostic in diagnostics { Console.error(diagnostic.formatted) }
            guard let assembly else {
                let errors = diagnostics.filter { $0.severity == .error }.count
                Console.error("\(caseFile): not valid (\(errors) error\(errors == 1 ? "" : "s")); nothing was written")
                throw ExitCode(ExitStatus.invalidData)
            }
            do {
                var writer = PacketWriter(packet: loaded, batesPrefix: bates, forms: FormsFolder.locate(explicit: forms))
                writer.batesStart = batesStart
                writer.batesDigits = batesDigits
                writer.archival = pdfa
                let result = try writer.write(assembly, caseFile: caseFile, to: output)
                let base = output.hasSuffix("/") ? String(output.dropLast()) : output
                Console.error("wrote \(base)/\(result.combined) (\(result.pageCount) pages), \(result.files.count - 2) documents and manifest.json")
            } catch {
                Console.error("engross: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
        }
    }
}
