import CByteSearch

/// Finding a short byte string in a large buffer: the C library's `memmem`, which runs in time
/// linear in the buffer whatever the bytes (glibc and Darwin fall back to the two-way algorithm
/// when a needle keeps almost matching), and at memory speed in a debug build too. A first-byte
/// search (`memchr`, then a comparison) costs a call for every candidate byte, and a hostile body
/// can make every byte one; a loop in Swift checks bounds on every byte of a 100 MB upload.
enum ByteSearch {
    /// The index of the first occurrence of `needle` lying wholly in `buffer[from..<to]`, or nil.
    static func firstIndex(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        precondition(0 <= from && from <= to && to <= buffer.count)
        guard !needle.isEmpty, to - from >= needle.count, let base = buffer.baseAddress else { return nil }
        return needle.withUnsafeBytes { needleBytes -> Int? in
            guard let found = engross_memmem(base + from, to - from, needleBytes.baseAddress, needle.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: found)
        }
    }

    /// Whether `buffer[at...]` starts with `prefix`.
    static func hasPrefix(_ prefix: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        guard at >= 0, buffer.count - at >= prefix.count else { return false }
        return prefix.indices.allSatisfy { buffer[at + $0] == prefix[$0] }
    }
}
