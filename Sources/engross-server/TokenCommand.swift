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

    /// The database, as for `engross serve`, and the organization the tokens belong to.
    struct TokenOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: ArgumentHelp("The organization the tokens belong to (its name or id).", valueName: "organization"))
        var organization: String

        func validate() throws {
            if organization.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--organization needs a value") }
        }

        /// Runs `body` with the store and the organization's id (found by name or id).
        func withOrganization(_ body: (any ClinicStore, String) async throws -> Void) async throws {
            try await store.withStore("token") { store in
                var found = try await store.organization(named: organization)
                if found == nil { found = try await store.organization(id: organization) }
                guard let found else {
                    throw TokenCommand.failure("there is no organization \(organization); create it first (engross user add)")
                }
                try await body(store, found.id)
            }
        }
    }

    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("engross token: \(message)\n".utf8))
        return ExitCode(2)
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token and print it (once: only its SHA-256 is kept).")
        @OptionGroup var options: TokenOptions
        @Option(name: .long, help: ArgumentHelp("What the token is for, as the audit log names its calls (e.g. LegalServer).", valueName: "name"))
        var name: String

        func validate() throws {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.contains(where: \.isNewline) else {
                throw ValidationError("--name takes 1 to 100 characters on one line (e.g. LegalServer)")
            }
        }

        func run() async throws {
            try await options.withOrganization { store, organizationID in
                let token = APIToken.make()
                let record = try await store.addAPIToken(organizationID: organizationID, name: name.trimmingCharacters(in: .whitespaces),
                    tokenHash: APIToken.hash(token))
                FileHandle.standardError.write(Data("Token \(record.id) made for \(record.name). Keep it secret: it is shown only now.\n".utf8))
                FileHandle.standardOutput.write(Data((token + "\n").utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the organization's tokens (never the tokens themselves).")
        @OptionGroup var options: TokenOptions

        func run() async throws {
            try await options.withOrganization { store, organizationID in
                let formatter = ISO8601DateFormatter()
                for record in try await store.apiTokens(organizationID: organizationID) {
                    let created = formatter.string(from: Date(timeIntervalSince1970: record.created))
                    FileHandle.standardOutput.write(Data("\(record.id)  \(created)  \(record.revoked ? "revoked" : "active ")  \(record.name)\n".utf8))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: the API refuses it from then on.")
        @OptionGroup var options: TokenOptions
        @Argument(help: "The token's id (from `engross token list`).") var id: String

        func run() async throws {
            try await options.withOrganization { store, organizationID in
                guard try await store.revokeAPIToken(id: id, organizationID: organizationID) else {
                    throw TokenCommand.failure("the organization has no token \(id) (engross token list shows its tokens)")
                }
                FileHandle.standardError.write(Data("Token \(id) revoked.\n".utf8))
            }
        }
    }
}
