import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request written by hand over a TCP socket, for headers a test client will not send as given.
enum RawHTTP {
    /// A TCP socket connected to 127.0.0.1:`port`; the caller closes it.
    static func connected(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure("no socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socket)
            throw TestFailure("cannot connect to port \(port)")
        }
        return socket
    }

    /// The status line the server at 127.0.0.1:`port` answers to `GET /` with `Host: host`.
    static func statusLine(port: Int, host: String) throws -> String {
        let socket = try connected(port: port)
        defer { close(socket) }
        let request = Array("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, 256, 0) }
        guard count > 0 else { throw TestFailure("no answer") }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return text.components(separatedBy: "\r\n").first ?? ""
    }
}

extension RawHTTP {
    /// An answer read whole: status, headers (names in lower case) and body as text.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String

        /// The session cookie the answer sets, as a `Cookie` header value.
        var cookie: String? {
            headers["set-cookie"].flatMap { $0.hasPrefix("engross_session=") ? String($0.split(separator: ";")[0]) : nil }
        }

        /// The page's CSRF token (`<meta name="csrf-token" content="…">`).
        var csrfToken: String? {
            guard let start = body.range(of: "name=\"csrf-token\" content=\"") else { return nil }
            return body[start.upperBound...].split(separator: "\"").first.map(String.init)
        }
    }

    /// Sends one request to 127.0.0.1:`port` over a connection of its own and reads the answer
    /// until the server closes it.
    static func request(port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: String = "") throws -> Answer {
        let socket = try connected(port: port)
        defer { close(socket) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers where !value.isEmpty { head += "\(name): \(value)\r\n" }
        let request = Array((head + "\r\n" + body).utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, 65_536, 0) }
            if count <= 0 { break }
            received += buffer[..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestFailure("no answer from port \(port)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: status, headers: fields, body: String(text[split.upperBound...]))
    }
}
