import CaseData
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The folder a packet is written to, and how a new packet replaces an earlier one there.
///
/// The new packet is written whole into a private staging folder inside it first
/// (`.packet.PID.RANDOM.tmp`, each file flushed to disk), so that a failure while writing leaves
/// the earlier packet as it was. Then it is moved into place: the earlier manifest goes first (a
/// packet without a manifest is plainly unfinished), `documents/` is swapped whole for the new one
/// (so a rerun with fewer documents leaves none of the old ones), the combined PDF replaces the
/// old one, a combined PDF of another packet that the old manifest names is removed, and the new
/// manifest comes last. Anything else in the folder is left alone.
struct PacketFolder {
    let path: String

    init(_ path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// A packet that could not be written, and what became of the folder.
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// Replaces the packet in the folder with `files` (paths relative to it; `manifest.json` among
    /// them), creating the folder (mode 0700) if missing.
    func replace(with files: [(path: String, bytes: [UInt8])], combinedFileName: String) throws {
        do { try PrivateFolder.create(path) } catch { throw WriteError(description: "\(error)") }
        TemporaryFiles.sweep(path)
        // Refuse before anything moves when a name the packet needs is taken by something else.
        for (name, wantsFolder) in [("documents", true), (combinedFileName, false), ("manifest.json", false)] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue != wantsFolder {
                throw WriteError(description: "\(path)/\(name) is a \(wantsFolder ? "file" : "folder"), where the packet writes its "
                    + "\(wantsFolder ? "documents folder" : "file of that name"); move it away and run the command again (nothing was changed)")
            }
        }
        let staging = TemporaryFiles.path(beside: path + "/packet")
        guard TemporaryFiles.createFolder(staging) else {
            throw WriteError(description: "cannot write in \(path): \(String(cString: strerror(errno))) (nothing was changed)")
        }
        defer { TemporaryFiles.removeFolder(staging) }
        do {
            guard mkdir(staging + "/documents", 0o700) == 0 else {
                throw AtomicFile.WriteError(path: staging + "/documents", reason: String(cString: strerror(errno)))
            }
            for (name, bytes) in files { try AtomicFile.write(bytes, to: staging + "/" + name) }
        } catch {
            throw WriteError(description: "\(error) (the packet already in \(path), if any, was left as it was)")
        }
        let oldCombined = earlierCombinedFiles().filter { $0 != combinedFileName }
        do {
            try remove("manifest.json")
            if FileManager.default.fileExists(atPath: path + "/documents") {
                try move(path + "/documents", to: staging + "/old-documents")
            }
            try move(staging + "/documents", to: path + "/documents")
            try move(staging + "/" + combinedFileName, to: path + "/" + combinedFileName)
            for name in oldCombined { try remove(name) }
            try move(staging + "/manifest.json", to: path + "/manifest.json")
        } catch {
            throw WriteError(description: "\(error.description); the packet in \(path) is unfinished (it has no manifest.json): "
                + "run the command again")
        }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)  // the renames, durable
            close(descriptor)
        }
    }

    /// The combined PDFs the earlier manifest names: plain file names ending in -packet.pdf (the
    /// manifest may have been edited; nothing else is ever removed on its word).
    private func earlierCombinedFiles() -> [String] {
        guard let manifest = try? CaseFile.load(path: path + "/manifest.json"),
            let outputs = manifest.objectValue?["outputs"]?.listValue
        else { return [] }
        return outputs.compactMap { $0.objectValue?["path"]?.stringValue }.filter { name in
            name.hasSuffix("-packet.pdf") && !name.hasPrefix(".") && !name.contains("/") && !name.utf8.contains(0)
        }
    }

    private func move(_ from: String, to: String) throws(WriteError) {
        guard rename(from, to) == 0 else {
            throw WriteError(description: "cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
        }
    }

    private func remove(_ name: String) throws(WriteError) {
        guard unlink(path + "/" + name) == 0 || errno == ENOENT else {
            throw WriteError(description: "cannot remove \(path)/\(name): \(String(cString: strerror(errno)))")
        }
    }
}
