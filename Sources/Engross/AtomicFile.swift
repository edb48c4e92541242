import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a failure never leaves a half-written document: the bytes go to a
/// temporary file in the same folder, are flushed to disk, and the file is then renamed into place.
/// New documents are readable by their owner only (mode 0600): they hold confidential data.
/// The temporary is recorded in `TemporaryFiles`, so that an interrupted command removes it.
public enum AtomicFile {
    /// A file that could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `bytes` to `path` atomically.
    /// - Parameter durable: flush the file to disk before it replaces the old one (survives a
    ///   power cut); without it the replacement is still all-or-nothing for other programs.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(WriteError) {
        let temporary = TemporaryFiles.path(beside: path)
        guard let descriptor = TemporaryFiles.create(temporary) else {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { TemporaryFiles.forget(temporary) }
        var written = 0
        let failure: String? = bytes.withUnsafeBytes { buffer -> String? in
            while written < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                written += result
            }
            guard durable else { return nil }
            return fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            TemporaryFiles.waitForExitIfClosing()
            throw WriteError(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            // The temporary was removed because the process is exiting on a signal.
            TemporaryFiles.waitForExitIfClosing()
            throw WriteError(path: path, reason: reason)
        }
    }
}
