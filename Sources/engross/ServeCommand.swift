import ArgumentParser
import Foundation

extension EngrossCommand {
    /// `engross serve` runs the web app, a program of its own (`engross-server`, installed beside
    /// `engross`), so that the command line never loads the server's libraries.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Run the web app on this computer: fill in cases in a browser and download the documents.",
            discussion: """
                Runs engross-server serve with the same arguments; `engross serve --help` shows them.

                Examples:
                  engross serve
                  engross serve --port 8090 --data ~/engross-data
                  engross serve --accounts
                """)

        @Argument(parsing: .captureForPassthrough, help: "Options for the server: --templates, --data, --port, --accounts.")
        var arguments: [String] = []

        func run() throws {
            try ServerProgram.exec("serve", arguments)
        }
    }

    /// `engross user` manages the accounts of a server run with `--accounts`; `engross-server`
    /// does it, as it holds the database code.
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Add users of a web app with accounts, list them, and set their passwords.",
            discussion: """
                Runs `engross-server user` with the same arguments; `engross user --help` shows them.

                Examples:
                  engross user add --organization "Example Clinic" --role administrator --name "Ada Admin" ada@example.org
                  engross user list --organization "Example Clinic"
                  engross user passwd ada@example.org
                """)

        @Argument(parsing: .captureForPassthrough, help: "add, list or passwd, and their options.")
        var arguments: [String] = []

        func run() throws {
            try ServerProgram.exec("user", arguments)
        }
    }
}

/// `engross-server`, beside `engross`.
enum ServerProgram {
    /// Replaces this process with `engross-server SUBCOMMAND ARGUMENTS…`; returns only by throwing.
    static func exec(_ subcommand: String, _ arguments: [String]) throws {
        let server = serverPath()
        guard FileManager.default.isExecutableFile(atPath: server) else {
            Console.error("engross \(subcommand): the web app (engross-server) is not installed beside engross at \(server); "
                + "build it with `swift build --product engross-server` or `make serve`")
            throw ExitCode(ExitStatus.usage)
        }
        let argv = [server, subcommand] + arguments
        var pointers = argv.map { strdup($0) } + [nil]
        execv(server, &pointers)
        Console.error("engross \(subcommand): cannot start \(server): \(String(cString: strerror(errno)))")
        throw ExitCode(ExitStatus.usage)
    }

    /// `engross-server` in the folder of the running `engross`.
    static func serverPath() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("engross-server").path
    }
}

extension EngrossCommand {
    /// `engross token` makes, lists and revokes the HTTP API's tokens: `engross-server token`.
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Make, list and revoke the tokens of the web app's HTTP API.",
            discussion: """
                Runs engross-server token with the same arguments; `engross token --help` shows them.

                Examples:
                  engross token add --organization clinic --name LegalServer
                  engross token list --organization clinic
                """)

        @Argument(parsing: .captureForPassthrough, help: "add, list or revoke, and their options.")
        var arguments: [String] = []

        func run() throws {
            try ServerProgram.exec("token", arguments)
        }
    }
}
