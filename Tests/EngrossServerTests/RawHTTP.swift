import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request written by hand over a TCP socket, for headers a test client will not send as given.
enum RawHTTP {
    /// The status line the server at 127.0.0.1:`port` answers to `GET /` with `Host: host`.
    static func statusLine(port: Int, host: String) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure("no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("cannot connect to port \(port)") }
        let request = Array("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, 256, 0) }
        guard count > 0 else { throw TestFailure("no answer") }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return text.components(separatedBy: "\r\n").first ?? ""
    }
}
