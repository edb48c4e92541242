import Foundation
import Testing

/// Runs a program found on the PATH and returns its exit status and standard output.
public func runTool(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Runs a PDF tool (pdftotext, pdfinfo, pdffonts, qpdf) on PDF bytes and returns what it prints;
/// records an issue when the tool fails. pdftotext writes to standard output.
public func pdfTool(_ tool: String, _ pdf: [UInt8], _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let path = NSTemporaryDirectory() + "engross-\(UUID().uuidString).pdf"
    try Data(pdf).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (status, output) = try runTool([tool] + arguments + [path] + (tool == "pdftotext" ? ["-"] : []))
    #expect(status == 0, "\(tool) failed", sourceLocation: sourceLocation)
    return output
}
