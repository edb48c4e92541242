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
                Runs engross-server with the same arguments; `engross serve --help` shows them.

                Examples:
                  engross serve
                  engross serve --port 8090 --data ~/engross-data
                """)

        @Argument(parsing: .captureForPassthrough, help: "Options for the server: --templates, --data, --port.")
        var arguments: [String] = []

        func run() throws {
            let server = Self.serverPath()
            guard FileManager.default.isExecutableFile(atPath: server) else {
                Console.error("engross serve: the web app (engross-server) is not installed beside engross at \(server); "
                    + "build it with `swift build --product engross-server` or `make serve`")
                throw ExitCode(ExitStatus.usage)
            }
            let argv = [server] + arguments
            var pointers = argv.map { strdup($0) } + [nil]
            execv(server, &pointers)
            Console.error("engross serve: cannot start \(server): \(String(cString: strerror(errno)))")
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
