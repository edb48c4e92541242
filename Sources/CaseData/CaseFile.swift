import Foundation

/// Reads a case file from disk (or standard input) in the format its extension names.
public enum CaseFile {
    /// The formats a case file can be written in.
    public enum Format: String, Sendable {
        case json, yaml
    }

    /// The format for a path, from its extension; `nil` when the extension is not one we read.
    public static func format(of path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return .json
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }

    /// The largest case file read, in bytes (64 MiB): a narrative of some 20,000 pages. A case file
    /// is read whole, and its tree takes a few times its size; a file past this is refused
    /// before it is read.
    public static let maximumBytes = 64 << 20

    /// Loads the case file at `path`. `-` reads JSON (or YAML, when it does not start with `{`)
    /// from standard input. A file larger than `maximumBytes` is refused without being read whole.
    public static func load(path: String) throws(CaseFileError) -> CaseValue {
        let data: Data
        let format: Format
        if path == "-" {
            data = try read(FileHandle.standardInput, file: path)
            let first = data.first(where: { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) })
            format = (first == UInt8(ascii: "{") || first == UInt8(ascii: "[")) ? .json : .yaml
        } else {
            guard let known = self.format(of: path) else {
                throw CaseFileError(.unsupportedExtension((path as NSString).pathExtension), file: path)
            }
            format = known
            let handle: FileHandle
            do {
                handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            } catch {
                let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
                throw CaseFileError(.unreadable(reason), file: path)
            }
            defer { try? handle.close() }
            data = try read(handle, file: path)
        }
        return try parse(data, format: format, file: path)
    }

    /// Everything `handle` holds, refused past `maximumBytes` (at most one byte more is read).
    private static func read(_ handle: FileHandle, file: String) throws(CaseFileError) -> Data {
        let data: Data?
        do {
            data = try BoundedRead.data(from: handle, limit: maximumBytes)
        } catch {
            throw CaseFileError(.unreadable("permission denied or not a file"), file: file)
        }
        guard let data else { throw CaseFileError(.tooLarge, file: file) }
        return data
    }

    /// Parses case data held in memory.
    public static func parse(_ data: Data, format: Format, file: String) throws(CaseFileError) -> CaseValue {
        switch format {
        case .json:
            return try JSONCaseParser.parse([UInt8](data), file: file)
        case .yaml:
            var bytes = data
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            guard let text = String(data: bytes, encoding: .utf8) else {
                throw CaseFileError(.syntax("the file is not UTF-8 text; save it as UTF-8"), file: file)
            }
            return try YAMLCaseLoader.parse(text, file: file)
        }
    }
}
