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
                """)

        @Argument(parsing: .captureForPassthrough, help: "Options for the server: --templates, --data, --port.")
        var arguments: [String] = []

        func run() throws {
            try Self.exec(["serve"] + arguments, as: "serve")
        }

        /// Replaces this process with `engross-server`, given `arguments`; `command` names the
        /// `engross` command in messages.
        static func exec(_ arguments: [String], as command: String) throws {
            let server = Self.serverPath()
            guard FileManager.default.isExecutableFile(atPath: server) else {
                Console.error("engross \(command): the web app (engross-server) is not installed beside engross at \(server); "
                    + "build it with `swift build --product engross-server` or `make serve`")
                throw ExitCode(ExitStatus.usage)
            }
            let argv = [server] + arguments
            var pointers = argv.map { strdup($0) } + [nil]
            execv(server, &pointers)
            Console.error("engross \(command): cannot start \(server): \(String(cString: strerror(errno)))")
            throw ExitCode(ExitStatus.usage)
        }

        /// `engross-server` in the folder of the running `engross`.
        static func serverPath() -> String {
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("engross-server").path
        }
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
            try Serve.exec(["token"] + arguments, as: "token")
        }
    }
}
