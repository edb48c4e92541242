import CaseData
import FuzzSupport

/// JSON case files: `JSONCaseParser`, then the case as a reader's tools see it.
/// - What parses is written back as JSON (pretty and compact) and must parse to the same tree.
/// - It is validated against three shipped templates and, where valid, rendered, with no
///   sensitive value in any message or redacted document (`Fuzz.checkCase`).
let templates = ["letters/support", "u-visa/certification-request", "protective-order/petition"].map(Fuzz.shipped)

@_cdecl("FuzzJSONCase_main")
public func fuzzJSONCaseMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = templates  // set up before the first input, whose time is measured
    return Fuzz.runDriver(argc, argv, fuzzJSONCase)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONCase(_ input: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(input, size)
    let data: CaseValue
    do {
        data = try JSONCaseParser.parse(bytes, file: "fuzz.json")
    } catch {
        _ = error.description
        return 0
    }
    for pretty in [true, false] {
        let text = data.jsonText(pretty: pretty)
        let again = try? JSONCaseParser.parse(Array(text.utf8), file: "again.json")
        Fuzz.require(again != nil, "the JSON written from a parsed case does not parse (pretty: \(pretty))")
        Fuzz.require(again?.withoutPositions == data.withoutPositions, "the JSON written from a parsed case reads back differently (pretty: \(pretty))")
    }
    Fuzz.checkCase(data, file: "fuzz.json", against: templates)
    return 0
}
