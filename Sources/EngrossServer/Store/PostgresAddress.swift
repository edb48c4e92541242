import Foundation

/// Where the clinic server's PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
/// (`postgresql://` too), with `?sslmode=disable|prefer|require` (by default `prefer`: TLS when
/// the server offers it). The password is never printed: `description` leaves it out.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Reads a `postgres://` URL; the error names what is wrong and never quotes the URL.
    public init(url: String) throws(PostgresStoreError) {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else { throw .malformedAddress("it must start with postgres://") }
        guard let host = components.host, !host.isEmpty else { throw .malformedAddress("it names no host") }
        guard let user = components.user, !user.isEmpty else { throw .malformedAddress("it names no user (postgres://USER@HOST/DATABASE)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .malformedAddress("it names no database (…/DATABASE at its end)") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw .malformedAddress("the only option it takes is sslmode=disable, prefer or require")
            }
            tls = mode
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
    }

    /// The address without its password, for messages.
    public var description: String { "postgres://\(username)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }
}

/// Why the PostgreSQL store cannot start. Messages never hold the password or a case's data.
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
    case malformedAddress(String)
    case unreachable(address: String, reason: String)
    case migrationFailed(String)

    public var description: String {
        switch self {
        case .malformedAddress(let reason):
            "the database address is not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE): \(reason)"
        case .unreachable(let address, let reason): "cannot use the PostgreSQL database \(address): \(reason)"
        case .migrationFailed(let reason): "cannot bring the PostgreSQL database's schema up to date: \(reason)"
        }
    }
}
