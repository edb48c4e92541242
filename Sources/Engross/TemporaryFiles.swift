import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The temporary files and folders this process is writing (`AtomicFile`'s, a packet's staging
/// folder), so that an interrupted command can remove them before it exits; and a sweep for the
/// ones a run killed outright left behind. They hold a client's data, so none may be left.
///
/// Every temporary is named `.NAME.PID.RANDOM.tmp`, PID being the process that made it: a sweep
/// removes only names of exactly that form whose process is gone.
public enum TemporaryFiles {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: Set<String> = []
        var closed = false
        /// How many temporaries are being created at this moment (between `open` and its check).
        var creating = 0
    }

    private static let registry = Registry()

    /// A temporary path beside `path` (in the same folder, so a rename can replace it).
    static func path(beside path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Creates `path` (new, mode 0600) for writing and records it; returns its descriptor, or
    /// nil with `errno` set. Once `removeAll()` has run, the calling thread waits for the exit
    /// instead, so that nothing is created while the process exits.
    static func create(_ path: String) -> Int32? {
        // Recorded before it exists, and counted while it is being made, so that `removeAll()`
        // never misses it; the lock is not held across `open`, which two workers would queue on.
        registry.lock.lock()
        if registry.closed {
            registry.lock.unlock()
            waitForExit()
        }
        registry.paths.insert(path)
        registry.creating += 1
        registry.lock.unlock()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        let error = errno
        registry.lock.lock()
        registry.creating -= 1
        if descriptor < 0 { registry.paths.remove(path) }
        let closed = registry.closed
        registry.lock.unlock()
        if closed { waitForExit() }  // `removeAll()` removes it once nothing is being created
        guard descriptor >= 0 else {
            errno = error
            return nil
        }
        return descriptor
    }

    /// Creates the folder `path` (mode 0700) and records it; false with `errno` set when it
    /// cannot.
    static func createFolder(_ path: String) -> Bool {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        if registry.closed {
            registry.lock.unlock()
            waitForExit()
        }
        guard mkdir(path, 0o700) == 0 else { return false }
        registry.paths.insert(path)
        return true
    }

    /// Forgets `path`: it was renamed into place or removed.
    static func forget(_ path: String) {
        registry.lock.lock()
        registry.paths.remove(path)
        registry.lock.unlock()
    }

    /// Parks the calling thread for good when the process is exiting after `removeAll()`: a
    /// write that fails because its temporary was removed must not report an error, nor exit
    /// with another status than the signal's.
    static func waitForExitIfClosing() {
        registry.lock.lock()
        let closed = registry.closed
        registry.lock.unlock()
        if closed { waitForExit() }
    }

    private static func waitForExit() -> Never {
        while true { pause() }
    }

    /// Removes every temporary file and folder under way and refuses new ones (a thread that
    /// tries waits for the exit). For a handler of SIGINT or SIGTERM, just before the process exits.
    public static func removeAll() {
        registry.lock.lock()
        registry.closed = true
        registry.lock.unlock()
        // Let a file being created at this moment appear first (a matter of microseconds; at
        // most a tenth of a second is given), so that it is removed with the others.
        for _ in 0..<1_000 {
            registry.lock.lock()
            let creating = registry.creating
            registry.lock.unlock()
            if creating == 0 { break }
            usleep(100)
        }
        registry.lock.lock()
        let paths = registry.paths
        registry.paths = []
        registry.lock.unlock()
        for path in paths { removeTree(path) }
    }

    /// Removes from `folder` the temporaries that runs killed outright left behind: entries named
    /// exactly `.NAME.PID.RANDOM.tmp`, owned by this user, whose process no longer runs. Returns
    /// how many were removed. Any other file is left alone.
    @discardableResult
    public static func sweep(_ folder: String) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var removed = 0
        for name in names {
            guard let pid = Self.pid(inName: name), pid != getpid(), !isRunning(pid) else { continue }
            let path = (folder.hasSuffix("/") ? folder : folder + "/") + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == getuid(),
                (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFDIR
            else { continue }
            removeTree(path)
            removed += 1
        }
        return removed
    }

    /// The PID in a name of the form `.NAME.PID.RANDOM.tmp`, or nil for any other name.
    static func pid(inName name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, !parts[..<(parts.count - 2)].joined(separator: ".").isEmpty,
            let random = parts.last, !random.isEmpty, random.allSatisfy(\.isASCII), UInt32(random) != nil,
            case let pidText = parts[parts.count - 2], !pidText.isEmpty, pidText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let pid = pid_t(pidText), pid > 0
        else { return nil }
        return pid
    }

    /// Whether process `pid` exists (a process of another user counts).
    private static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// A new temporary folder (mode 0700) beside `path`, named so that `sweep` removes it if the
    /// process is killed outright, and recorded so that an interrupted command removes it; `nil`
    /// when it cannot be made. Remove it with `removeFolder`.
    public static func makeFolder(beside path: String) -> String? {
        let folder = self.path(beside: path)
        return createFolder(folder) ? folder : nil
    }

    /// Removes a temporary folder made by `createFolder`, with everything in it, and forgets it.
    public static func removeFolder(_ path: String) {
        removeTree(path)
        forget(path)
    }

    /// Removes a file, or a folder with everything in it, without following symbolic links.
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
