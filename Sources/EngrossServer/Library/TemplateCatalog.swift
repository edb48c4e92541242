import CaseData
import Digest
import Engross
import Foundation
import Templating

/// The templates folder as an administrator needs to see it: every template and packet, what the
/// server loaded when it started, and what the folder holds now.
///
/// Templates are legal text an attorney reviews, so they are installed by putting files into the
/// templates folder (and checked with `engross lint`), never uploaded through the web app. Every
/// process loads them once at start; this catalog says which files changed since, whether the
/// new version is sound, and so whether a restart would put it into use.
struct TemplateCatalog: Sendable {
    /// What one file of the folder held when it was read.
    struct Snapshot: Sendable {
        var id: String
        var isPacket: Bool
        /// SHA-256 of the file's bytes; nil when the file could not be read.
        var fingerprint: String?
        var title: String?
        var kind: String?
        var version: String?
        var reviewed: String?
        var authority: String?
        /// `engross lint`'s errors and warnings, as `file:line: message`.
        var errors: [String]
        var warnings: [String]
    }

    /// Every template and packet, by id.
    let snapshots: [String: Snapshot]

    /// Reads and lints every template and packet in the folder at `path` as it is now (a library
    /// of its own, so that nothing the server cached hides a change).
    static func read(templatesPath path: String, today: CivilDate) -> TemplateCatalog {
        let library = TemplateLibrary(path: path)
        let linter = Linter(library: library, today: today)
        let schemaPath = library.root.appendingPathComponent(TemplateLibrary.schemaFileName).path
        let schema = FileManager.default.fileExists(atPath: schemaPath) ? schemaPath : nil
        var snapshots: [String: Snapshot] = [:]
        for id in library.templateIDs() + library.packetIDs() {
            let isPacket = id.hasPrefix(TemplateLibrary.packetFolder + "/")
            let bytes = (try? Data(contentsOf: library.root.appendingPathComponent(id + ".xml"))).map { [UInt8]($0) }
            var snapshot = Snapshot(id: id, isPacket: isPacket, fingerprint: bytes.map(SHA256.hex), errors: [], warnings: [])
            for problem in linter.lint(id, schemaPath: schema) {
                let line = "\(Self.shortFile(problem.location.file, in: library.root.path)):\(problem.location.line): \(problem.message)"
                if problem.severity == .warning { snapshot.warnings.append(line) } else { snapshot.errors.append(line) }
            }
            if isPacket {
                if let packet = try? library.loadPacket(id) {
                    snapshot.title = packet.title
                    snapshot.kind = "packet"
                    snapshot.version = packet.version
                    snapshot.authority = packet.authority
                }
            } else if let template = try? library.load(id) {
                snapshot.title = template.meta.title
                snapshot.kind = template.kind
                snapshot.version = template.version
                snapshot.reviewed = template.meta.reviewed
                snapshot.authority = template.meta.authority
            }
            snapshots[id] = snapshot
        }
        return TemplateCatalog(snapshots: snapshots)
    }

    /// A file's path inside the templates folder, as the page shows it.
    static func shortFile(_ file: String, in root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    /// Where a template stands: in use as loaded, or different on disk from what the server uses.
    enum Standing: Equatable {
        /// Loaded at start and unchanged since.
        case inUse
        /// Left out at start because it had errors, and still unchanged.
        case leftOut
        /// Changed on disk since the server started; a restart puts the new version into use
        /// when it has no errors.
        case changed
        /// Added to the folder since the server started.
        case added
        /// Removed from the folder since the server started; the server still uses what it loaded.
        case removed
    }

    /// How template or packet `id` stands, comparing `started` (the folder when the server
    /// started) with `self` (the folder now).
    func standing(of id: String, started: TemplateCatalog) -> Standing {
        switch (started.snapshots[id], snapshots[id]) {
        case (nil, _): return .added
        case (_, nil): return .removed
        case (let before?, let now?):
            guard before.fingerprint == now.fingerprint else { return .changed }
            return before.errors.isEmpty ? .inUse : .leftOut
        }
    }
}
