import Foundation

/// How `engross serve` runs: where templates and data are, and where it listens.
public struct ServerConfiguration: Sendable {
    /// The templates folder.
    public var templatesPath: String
    /// The folder of blank PDF forms that packets fill (`--forms`); nil for `$ENGROSS_FORMS`,
    /// else `./Forms` (`FormsFolder.locate`).
    public var formsPath: String?
    /// The folder of the database (created 0700 if missing).
    public var dataPath: String
    public var host: String
    /// The port; 0 picks a free one (the address printed at start tells which).
    public var port: Int
    /// Whether to accept an address other than loopback (only with accounts, behind a TLS
    /// reverse proxy).
    public var allowRemote: Bool
    /// The largest upload: an exhibit or an imported case file.
    public var maximumUploadBytes: Int
    /// The largest form submission.
    public var maximumFormBytes: Int
    /// Whether people sign in (`--accounts`): organizations, roles, sessions and the audit log.
    /// Without, the one-user server: every case to whoever reaches it on this computer.
    public var accounts: Bool
    /// How long a session may stay idle before it is refused, in seconds (`--session-timeout`).
    public var sessionTimeout: Double
    /// bcrypt's cost for new password hashes (tests lower it).
    public var passwordCost: UInt8
    /// The clock of sessions, sign-in limits and the audit log (seconds since 1970); tests set it.
    public var now: @Sendable () -> Double
    /// The file of the key that seals case data in the database (`--key-file`); `nil` for
    /// `DATA/engross.key`. Made on first run.
    public var keyFilePath: String?
    /// A PostgreSQL database (`--database postgres://…`, or `ENGROSS_DATABASE_URL`) instead of the
    /// SQLite file in the data folder.
    public var databaseURL: String?

    /// The key file in use: `keyFilePath`, or `engross.key` in the data folder.
    public var keyFile: String { keyFilePath ?? dataPath + "/engross.key" }

    public init(
        templatesPath: String, dataPath: String, host: String = "127.0.0.1", port: Int = 8080,
        allowRemote: Bool = false, maximumUploadBytes: Int = 100 << 20, maximumFormBytes: Int = 8 << 20,
        accounts: Bool = false, sessionTimeout: Double = 30 * 60, passwordCost: UInt8 = 12,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        keyFilePath: String? = nil, databaseURL: String? = nil, formsPath: String? = nil
    ) {
        self.formsPath = formsPath
        self.keyFilePath = keyFilePath
        self.databaseURL = databaseURL
        self.templatesPath = templatesPath
        self.dataPath = dataPath
        self.host = host
        self.port = port
        self.allowRemote = allowRemote
        self.maximumUploadBytes = maximumUploadBytes
        self.maximumFormBytes = maximumFormBytes
        self.accounts = accounts
        self.sessionTimeout = sessionTimeout
        self.passwordCost = passwordCost
        self.now = now
    }

    /// `ENGROSS_DATABASE_URL`, when set: a database URL that stays out of the process list.
    public static var databaseURLFromEnvironment: String? {
        ProcessInfo.processInfo.environment["ENGROSS_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The default data folder: `$XDG_DATA_HOME/engross`, else `~/.local/share/engross`.
    public static var defaultDataPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/engross" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/engross"
    }

    /// Whether `host` is a loopback address.
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }
}
