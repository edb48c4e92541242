import CaseData
import Foundation
import FuzzSupport

/// YAML case files: `CaseFile.parse` as `engross` reads a .yaml file (byte order mark, UTF-8
/// check, then `YAMLCaseLoader` through Yams), then the case is validated against three shipped
/// templates and, where valid, rendered, with no sensitive value in any message or redacted
/// document (`Fuzz.checkCase`).
let templates = ["t-visa/declaration", "t-visa/cover-letter", "letters/translation-certificate"].map(Fuzz.shipped)

@_cdecl("FuzzYAMLCase_main")
public func fuzzYAMLCaseMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = templates  // set up before the first input, whose time is measured
    return Fuzz.runDriver(argc, argv, fuzzYAMLCase)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLCase(_ input: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data: CaseValue
    do {
        data = try CaseFile.parse(Data(Fuzz.bytes(input, size)), format: .yaml, file: "fuzz.yaml")
    } catch {
        _ = error.description
        return 0
    }
    Fuzz.checkCase(data, file: "fuzz.yaml", against: templates)
    return 0
}
