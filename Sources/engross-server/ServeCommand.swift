import ArgumentParser
import Engross
import EngrossServer
import Foundation

/// `engross serve`: the web app. A program of its own, so that the command line does not load
/// the server's libraries; `engross serve` runs it.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engross serve",
        abstract: "Run the web app: fill in cases in a browser form, check them, and download the documents.",
        discussion: """
            The server listens on 127.0.0.1 (this computer only) and prints its address; open it in \
            a browser. Cases are kept in an SQLite database in the data folder (readable by you only), \
            as the same JSON the command line reads: export a case, or build its packet, at any time. \
            Case data is sealed (AES-GCM) with a key kept in its own file (--key-file), so the \
            database alone reveals nothing: keep the key file apart from the database, and back it up. \
            It needs no network: every page, style and script is served by this program.

            Stop it with Ctrl-C.

            Examples:
              engross serve
              engross serve --port 8090 --data ~/engross-data
              ENGROSS_DATABASE_URL=postgres://engross@db.example:5432/engross engross serve --key-file /etc/engross/engross.key
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
    @Option(name: .long, help: ArgumentHelp(
        "The key that seals case data in the database (default: engross.key in the data folder; made on first run). Keep it apart from the database, and back it up.",
        valueName: "file"))
    var keyFile: String?
    @Option(name: .long, help: ArgumentHelp(
        "A PostgreSQL database shared by several servers, postgres://USER@HOST:PORT/DATABASE (default: SQLite in the data folder). Also from ENGROSS_DATABASE_URL, which keeps a password out of the process list.",
        valueName: "url"))
    var database: String?

    /// Runs with the exit codes of the CLI contract: a usage error exits 2, not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var serve = command as? ServeCommand {
                try await serve.run()
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
            host: host, port: port, allowRemote: false, keyFilePath: keyFile,
            databaseURL: database ?? ProcessInfo.processInfo.environment["ENGROSS_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 })
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
