import ArgumentParser
import Engross
import EngrossServer
import Foundation

/// `engross serve`: the web app (the default subcommand of `engross-server`).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web app: fill in cases in a browser form, check them, and download the documents.",
        discussion: """
            The server listens on 127.0.0.1 (this computer only) and prints its address; open it in \
            a browser. Cases are kept in an SQLite database in the data folder (readable by you only), \
            as the same JSON the command line reads: export a case, or build its packet, at any time. \
            It needs no network: every page, style and script is served by this program.

            Stop it with Ctrl-C.

            Examples:
              engross serve
              engross serve --port 8090 --data ~/engross-data
            """)

    @Option(name: .long, help: ArgumentHelp("The templates folder.", valueName: "dir"))
    var templates: String?
    @Option(name: .long, help: ArgumentHelp("The folder of the case database (default: ~/.local/share/engross).", valueName: "dir"))
    var data: String?
    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080
    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"
    @Flag(name: .long, help: "Listen on an address other than this computer's own (refused until accounts exist).")
    var allowRemote = false
    @Flag(name: .long, help: "Turn on accounts, and with them the HTTP API for case-management systems (/api/v1/, tokens from `engross token add`).")
    var accounts = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port takes a number from 0 to 65535") }
        if !ServerConfiguration.isLoopback(host) {
            throw ValidationError("""
                engross serve listens on this computer only (127.0.0.1): \(host) would make survivors' case data \
                reachable from the network, and this version has no accounts to protect it\
                \(allowRemote ? " (--allow-remote needs the accounts of a later version)" : "")
                """)
        }
    }

    func run() async throws {
        let templatesPath: String
        do { templatesPath = try TemplateLocator.locate(explicit: templates) } catch {
            FileHandle.standardError.write(Data("engross serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let configuration = ServerConfiguration(templatesPath: templatesPath, dataPath: data ?? ServerConfiguration.defaultDataPath,
            host: host, port: port, allowRemote: false, accounts: accounts)
        do {
            try await serve(configuration) { address in
                FileHandle.standardOutput.write(Data("Engross is running at \(address)  (data: \(configuration.dataPath); stop with Ctrl-C)\n".utf8))
            }
        } catch {
            let reason = "\(error)".contains("Address already in use")
                ? "port \(port) is in use by another program (perhaps another engross serve); choose another with --port"
                : "\(error)"
            FileHandle.standardError.write(Data("engross serve: \(reason)\n".utf8))
            throw ExitCode(2)
        }
    }
}
