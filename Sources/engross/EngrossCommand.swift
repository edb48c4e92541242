import ArgumentParser
import Engross
import Foundation

/// The `engross` command: fills legal document templates from case files.
@main
struct EngrossCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engross",
        abstract: "Fill legal document templates from a case file, checking the case file first.",
        discussion: """
            Templates are XML files in a templates folder, found through --templates DIR, then \
            $ENGROSS_TEMPLATES, then ./Templates, then beside the engross executable. A template is \
            named by its id: its path under that folder without .xml (letters/support).

            Documents are drafting aids for an attorney to review, not legal advice.

            Examples:
              engross list
              engross fields letters/support
              engross init letters/support -o case.json
              engross validate letters/support case.json
              engross render letters/support case.json -f pdf,docx -o out/
              engross batch letters/support clients.csv -o letters/ -f pdf
              engross lint
              engross form-fields Forms/i-914.pdf

            Exit status: 0 success; 1 the case data is invalid; 2 a usage error, unreadable input \
            or a broken template; 130 stopped by Ctrl-C (143 by SIGTERM), with no half-written \
            file left behind.
            """,
        subcommands: [List.self, Fields.self, Schema.self, FormFields.self, Init.self, Validate.self, Render.self, Batch.self, Packet.self, Lint.self, Serve.self, User.self, Token.self]
    )

    /// Runs the command with the exit codes of the CLI contract: usage errors exit 2, not 64.
    static func main() {
        if CommandLine.arguments.count == 1 {
            // No subcommand: the help, on standard error, with the usage-error status.
            Console.error(helpMessage())
            Foundation.exit(ExitStatus.usage)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .success { self.exit(withError: error) }
            Console.error(fullMessage(for: error))
            Foundation.exit(ExitStatus.usage)
        }
        // A batch stops cleanly on the first signal (BatchCommand); every other command removes
        // the temporary files it is writing and exits.
        if !(command is Batch) { Interrupts.exitCleanly() }
        do {
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            // Help asked for (the parser may defer it to here) goes to standard output, status 0.
            if exitCode(for: error) == .success { self.exit(withError: error) }
            // A usage problem found while running: name it with the subcommand's own usage line.
            Console.error(type(of: command).fullMessage(for: error))
            Foundation.exit(ExitStatus.usage)
        }
    }
}

/// The exit statuses of the CLI contract.
enum ExitStatus {
    static let success: Int32 = 0
    static let invalidData: Int32 = 1
    static let usage: Int32 = 2
}

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The templates folder.", valueName: "dir"))
    var templates: String?

    /// The engine over the located templates folder; exits 2 when there is none.
    func engine() throws -> Engine {
        do {
            return Engine(templatesPath: try TemplateLocator.locate(explicit: templates))
        } catch {
            Console.error("engross: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}
