import CaseData
import Engross
import Foundation
import FuzzSupport
import Templating

/// Template files, as `engross lint`, `fields`, `init`, `validate` and `render` read them. The
/// bytes are written as `fuzz.xml` into a copy of the shipped templates folder (so that
/// `include` and `extends` reach real templates) and loaded: libxml2, `TemplateParser`, the
/// resolver and the binder. A template that loads must give a JSON Schema, and skeleton case
/// files in JSON and YAML that read back with the same fields (`engross init` writes them for a
/// user to fill in); an empty case and the skeleton are validated and, where valid, rendered.
let folder: String = {
    let path = NSTemporaryDirectory() + "engross-fuzz-templates-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    do {
        try FileManager.default.copyItem(atPath: Fuzz.templatesPath, toPath: path)
    } catch {
        fatalError("engross-fuzz: cannot copy \(Fuzz.templatesPath) to \(path): \(error)")
    }
    return path
}()
let file = folder + "/fuzz.xml"
let emptyCase = CaseValue(.object(CaseObject()))

@_cdecl("FuzzTemplate_main")
public func fuzzTemplateMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = file  // set up before the first input, whose time is measured
    atexit { try? FileManager.default.removeItem(atPath: folder) }
    return Fuzz.runDriver(argc, argv, fuzzTemplate)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ input: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: file, contents: Data(Fuzz.bytes(input, size))) else {
        fatalError("engross-fuzz: cannot write \(file)")
    }
    let engine = Engine(templatesPath: folder, today: Fuzz.today)
    let prepared: PreparedTemplate
    do {
        prepared = try engine.prepare("fuzz")
    } catch {
        _ = error.errors.map(\.descriptionWithSource)
        return 0
    }
    let template = prepared.template
    _ = CaseSchema.jsonSchema(for: template).jsonText()
    let skeleton = CaseSchema.skeleton(for: template)
    let json = skeleton.jsonText()
    Fuzz.require((try? JSONCaseParser.parse(Array(json.utf8), file: "skeleton.json")) != nil, "the JSON skeleton (engross init) does not parse")
    let yaml = try? YAMLCaseLoader.parse(CaseSchema.yamlSkeleton(for: template), file: "skeleton.yaml")
    Fuzz.require(yaml != nil, "the YAML skeleton (engross init --yaml) does not parse")
    Fuzz.require(sameShape(yaml!, skeleton), "the YAML skeleton (engross init --yaml) reads back with other fields than the JSON one")
    for data in [emptyCase, skeleton] {
        let problems = prepared.validate(data, file: "case.json")
        _ = problems.map(\.formatted)
        guard !problems.contains(where: { $0.severity == .error }) else { continue }
        let document = prepared.render(data)
        for format in [OutputFormat.txt, .md, .html] { _ = try? format.write(document) }
    }
    return 0
}

/// Whether a skeleton read back from YAML has the fields of the JSON skeleton, in order, at every
/// level. YAML writes an empty group or list as nothing, which reads as null.
func sameShape(_ yaml: CaseValue, _ json: CaseValue) -> Bool {
    switch json.kind {
    case .object(let object):
        if object.isEmpty, yaml.isNull { return true }
        guard let other = yaml.objectValue, other.keys == object.keys else { return false }
        return object.entries.allSatisfy { sameShape(other[$0.key]!, $0.value) }
    case .list(let items):
        if yaml.isNull { return items.allSatisfy { $0.objectValue?.isEmpty ?? false } }
        guard let others = yaml.listValue, others.count == items.count else { return false }
        return zip(others, items).allSatisfy { sameShape($0, $1) }
    default:
        return yaml.objectValue == nil && yaml.listValue == nil
    }
}
