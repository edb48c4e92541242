import CaseData
import Digest
import Foundation
import Templating
import WriterPDF

/// An exhibit of a packet, read and checked: its letter, its description, and the file's pages.
public struct Exhibit: Sendable {
    /// The id that citations use, e.g. `police-report`.
    public var id: String
    /// A, B, …, in the order of the case file's list.
    public var letter: String
    public var title: String
    public var source: String?
    /// yyyy-mm-dd.
    public var date: CivilDate?
    /// The file as the case file names it (relative to the case file's folder, or absolute).
    public var file: String
    /// What `file` is relative to, for the manifest: "case file folder", "working folder" (for a
    /// case file read from standard input), or "absolute path".
    public var relativeTo: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// The file, ready to place page by page.
    public var content: ExhibitFile
    public var pageCount: Int { content.pageCount }
}

/// Reads the exhibit list of a packet's case file: `[{ "id", "file", "title", "source", "date" }]`.
/// Every problem is a diagnostic naming the field path; messages never quote a value.
///
/// A case file may come from someone else, so an exhibit must be a file in the case file's folder
/// or below it: an absolute path, a `..` or a symbolic link that leads out of it is refused unless
/// `allowOutside` (`--allow-outside-exhibits`) says the case file is trusted.
///
/// Exhibits are held in memory until the packet is written, so their size is bounded: one file
/// may be at most `Limits.file`, all of them together `Limits.total`, each checked from
/// the file's size before anything is read (a larger file is never read at all).
struct ExhibitList {
    /// How large exhibits may be, in bytes.
    struct Limits {
        /// One file.
        var file: Int
        /// All the exhibits of the packet together.
        var total: Int

        /// 100 MiB a file (far more than a scanned document needs) and 400 MiB in all, so that a
        /// packet is built in well under a gigabyte of memory.
        static let standard = Limits(file: 100 << 20, total: 400 << 20)
    }

    private(set) var exhibits: [Exhibit] = []
    private(set) var diagnostics: [Diagnostic] = []
    private let caseFile: String?
    private let allowOutside: Bool
    private let limits: Limits
    /// The bytes of the exhibits read so far.
    private var totalBytes = 0

