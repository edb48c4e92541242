import CPangoCairo

/// SHA-256 digests, computed by GLib (already linked for Pango), for the manifests that let a
/// filed packet be checked later.
public enum SHA256 {
    /// The digest of `bytes` as 64 lower-case hexadecimal digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digest = bytes.withUnsafeBufferPointer { buffer in
            g_compute_checksum_for_data(G_CHECKSUM_SHA256, buffer.baseAddress, gsize(buffer.count))
        }
        defer { g_free(digest) }
        return digest.map { String(cString: $0) } ?? ""
    }
}
