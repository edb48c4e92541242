import ArgumentParser
import EngrossServer
import Foundation

/// Where the server keeps its database, given as to `engross serve`: the data folder, the key
/// file, and a PostgreSQL database when there is one. `engross user` and `engross token` take them
/// so that they change the database the server uses, with its key.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The server's data folder (default: ~/.local/share/engross).", valueName: "dir"))
    var data: String?
    @Option(name: .long, help: ArgumentHelp(
        "The key that seals case data in the database (default: engross.key in the data folder; made on first run). Keep it apart from the database, and back it up.",
        valueName: "file"))
    var keyFile: String?
    @Option(name: .long, help: ArgumentHelp(
        "A PostgreSQL database shared by several servers, postgres://USER@HOST:PORT/DATABASE (default: SQLite in the data folder). Also from ENGROSS_DATABASE_URL, which keeps a password out of the process list.",
        valueName: "url"))
    var database: String?

    /// The configuration `engross serve` would have with the same options.
    var configuration: ServerConfiguration {
        ServerConfiguration(templatesPath: "", dataPath: data ?? ServerConfiguration.defaultDataPath, keyFilePath: keyFile,
            databaseURL: database ?? ServerConfiguration.databaseURLFromEnvironment)
    }

    /// Runs `body` on the store; one that cannot be opened is said in `command`'s words and exits 2.
    func withStore<T>(_ command: String, _ body: (any ClinicStore) async throws -> T) async throws -> T {
        do {
            return try await withConfiguredStore(configuration, body)
        } catch let error as ServerStartError {
            FileHandle.standardError.write(Data("engross \(command): \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
