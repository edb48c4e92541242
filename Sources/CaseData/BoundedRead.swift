import Foundation

/// Reads a file that may be larger than Engross will hold, without ever reading much more than it
/// holds: case files (`CaseFile.maximumBytes`) and a packet's exhibits share it.
public enum BoundedRead {
    /// Everything `handle` holds, or nil when that is more than `limit` bytes (at most `limit` + 1
    /// bytes are read to find out). Throws when the file cannot be read.
    public static func data(from handle: FileHandle, limit: Int) throws -> Data? {
        var data = Data()
        // nil or an empty piece: the end of the file.
        while data.count <= limit, let piece = try handle.read(upToCount: min(4 << 20, limit + 1 - data.count)), !piece.isEmpty {
            data.append(piece)
        }
        return data.count <= limit ? data : nil
    }
}
