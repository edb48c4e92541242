/// A ZIP archive of whole files, for downloads that bundle several documents (a packet's
/// documents and manifest). It is the DOCX package's own writer: deterministic bytes, entries
/// deflated, no ZIP64 (at most 4 GiB).
public enum ZipArchive {
    /// The archive of `files`, in order; paths use `/`.
    public static func archive(_ files: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        var writer = ZipWriter(capacity: files.reduce(0) { $0 + $1.bytes.count + $1.path.utf8.count + 128 })
        for file in files {
            // PDFs and PNGs are already compressed: storing them costs nothing and saves the time.
            let compressed = file.path.hasSuffix(".pdf") || file.path.hasSuffix(".docx") || file.path.hasSuffix(".png")
            try writer.add(file.path, bytes: file.bytes, method: compressed ? .stored : .deflated)
        }
        return try writer.finish()
    }
}
