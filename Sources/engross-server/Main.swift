import ArgumentParser
import Foundation

/// `engross-server`: the web app (`serve`, the default) and its accounts (`user`). `engross serve`
/// and `engross user` run it, so that the command line never loads the server's libraries.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engross-server",
        abstract: "The web app of Engross, and the accounts of a server with --accounts.",
        subcommands: [ServeCommand.self, UserCommand.self],
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
