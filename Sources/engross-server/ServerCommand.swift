import ArgumentParser
import Foundation

/// `engross-server`: the web app and its administration. A program of its own, so that the
/// command line does not load the server's libraries; `engross serve` and `engross token` run it.
/// With no subcommand it serves.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engross-server",
        abstract: "The Engross web app and its administration.",
        subcommands: [ServeCommand.self, TokenCommand.self],
        defaultSubcommand: ServeCommand.self)

    /// Runs with the exit codes of the CLI contract: a usage error exits 2, not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .success { self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
