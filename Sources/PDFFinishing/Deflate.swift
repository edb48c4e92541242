import CSystemZlib

/// zlib's deflate, for the content streams the finisher rewrites (`/FlateDecode` is zlib format).
enum Deflate {
    /// `bytes` compressed at zlib's default level (the same bytes always give the same output),
    /// or nil should zlib fail.
    static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(source.count), Z_DEFAULT_COMPRESSION)
            }
        }
        guard status == Z_OK else { return nil }
        return Array(output.prefix(Int(length)))
    }
}
