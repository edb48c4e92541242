import Foundation
import TestSupport


/// The result of running `engross`.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `engross` executable in `directory` (the repository by default), with today
/// fixed at 2026-11-29.
func engross(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String] = [:], stdin: String? = nil) throws -> Run {
    let process = engrossProcess(arguments, in: directory, environment: environment)
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // Standard error is read on another thread while standard output is read here: reading one to
    // its end first would hang once the other filled its pipe (64 KiB).
    let errorOutput = PipeReader(err.fileHandleForReading)
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errorOutput.wait()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A new empty temporary folder.
func temporaryFolder() -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("engross-cli-" + UUID().uuidString)
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe gave, once it is closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}
