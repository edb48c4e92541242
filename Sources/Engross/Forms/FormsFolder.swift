import Foundation
import Templating

/// Where blank PDF forms are found: the folder `--forms DIR` names, else `$ENGROSS_FORMS`, else
/// `./Forms`. A form template names its blank by file name; Engross never ships official blanks,
/// the user downloads them into this folder.
///
/// ```swift
/// let folder = FormsFolder.locate(explicit: nil)                    // $ENGROSS_FORMS or ./Forms
/// let path = try folder.blankPath(for: "example-i-000.pdf")         // inside the folder, or an error
/// let blank = try BlankForm(path: path)
/// ```
public struct FormsFolder: Sendable {
    /// The folder, as given (or found).
    public let path: String
    /// How the folder was chosen, for messages: "--forms", "ENGROSS_FORMS" or "./Forms".
    public let origin: String

    /// The forms folder to use.
    /// - Parameters:
    ///   - explicit: the `--forms` option, if given.
    ///   - environment: the process environment (`ENGROSS_FORMS`).
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> FormsFolder {
        if let explicit { return FormsFolder(path: explicit, origin: "--forms") }
        if let fromEnvironment = environment["ENGROSS_FORMS"], !fromEnvironment.isEmpty {
            return FormsFolder(path: fromEnvironment, origin: "ENGROSS_FORMS")
        }
        return FormsFolder(path: FileManager.default.currentDirectoryPath + "/Forms", origin: "./Forms")
    }

    /// The path of blank `name` in the folder. `name` is a bare file name (the template parser
    /// checks it); a symbolic link that leads out of the folder is refused, as the templates
    /// folder refuses them.
    /// - Parameter alternative: another way to give the blank, for the message when it is
    ///   missing ("pass --blank PATH" for `render`); nil where there is none (packets, the server).
    public func blankPath(for name: String, alternative: String? = nil) throws(FormRenderError) -> String {
        let fix = "download the official form and save it there as \(name)" + (alternative.map { ", or \($0)" } ?? "")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FormRenderError(.blankNotFound, "the forms folder \(path) (from \(origin)) does not exist; create it and \(fix)")
        }
        guard TemplateParser.isBareFileName(name) else {
            throw FormRenderError(.blankNotFound, "blank=\"\(name)\" is not a file name; a form template names its blank by file name only")
        }
        let root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let file = root.appendingPathComponent(name).resolvingSymlinksInPath()
        guard file.path.hasPrefix(root.path + "/") else {
            throw FormRenderError(.blankNotFound, "the blank \(name) in \(path) leads outside the forms folder; refusing to read it")
        }
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw FormRenderError(.blankNotFound, "there is no blank form \(name) in \(path) (the forms folder, from \(origin)); \(fix)")
        }
        return file.path
    }
}
