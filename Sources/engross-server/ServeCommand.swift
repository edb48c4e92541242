import ArgumentParser
import Engross
import EngrossServer
import Foundation

/// `engross serve`: the web app. A program of its own, so that the command line does not load
/// the server's libraries; `engross serve` runs it (`engross-server serve`, the default).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web app: fill in cases in a browser form, check them, and download the documents.",
        discussion: """
            The server listens on 127.0.0.1 (this computer only) and prints its address; open it in \
            a browser. Cases are kept in an SQLite database in the data folder (readable by you only), \
            as the same JSON the command line reads: export a case, or build its packet, at any time. \
            Case data is sealed (AES-GCM) with a key kept in its own file (--key-file), so the \
            database alone reveals nothing: keep the key file apart from the database, and back it up. \
            It needs no network: every page, style and script is served by this program.

            With --accounts, people sign in: an organization's advocates, attorneys, supervisors \
            and administrators, each seeing what their role allows, and an audit log of who did \
            what to which case. Create the first administrator with `engross user add` before \
            starting it. With --accounts and --allow-remote it may listen on another address, \
            for a server behind a TLS reverse proxy (its session cookies are sent over HTTPS only).

            Stop it with Ctrl-C.

            Examples:
              engross serve
              engross serve --port 8090 --data ~/engross-data
              engross serve --accounts --session-timeout 20
              ENGROSS_DATABASE_URL=postgres://engross@db.example:5432/engross engross serve --accounts --key-file /etc/engross/engross.key
            """)

    @Option(name: .long, help: ArgumentHelp("The templates folder.", valueName: "dir"))
    var templates: String?
    @Option(name: .long, help: ArgumentHelp("The folder of blank PDF forms that packets fill (default: $ENGROSS_FORMS, else ./Forms).", valueName: "dir"))
    var forms: String?
    /// `--data`, `--key-file`, `--database`: shared with `engross user` and `engross token`.
    @OptionGroup var store: StoreOptions
    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080
    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"
    @Flag(name: .long, help: "Listen on an address other than this computer's own (with --accounts only, behind a TLS reverse proxy).")
    var allowRemote = false
    @Flag(name: .long, help: "People sign in, with roles, sessions, an audit log and the HTTP API (users from `engross user add`, API tokens from `engross token add`).")
    var accounts = false
    @Option(name: .long, help: ArgumentHelp("With --accounts, minutes a session may stay idle before it ends (default 30).", valueName: "minutes"))
    var sessionTimeout: Int = 30
    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port takes a number from 0 to 65535") }
        guard (1...1440).contains(sessionTimeout) else { throw ValidationError("--session-timeout takes minutes, from 1 to 1440") }
        if allowRemote, !accounts {
            throw ValidationError("--allow-remote needs --accounts: without accounts, whoever reaches the server sees every case")
        }
        if !ServerConfiguration.isLoopback(host), !allowRemote {
            throw ValidationError("""
                engross serve listens on this computer only (127.0.0.1): \(host) would make survivors' case data \
                reachable from the network. To serve an organization, run it with --accounts --allow-remote behind a \
                TLS reverse proxy
                """)
        }
    }

    func run() async throws {
        let templatesPath: String
        do { templatesPath = try TemplateLocator.locate(explicit: templates) } catch {
            FileHandle.standardError.write(Data("engross serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let configuration = {
            var configuration = store.configuration
            configuration.templatesPath = templatesPath
            configuration.formsPath = forms
            configuration.host = host
            configuration.port = port
            configuration.allowRemote = allowRemote
            configuration.accounts = accounts
            configuration.sessionTimeout = Double(sessionTimeout) * 60
            return configuration
        }()
        do {
            try await serve(configuration) { address in
                FileHandle.standardOutput.write(Data("Engross is running at \(address)  (data: \(configuration.dataPath); stop with Ctrl-C)\n".utf8))
                if configuration.accounts {
                    FileHandle.standardOutput.write(Data("Accounts are on: people sign in; add users with `engross user add --data \(configuration.dataPath) ...`\n".utf8))
                }
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
