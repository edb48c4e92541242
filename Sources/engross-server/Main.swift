import ArgumentParser
import Foundation

/// `engross-server`: the web app (`serve`, the default), its accounts (`user`) and the HTTP API's
/// tokens (`token`). `engross serve`, `engross user` and `engross token` run it, so that the
/// command line never loads the server's libraries.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engross-server",
        abstract: "The web app of Engross, and the accounts and API tokens of a server with --accounts.",
        subcommands: [ServeCommand.self, UserCommand.self, TokenCommand.self],
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