    /// Reads the list at `path` of `root`; files are looked up relative to `caseFile`'s folder.
    init(_ root: CaseValue, at path: FieldPath, caseFile: String?, allowOutside: Bool = false, limits: Limits = .standard) {
        self.caseFile = caseFile
        self.allowOutside = allowOutside
        self.limits = limits
        guard let value = root.value(at: path), !value.isNull else { return }
        guard let items = value.listValue else {
            report(.wrongType, path, value, "must be a list of exhibits", help: "write \(path) as a list: [{ \"id\": …, \"file\": …, \"title\": … }]")
            return
        }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(index: index)
            guard let object = item.objectValue else {
                report(.wrongType, itemPath, item, "must be an object with id, file and title")
                continue
            }
            let id = text(object, "id", at: itemPath, help: "give the exhibit a short id that citations use, e.g. police-report")
            let file = text(object, "file", at: itemPath, help: "name the exhibit's PDF, PNG or JPEG file, relative to the case file's folder")
            let title = text(object, "title", at: itemPath, help: "describe the exhibit, e.g. Police report")
            let source = optionalText(object, "source", at: itemPath)
            let date = self.date(object, at: itemPath)
            for key in object.keys where !["id", "file", "title", "source", "date"].contains(key) {
                report(.unknownField, itemPath.appending(key), object[key], "is not an exhibit field and is ignored",
                    help: "an exhibit has id, file, title, source and date", severity: .warning)
            }
            if let id {
                if !id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }) {
                    report(.patternMismatch, itemPath.appending("id"), object["id"], "may hold only letters, digits, - and _",
                        help: "use a short name such as police-report")
                } else if let first = seen[id] {
                    report(.duplicateID, itemPath.appending("id"), object["id"], "is the same id as exhibits[\(first)]; each exhibit needs its own",
                        help: "rename one of them, and the citations that mean it")
                } else {
                    seen[id] = index
                }
            }
            guard let id, let file, let title, let content = open(file, at: itemPath.appending("file"), object["file"]) else { continue }
            exhibits.append(Exhibit(id: id, letter: Citations.exhibitLetter(exhibits.count), title: title, source: source, date: date,
                file: file, relativeTo: Self.relativeTo(file, caseFile: caseFile), sha256: content.sha256, content: content.file))
        }
    }

    /// The file named at `path`, read and opened.
    private mutating func open(_ file: String, at path: FieldPath, _ value: CaseValue?) -> (file: ExhibitFile, sha256: String)? {
        let resolved = Self.resolve(file, caseFile: caseFile)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
            report(.exhibitFile, path, value, "names a file that does not exist",
                help: "check the file name; a relative name is looked up in the case file's folder")
            return nil
        }
        if !allowOutside, !Self.isInside(resolved, folder: Self.folder(of: caseFile)) {
            report(.exhibitFile, path, value,
                "names a file outside the case file's folder (an absolute path, a .. or a link out of it), which a case file may not pull in",
                help: "copy the file into the case file's folder (or a folder in it) and name it from there; or, if you trust this case file, "
                    + "pass --allow-outside-exhibits")
            return nil
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: resolved)[.size] as? Int) ?? 0
        guard size <= limits.file else {
            report(.exhibitFile, path, value, "names a file of \(Self.megabytes(size)) MB; an exhibit may be at most \(Self.megabytes(limits.file)) MB",
                help: "make the file smaller (scan at 300 dpi, in grey or black and white) or split it into several exhibits")
            return nil
        }
        guard totalBytes + size <= limits.total else {
            report(.exhibitFile, path, value,
                "brings the exhibits to more than \(Self.megabytes(limits.total)) MB together, more than one packet may hold",
                help: "make the exhibit files smaller (scan at 300 dpi, in grey or black and white), or file the evidence in two packets")
            return nil
        }
        guard let bytes = Self.read(resolved, limit: limits.file) else {
            report(.exhibitFile, path, value, "names a file that cannot be read (check its permissions)")
            return nil
        }
        totalBytes += bytes.count
        do {
            return (try ExhibitFile(bytes: bytes), SHA256.hex(bytes))
        } catch {
            report(.exhibitFile, path, value, "names a file that \(error)")
            return nil
        }
    }

    /// The bytes of the file at `path`, or nil when it cannot be read or holds more than `limit`
    /// bytes (it may have grown since its size was checked).
    private static func read(_ path: String, limit: Int) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? BoundedRead.data(from: handle, limit: limit) else { return nil }
        return [UInt8](data)
    }

    /// A size in whole megabytes (MiB), rounded up, for messages.
    private static func megabytes(_ bytes: Int) -> Int { (bytes + (1 << 20) - 1) >> 20 }

    /// Where a file named in the case file is: relative names are in the case file's folder.
    static func resolve(_ file: String, caseFile: String?) -> String {
        if file.hasPrefix("/") { return file }
        return URL(fileURLWithPath: folder(of: caseFile)).appendingPathComponent(file).standardizedFileURL.path
    }

    /// The folder exhibits are looked up in: the case file's, or the working folder for a case
    /// file read from standard input.
    static func folder(of caseFile: String?) -> String {
        caseFile.flatMap { $0 == "-" ? nil : URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? "."
    }

    /// What an exhibit's `file` is relative to, as the manifest says it.
    static func relativeTo(_ file: String, caseFile: String?) -> String {
        file.hasPrefix("/") ? "absolute path" : caseFile == nil || caseFile == "-" ? "working folder" : "case file folder"
    }

    /// Whether the existing file `path` lies in `folder` or below it, once every symbolic link of
    /// both is followed.
    static func isInside(_ path: String, folder: String) -> Bool {
        guard let file = realpath(path, nil), let base = realpath(folder, nil) else { return false }
        defer {
            free(file)
            free(base)
        }
        let filePath = String(cString: file), basePath = String(cString: base)
        return filePath.hasPrefix(basePath == "/" ? "/" : basePath + "/")
    }

    private mutating func text(_ object: CaseObject, _ key: String, at path: FieldPath, help: String) -> String? {
        guard let value = object[key], !value.isNull else {
            report(.required, path.appending(key), nil, "is required", help: help)
            return nil
        }
        guard let text = value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            report(value.stringValue == nil ? .wrongType : .required, path.appending(key), value, "must be a text", help: help)
            return nil
        }
        return text
    }

    private mutating func optionalText(_ object: CaseObject, _ key: String, at path: FieldPath) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            report(.wrongType, path.appending(key), value, "must be a text")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    private mutating func date(_ object: CaseObject, at path: FieldPath) -> CivilDate? {
        guard let value = object["date"], !value.isNull else { return nil }
        guard let text = value.stringValue, let date = CivilDate(iso: text) else {
            report(.invalidDate, path.appending("date"), value, "is not a date", help: "write the date as yyyy-mm-dd, e.g. 2024-03-02")
            return nil
        }
        return date
    }

    private mutating func report(
        _ code: Diagnostic.Code, _ path: FieldPath, _ value: CaseValue?, _ message: String, help: String? = nil,
        severity: Diagnostic.Severity = .error
    ) {
        diagnostics.append(Diagnostic(severity, code, path: path.description, label: nil, message: message, help: help,
            file: caseFile, position: value?.position))
    }
}
