import ArgumentParser
import Engross
import EngrossServer
import Foundation

/// `engross user`: the accounts of a server run with `--accounts`, made from the command line
/// so that the first administrator never has a default password.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add users of a server with accounts, list them, and set their passwords.",
        discussion: """
            Passwords are read from the terminal without echo (twice), or from standard input with \
            --password-stdin; never from an argument, which other users of the computer could see. \
            They need at least \(PasswordPolicy.minimumLength) characters.

            Examples:
              engross user add --organization "Example Clinic" --role administrator --name "Ada Admin" ada@example.org
              engross user list --organization "Example Clinic"
              engross user passwd ada@example.org
            """,
        subcommands: [Add.self, List.self, Passwd.self])

    struct PasswordOptions: ParsableArguments {
        @Flag(name: .long, help: "Read the password from standard input (its first line) instead of the terminal.")
        var passwordStdin = false

        /// The password, checked against the policy.
        func read(for username: String) throws -> String {
            let password: String
            if passwordStdin {
                guard let line = readLine(strippingNewline: true) else { throw UserCommandError("no password on standard input") }
                password = line
            } else {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw UserCommandError("no terminal to read the password from; give it on standard input with --password-stdin")
                }
                password = try Terminal.readSecret("Password for \(username): ")
                guard try Terminal.readSecret("The same password again: ") == password else {
                    throw UserCommandError("the two passwords differ; nothing was changed")
                }
            }
            if let problem = PasswordPolicy.problem(password) { throw UserCommandError(problem) }
            return password
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user to an organization (made if new).")

        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: ArgumentHelp("The user's organization: a clinic or office. Created if new.", valueName: "name"))
        var organization: String
        @Option(name: .long, help: ArgumentHelp("advocate, attorney, supervisor or administrator.", valueName: "role"))
        var role: String
        @Option(name: .long, help: ArgumentHelp("The name pages and the audit log show (default: the username).", valueName: "name"))
        var name: String?
        @OptionGroup var password: PasswordOptions
        @Argument(help: ArgumentHelp("What the user signs in with, such as their e-mail address.", valueName: "username"))
        var username: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role takes advocate, attorney, supervisor or administrator, not \(role)")
            }
            guard !username.isEmpty, username.count <= 200, !username.contains(where: \.isWhitespace) else {
                throw ValidationError("the username must be 1 to 200 characters without spaces, such as an e-mail address")
            }
            let organizationName = organization.trimmingCharacters(in: .whitespaces)
            guard !organizationName.isEmpty, organizationName.count <= 200 else {
                throw ValidationError("--organization needs a name of 1 to 200 characters")
            }
        }

        func run() async throws {
            try await UserCommand.reporting(store) { store in
                if try await store.user(username: username) != nil {
                    throw UserCommandError("the username \(username) is taken; choose another, or change its password with `engross user passwd`")
                }
                let secret = try password.read(for: username)
                let organizationName = organization.trimmingCharacters(in: .whitespaces)
                var organization = try await store.organization(named: organizationName)
                if organization == nil {
                    organization = try await store.createOrganization(name: organizationName)
                    print("Created the organization \(organizationName).")
                }
                let role = Role(rawValue: role)!
                let hash = try await PasswordHasher().hash(secret)
                let user = try await store.addUser(organizationID: organization!.id, username: username, displayName: name ?? username,
                    role: role, passwordHash: hash)
                try await UserCommand.audit(store, "user-added", user, detail: "\(user.username) (\(role.rawValue))")
                print("Added \(user.displayName) (\(user.username)) to \(organization!.name) as \(article(role)) \(role.rawValue).")
            }
        }

        private func article(_ role: Role) -> String { role == .advocate || role == .attorney || role == .administrator ? "an" : "a" }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users of an organization.")

        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: ArgumentHelp("The organization.", valueName: "name"))
        var organization: String

        func run() async throws {
            try await UserCommand.reporting(store) { store in
                guard let found = try await store.organization(named: organization) else {
                    throw UserCommandError("there is no organization named \(organization)")
                }
                print("username\tname\trole\tstatus")
                for user in try await store.users(organizationID: found.id) {
                    print("\(user.username)\t\(user.displayName)\t\(user.role.rawValue)\t\(user.active ? "active" : "disabled")")
                }
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password; their sessions end.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var password: PasswordOptions
        @Argument(help: ArgumentHelp("The user's username.", valueName: "username"))
        var username: String

        func run() async throws {
            try await UserCommand.reporting(store) { store in
                guard var user = try await store.user(username: username) else {
                    throw UserCommandError("there is no user \(username); add one with `engross user add`")
                }
                let secret = try password.read(for: user.username)
                user.passwordHash = try await PasswordHasher().hash(secret)
                _ = try await store.updateUser(user)
                try await store.deleteSessions(userID: user.id)
                try await UserCommand.audit(store, "password-reset", user, detail: user.username)
                print("Set the password of \(user.displayName) (\(user.username)); their sessions have ended.")
            }
        }
    }

    /// Logs what the command line did to `user` in their organization's audit log.
    static func audit(_ store: any AccountStore, _ action: String, _ user: UserRecord, detail: String) async throws {
        try await store.appendAudit(AuditEntry(time: Date().timeIntervalSince1970, organizationID: user.organizationID,
            actorID: "command-line", actorName: "engross user (command line)", action: action, detail: detail, address: "local"))
    }

    /// Runs `body`; a refusal is printed as `engross user: …` and exits 2.
    static func reporting(_ options: StoreOptions, _ body: (any ClinicStore) async throws -> Void) async throws {
        do {
            try await options.withStore("user", body)
        } catch let error as UserCommandError {
            FileHandle.standardError.write(Data("engross user: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct UserCommandError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Reading a secret from the terminal without echoing it.
enum Terminal {
    static func readSecret(_ prompt: String) throws -> String {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw UserCommandError("cannot read the terminal's settings") }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        // Echo off (and what was typed ahead, before the prompt, discarded), then the prompt.
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        FileHandle.standardError.write(Data(prompt.utf8))
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw UserCommandError("no password was typed") }
        return line
    }
}
