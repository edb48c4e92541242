import CFuzzer
import CaseData
import Engross
import Foundation
import Templating

/// What the fuzz targets share: where the project is, the fixtures' fixed "today", the shipped
/// templates, and the checks whose failure is a finding.
///
/// A finding stops the run through `Fuzz.require`, which aborts: libFuzzer then saves the input
/// as `crash-…` and prints its path, exactly as for a trap, an address-sanitizer report, a
/// timeout or a memory flood.
public enum Fuzz {
    /// The project's root: `$ENGROSS_ROOT` when set (scripts/fuzz sets it), else the folder above
    /// `Fuzz/` that this file was compiled in.
    public static let root: String = {
        if let root = ProcessInfo.processInfo.environment["ENGROSS_ROOT"], !root.isEmpty { return root }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // FuzzSupport, Sources, Fuzz, then the root
        return url.path
    }()

    /// The shipped templates folder.
    public static let templatesPath = root + "/Templates"

    /// 2026-11-29, the fixtures' "today".
    public static let today = CivilDate(year: 2026, month: 11, day: 29)!

    /// An engine over the shipped templates.
    public static let engine = Engine(templatesPath: templatesPath, today: today)

    /// A shipped template, ready to validate and render; stops the run when it does not load
    /// (a setup problem, not a finding).
    public static func shipped(_ id: String) -> PreparedTemplate {
        do {
            return try engine.prepare(id)
        } catch {
            fatalError("engross-fuzz: the shipped template \(id) does not load from \(templatesPath): \(error)")
        }
    }

    /// Stops the run with `message` when `condition` is false.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        FileHandle.standardError.write(Data("engross-fuzz: finding: \(message())\n".utf8))
        abort()
    }

    /// The fuzz input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A test function as libFuzzer calls it.
    public typealias Test = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs libFuzzer on `test` with the command line's options and corpus folders; each
    /// target's `<Target>_main` calls it (see CFuzzer.h for why).
    public static func runDriver(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: Test) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, test)
    }
}
