import CaseData
import FuzzSupport
import Templating

/// The expression language of `test`, `required-if` and rules: `ExpressionParser.parse`, then the
/// paths it reads and its value in a case with groups, lists, dates, numbers and empty values, at
/// the top level and inside a loop over a list. A syntax error must point inside the text (its
/// offset is shown to the template's author as a character position).
let data: CaseValue = {
    let json = """
        {"client": {"fullName": "Ada Example", "dateOfBirth": "1990-02-28", "pronouns": "they", "aNumber": "A000000001"},
         "visa": "u", "letterDate": "2026-11-20", "consentToShare": true, "amount": 1250.50, "children": 3,
         "services": [{"description": "Case management", "since": "2024-01-15"}, {"description": "Shelter", "since": "2025-06-01"}],
         "reports": [{"kind": "police", "date": "2024-02-01"}, {"kind": "hotline"}],
         "crimes": ["trafficking", "extortion"], "notes": "", "nothing": null}
        """
    return try! JSONCaseParser.parse(Array(json.utf8), file: "scope.json")
}()
let scopes: [Scope] = {
    let top = Scope(root: data.objectValue!)
    let item = data.objectValue!["services"]!.listValue![1]
    return [top, top.binding("s", to: item).binding("item", to: item)]
}()
let evaluator = ExpressionEvaluator(today: Fuzz.today)

@_cdecl("FuzzExpression_main")
public func fuzzExpressionMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = scopes; _ = evaluator  // set up before the first input, whose time is measured
    return Fuzz.runDriver(argc, argv, fuzzExpression)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ input: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: Fuzz.bytes(input, size), as: UTF8.self)
    let expression: Expression
    do {
        expression = try ExpressionParser.parse(text)
    } catch {
        Fuzz.require(error.offset >= 0 && error.offset <= text.count, "a syntax error's offset \(error.offset) lies outside the text")
        return 0
    }
    _ = expression.paths.map(\.description)
    for scope in scopes {
        _ = evaluator.evaluate(expression, in: scope).isTruthy
    }
    return 0
}
