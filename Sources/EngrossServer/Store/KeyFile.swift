import Engross
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The file that holds the stores' field key (`engross serve --key-file`, by default
/// `DATA/engross.key`): without it the database's sealed values cannot be read, so it is kept
/// apart from the database and backed up on its own.
///
/// The file is text: comment lines starting with `#`, and one line with the 32-byte key in base64.
/// It is created on first use with a new random key, mode 0600 (its folder 0700 when it makes
/// one), and refused when group or others may read or write it, as ssh refuses a private key.
public enum KeyFile {
    /// Reads the key at `path`, or makes a new one there if there is no file.
    public static func loadOrCreate(path: String) throws(KeyFileError) -> [UInt8] {
        if !FileManager.default.fileExists(atPath: path) {
            do { return try create(path: path) } catch .exists {
                // Another server process made it first: read theirs.
            }
        }
        return try load(path: path)
    }

    /// Reads the key at `path`, refusing a file others may read and one that holds no key.
    public static func load(path: String) throws(KeyFileError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let mode = Int(status.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw .tooOpen(path: path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        return try parse(data, path: path)
    }

    /// The key in the text of a key file.
    static func parse(_ data: Data, path: String) throws(KeyFileError) -> [UInt8] {
        guard let text = String(data: data, encoding: .utf8) else { throw .malformed(path: path) }
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1, let key = Data(base64Encoded: lines[0]), key.count == 32 else { throw .malformed(path: path) }
        return Array(key)
    }

    /// 32 random bytes from the system's generator.
    public static func randomKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Writes a new key to `path` (which must not exist), mode 0600.
    static func create(path: String) throws(KeyFileError) -> [UInt8] {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do { try PrivateFolder.create(folder) } catch { throw .unwritable(path: path, reason: error.reason) }
        }
        let key = randomKey()
        let text = """
            # Engross field key. Without this file the cases in the database cannot be read.
            # Keep it apart from the database (not in the same backup), back it up, never share it.
            \(Data(key).base64EncodedString())

            """
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .exists }
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else {
            unlink(path)
            throw .unwritable(path: path, reason: "could not write it whole")
        }
        return key
    }
}

/// A key file that cannot be used. Messages name the file, never its content.
public enum KeyFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    /// Group or others may read or write it (its permission bits).
    case tooOpen(path: String, mode: Int)
    case malformed(path: String)
    /// The file appeared while it was being created (internal to `loadOrCreate`).
    case exists

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read the key file \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot create the key file \(path): \(reason)"
        case .tooOpen(let path, let mode):
            "the key file \(path) may be read by others (mode \(String(mode, radix: 8))): it must be readable by you only; run chmod 600 \(path)"
        case .malformed(let path):
            "the key file \(path) holds no key: it must have one line with 32 bytes in base64 (and comment lines starting with #)"
        case .exists: "the key file appeared while it was being created"
        }
    }
}
