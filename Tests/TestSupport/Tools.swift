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

/// The built `engross` executable, not yet started, set to run in `directory` with today fixed at
/// 2026-11-29 and no ENGROSS_TEMPLATES from the caller's environment.
public func engrossProcess(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String] = [:]) -> Process {
    let process = Process()
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("engross")
    process.executableURL = FileManager.default.fileExists(atPath: besideTests.path)
        ? besideTests : repositoryRoot.appendingPathComponent(".build/debug/engross")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = "1795910400"
    env.removeValue(forKey: "ENGROSS_TEMPLATES")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    return process
}

/// The fields of the PDF form at `path` as pypdf (an independent reader) sees them: fully
/// qualified name → value (`/V`) as text; check boxes and radio buttons give their state (`/Y`,
/// `/F`); fields without a value are left out.
public func pypdfFields(atPath path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
    let script = """
        import json, sys
        from pypdf import PdfReader
        fields = PdfReader(sys.argv[1]).get_fields() or {}
        print(json.dumps({name: str(field.get('/V')) for name, field in fields.items() if field.get('/V') is not None}))
        """
    let (status, output) = try runTool(["python3", "-c", script, path])
    #expect(status == 0, "pypdf could not read \(path)", sourceLocation: sourceLocation)
    return try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
}
