import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Folders for documents: every folder Engross creates is readable by its owner only (mode
/// 0700), like the documents in it (0600). Folders that already exist are left as they are.
public enum PrivateFolder {
    /// A folder that could not be created.
    public struct CreateError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot create the folder \(path): \(reason)" }
    }

    /// Creates `path` and any missing parents, each with mode 0700.
    public static func create(_ path: String) throws(CreateError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CreateError(path: path, reason: "a file of that name exists") }
            return
        }
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if let slash = trimmed.lastIndex(of: "/"), slash > trimmed.startIndex {
            try create(String(trimmed[..<slash]))
        }
        guard mkdir(trimmed, 0o700) == 0 || errno == EEXIST else {
            throw CreateError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
