import Foundation

/// Finds the templates folder: `--templates DIR`, then `$ENGROSS_TEMPLATES`, then `./Templates`,
/// then `Templates` beside the installed executable (or in `../share/engross/`).
public enum TemplateLocator {
    /// Where templates were looked for and not found.
    public struct NotFound: Error, CustomStringConvertible {
        public var tried: [String]
        public var description: String {
            "no templates folder found (looked in \(tried.joined(separator: ", "))); pass --templates DIR or set ENGROSS_TEMPLATES"
        }
    }

    /// The templates folder to use.
    /// - Parameters:
    ///   - explicit: the `--templates` option, if given; used as is, and an error when missing.
    ///   - environment: the process environment.
    ///   - executable: the path of the running executable.
    public static func locate(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String = CommandLine.arguments.first ?? ""
    ) throws -> String {
        var candidates: [String] = []
        if let explicit {
            candidates = [explicit]
        } else {
            if let fromEnvironment = environment["ENGROSS_TEMPLATES"], !fromEnvironment.isEmpty {
                candidates.append(fromEnvironment)
            }
            candidates.append(FileManager.default.currentDirectoryPath + "/Templates")
            let executableURL = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(executableURL.appendingPathComponent("Templates").path)
            candidates.append(executableURL.appendingPathComponent("../share/engross/Templates").standardizedFileURL.path)
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            if explicit != nil { break }
        }
        throw NotFound(tried: candidates)
    }

    /// The vocabulary's RELAX NG schema for a templates folder: its own `engross.rng`, else the one
    /// in the default templates folders (./Templates, beside the executable); nil when none exists.
    public static func schema(
        for templatesRoot: String, executable: String = CommandLine.arguments.first ?? ""
    ) -> String? {
        let executableURL = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            templatesRoot,
            FileManager.default.currentDirectoryPath + "/Templates",
            executableURL.appendingPathComponent("Templates").path,
            executableURL.appendingPathComponent("../share/engross/Templates").standardizedFileURL.path,
        ].map { $0 + "/engross.rng" }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
