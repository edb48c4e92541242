import ArgumentParser
import Engross
import EngrossServer
import Foundation

/// `engross token`: the API tokens a case-management system uses (`Authorization: Bearer engr_…`).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke the tokens of the HTTP API (for case-management systems).",
        discussion: """
            A token belongs to one organization and is shown once, when it is made: the server keeps \
            only its SHA-256. The API answers only a server run with --accounts.

            Examples:
              engross token add --organization clinic --name LegalServer
              engross token list --organization clinic
              engross token revoke 0b6c…  --organization clinic
            """,
        subcommands: [Add.self, List.self, Revoke.self])

    /// Where the server keeps its database.
    struct StoreOptions: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The folder of the server's database (default: ~/.local/share/engross).", valueName: "dir"))
        var data: String?
        @Option(name: .long, help: ArgumentHelp("The organization the token belongs to.", valueName: "organization"))
        var organization: String

        func validate() throws {
            if organization.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--organization needs a value") }
        }

        /// The store, and the organization's id: with accounts, the organization is found by name or id.
        func open() async throws -> (store: any APITokenStore, organizationID: String) {
            let path = data ?? ServerConfiguration.defaultDataPath
            let store: any CaseStore
            do {
                try PrivateFolder.create(path)
                store = try SQLiteCaseStore(path: path + "/engross.sqlite")
            } catch {
                throw TokenCommand.failure("cannot open the database in \(path): \(error)")
            }
            guard let tokens = store as? any APITokenStore else { throw TokenCommand.failure("this database keeps no API tokens") }
            guard let accounts = store as? any AccountStore else { return (tokens, organization) }
            var found = try await accounts.organization(named: organization)
            if found == nil { found = try await accounts.organization(id: organization) }
            guard let found else {
                throw TokenCommand.failure("there is no organization \(organization); create it first (engross user add)")
            }
            return (tokens, found.id)
        }
    }

    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("engross token: \(message)\n".utf8))
        return ExitCode(2)
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token and print it (once: only its SHA-256 is kept).")
        @OptionGroup var options: StoreOptions
        @Option(name: .long, help: ArgumentHelp("What the token is for, as the audit log names its calls (e.g. LegalServer).", valueName: "name"))
        var name: String

        func validate() throws {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.contains(where: \.isNewline) else {
                throw ValidationError("--name takes 1 to 100 characters on one line (e.g. LegalServer)")
            }
        }

        func run() async throws {
            let (store, organizationID) = try await options.open()
            let token = APIToken.make()
            let record = try await store.addAPIToken(organizationID: organizationID, name: name.trimmingCharacters(in: .whitespaces),
                tokenHash: APIToken.hash(token))
            FileHandle.standardError.write(Data("Token \(record.id) made for \(record.name). Keep it secret: it is shown only now.\n".utf8))
            FileHandle.standardOutput.write(Data((token + "\n").utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organization's tokens (never the tokens themselves).")
        @OptionGroup var options: StoreOptions

        func run() async throws {
            let (store, organizationID) = try await options.open()
            let formatter = ISO8601DateFormatter()
            for record in try await store.apiTokens(organizationID: organizationID) {
                let created = formatter.string(from: Date(timeIntervalSince1970: record.created))
                FileHandle.standardOutput.write(Data("\(record.id)  \(created)  \(record.revoked ? "revoked" : "active ")  \(record.name)\n".utf8))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: the API refuses it from then on.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The token's id (from `engross token list`).") var id: String

        func run() async throws {
            let (store, organizationID) = try await options.open()
            guard try await store.revokeAPIToken(id: id, organizationID: organizationID) else {
                throw TokenCommand.failure("the organization has no token \(id) (engross token list shows its tokens)")
            }
            FileHandle.standardError.write(Data("Token \(id) revoked.\n".utf8))
        }
    }
}
