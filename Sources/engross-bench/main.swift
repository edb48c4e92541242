// Measures Engross's throughput through the library, as `make bench` reports it in BENCHMARKS.md:
// case files read, parsed and validated per second, and documents rendered to HTML and written
// (atomically, to disk) per second, on one core and on all cores.
//
//   engross-bench [--templates DIR] [--template ID] [--case FILE] [--validate N] [--render N]
//   engross-bench --write-cases DIR --validate N     (only write N case files, for timing the CLI)
import CaseData
import Dispatch
import Engross
import Foundation
import Templating
import WriterDOCX

struct Options {
    var templates = "Templates"
    var template = "letters/support"
    var caseFile = "Fixtures/cases/letters/support/valid.json"
    var validateCount = 10_000
    var renderCount = 1_000
    /// When set, only write `validateCount` case files there and exit (for timing the CLI).
    var writeCasesTo: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--templates": templates = iterator.next() ?? templates
            case "--template": template = iterator.next() ?? template
            case "--case": caseFile = iterator.next() ?? caseFile
            case "--validate": validateCount = Int(iterator.next() ?? "") ?? validateCount
            case "--render": renderCount = Int(iterator.next() ?? "") ?? renderCount
            case "--write-cases": writeCasesTo = iterator.next()
            default:
                FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

/// Writes `count` variants of the case file (each with its own name and dates) into `folder`.
func writeVariants(of base: CaseValue, count: Int, into folder: String) -> [String] {
    let names = ["Ana", "Ben", "Cruz", "Dana", "Eli", "Faye", "Gus", "Hana", "Ivo", "Jun"]
    var paths: [String] = []
    for index in 0..<count {
        guard case .object(var root) = base.kind, case .object(var client)? = root["client"]?.kind else { fatalError("bad case") }
        client["fullName"] = .string("\(names[index % names.count]) Example-\(index)")
        root["client"] = CaseValue(.object(client))
        root["knownSince"] = .string(CivilDate(year: 2020, month: 1, day: 1)!.adding(months: index % 48).description)
        let path = folder + "/case-\(index).json"
        try! CaseValue(.object(root)).jsonText().write(toFile: path, atomically: false, encoding: .utf8)
        paths.append(path)
    }
    return paths
}

/// Runs `work` for each index, on `jobs` threads; returns the seconds taken.
func measure(_ count: Int, jobs: Int, _ work: @escaping @Sendable (Int) -> Void) -> Double {
    let start = DispatchTime.now()
    if jobs == 1 {
        for index in 0..<count { work(index) }
    } else {
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            var index = job
            while index < count {
                work(index)
                index += jobs
            }
        }
    }
    return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func report(_ label: String, _ count: Int, _ seconds: Double) {
    let rate = Double(count) / seconds
    print(String(format: "%-52@ %7d in %7.3f s  = %9.0f per second  (%.3f ms each)", label as NSString, count, seconds, rate, 1000 / rate))
}

let options = Options(CommandLine.arguments)
let engine = Engine(templatesPath: options.templates, today: RenderDate.today())
let prepared: PreparedTemplate
do { prepared = try engine.prepare(options.template) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let base = try CaseFile.load(path: options.caseFile)
if let target = options.writeCasesTo {
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    _ = writeVariants(of: base, count: options.validateCount, into: target)
    exit(0)
}
let folder = NSTemporaryDirectory() + "engross-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
let total = max(options.validateCount, options.renderCount)
let paths = writeVariants(of: base, count: total, into: folder)
let cores = ProcessInfo.processInfo.activeProcessorCount
print("Engross benchmark: template \(options.template), \(cores) cores, release build")

for jobs in Set([1, cores]).sorted() {
    let validated = measure(options.validateCount, jobs: jobs) { index in
        let data = try! CaseFile.load(path: paths[index])
        precondition(prepared.validate(data, file: paths[index]).isEmpty, "variant \(index) is not valid")
    }
    report("read + parse + validate (\(jobs) job\(jobs == 1 ? "" : "s"))", options.validateCount, validated)
    for format in [OutputFormat.html, .pdf, .docx] {
        let inMemory = measure(options.renderCount, jobs: jobs) { index in
            let data = try! CaseFile.load(path: paths[index])
            precondition(prepared.validate(data, file: paths[index]).isEmpty)
            precondition(!(try! format.write(prepared.render(data))).isEmpty)
        }
        report("read + validate + render \(format.rawValue.uppercased()) in memory (\(jobs) job\(jobs == 1 ? "" : "s"))",
            options.renderCount, inMemory)
    }
    if ProcessInfo.processInfo.environment["BENCH_STAGES"] != nil {
        let data = try! CaseFile.load(path: paths[0])
        let document = prepared.render(data)
        report("evaluate only", options.renderCount, measure(options.renderCount, jobs: 1) { _ in _ = prepared.render(data) })
        report("docx parts only", options.renderCount, measure(options.renderCount, jobs: 1) { _ in _ = DOCXWriter().parts(document) })
        report("docx stored", options.renderCount, measure(options.renderCount, jobs: 1) { _ in _ = try! DOCXWriter().render(document, options: .init(compress: false)) })
        for format in OutputFormat.allCases {
            report("\(format.rawValue) only", options.renderCount, measure(options.renderCount, jobs: 1) { _ in _ = try! format.write(document) })
        }
    }
    for format in [OutputFormat.html, .docx, .pdf] {
        for durable in [false, true] {
            let rendered = measure(options.renderCount, jobs: jobs) { index in
                let data = try! CaseFile.load(path: paths[index])
                precondition(prepared.validate(data, file: paths[index]).isEmpty)
                let bytes = try! format.write(prepared.render(data))
                try! AtomicFile.write(bytes, to: folder + "/out/case-\(index).\(format.rawValue)", durable: durable)
            }
            let how = durable ? "write + fsync" : "write"
            report("read + validate + \(format.rawValue.uppercased()) + \(how) (\(jobs) job\(jobs == 1 ? "" : "s"))", options.renderCount, rendered)
        }
    }
}
