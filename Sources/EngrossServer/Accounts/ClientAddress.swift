import Hummingbird

/// The address a request comes from, for the audit log and the sign-in limit.
enum ClientAddress {
    /// The connection's peer; when it is a reverse proxy, the last address of `X-Forwarded-For`
    /// (the one the proxy itself added). A peer is taken for a proxy when it is on this computer
    /// (loopback), or always with `--allow-remote`, which is for a server behind one. Otherwise
    /// every person behind the proxy would share its address, and one person's failed sign-ins
    /// would lock out everyone's. A client that forges the header can at worst dodge the limit on
    /// its address; the limit on the username still holds.
    static func of(_ request: Request, _ context: AppRequestContext, behindProxy: Bool) -> String {
        if behindProxy || ServerConfiguration.isLoopback(context.peerAddress) || context.peerAddress == "unknown",
            let forwarded = request.headers[.init("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty,
            last.count <= 64, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        {
            return last
        }
        return context.peerAddress
    }
}
