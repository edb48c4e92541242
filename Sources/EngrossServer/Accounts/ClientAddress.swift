import Hummingbird

/// The address a request comes from, for the audit log and the sign-in limit.
enum ClientAddress {
    /// The connection's peer; behind a reverse proxy on this computer (`--allow-remote`), the
    /// last address of `X-Forwarded-For`, the one the proxy itself added.
    static func of(_ request: Request, _ context: AppRequestContext, behindProxy: Bool) -> String {
        if behindProxy, ServerConfiguration.isLoopback(context.peerAddress) || context.peerAddress == "unknown",
            let forwarded = request.headers[.init("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty,
            last.count <= 64, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        {
            return last
        }
        return context.peerAddress
    }
}
