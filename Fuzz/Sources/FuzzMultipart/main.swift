import FuzzSupport
import Multipart

/// multipart/form-data bodies as the web app's upload forms receive them from the network
/// (`MultipartForm`, with a fixed boundary that the seeds and the dictionary hold).
/// - What parses stays within its limits, and written back as a browser writes a form, parses to
///   the same parts.
/// - Parsed again with a limit set one below what the body needs (parts, a file's bytes, a text
///   field's bytes), it is refused for that limit, naming the right field.
/// - Parsed with small limits, it gives the same parts, or a refusal for a limit, or the refusal
///   the default limits gave: a limit only ever stops a parse sooner.
/// - Every refusal's message is one short printable line.
/// The input's first bytes are also read as a Content-Type header (`boundary(fromContentType:)`).
let boundary = "fuzzBoundary"
let small = MultipartForm.Limits(maximumParts: 4, maximumHeaderBytes: 128, maximumFileBytes: 512, maximumFieldBytes: 64)

@_cdecl("FuzzMultipart_main")
public func fuzzMultipartMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.runDriver(argc, argv, fuzzMultipart)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ input: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(input, size)
    checkContentType(bytes)
    let limits = MultipartForm.Limits()
    let whole = parse(bytes, limits)
    let smaller = parse(bytes, small)
    switch (whole, smaller) {
    case (.success(let form), .success(let smallForm)):
        Fuzz.require(same(form.parts, smallForm.parts), "small limits gave other parts than the default ones")
    case (.success, .failure(let smallError)):
        Fuzz.require(isLimit(smallError.reason), "small limits refused a body the default ones accept, for a reason other than a limit")
    case (.failure(let error), .failure(let smallError)):
        Fuzz.require(isLimit(smallError.reason) || error == smallError, "small limits refused the body for another reason than the default ones")
    case (.failure, .success):
        Fuzz.require(false, "small limits accepted a body the default ones refused")
    }
    guard case .success(let form) = whole else { return 0 }
    checkWithinLimits(form, limits)
    checkLimitsJustBelow(bytes, form)
    checkWrittenBack(form)
    return 0
}

/// The form, or the refusal, whose message is checked on the way.
func parse(_ bytes: [UInt8], _ limits: MultipartForm.Limits) -> Result<MultipartForm, MultipartError> {
    do {
        return .success(try MultipartForm(body: bytes, boundary: boundary, limits: limits))
    } catch {
        let message = error.description
        Fuzz.require(message.utf8.count < 400, "a message of \(message.utf8.count) bytes")
        Fuzz.require(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "a message holds a control character")
        return .failure(error)
    }
}

func refusal(_ result: Result<MultipartForm, MultipartError>) -> MultipartError? {
    if case .failure(let error) = result { return error }
    return nil
}

func isLimit(_ reason: MultipartError.Reason) -> Bool {
    switch reason {
    case .tooManyParts, .headersTooLong, .fileTooLarge, .fieldTooLarge: return true
    default: return false
    }
}

func same(_ left: [MultipartForm.Part], _ right: [MultipartForm.Part]) -> Bool {
    left.count == right.count
        && zip(left, right).allSatisfy {
            $0.name == $1.name && $0.filename == $1.filename && $0.contentType == $1.contentType && $0.body == $1.body
        }
}

func checkWithinLimits(_ form: MultipartForm, _ limits: MultipartForm.Limits) {
    Fuzz.require(form.parts.count <= limits.maximumParts, "\(form.parts.count) parts")
    for part in form.parts {
        Fuzz.require(!part.name.isEmpty, "a part without a name")
        let limit = part.filename == nil ? limits.maximumFieldBytes : limits.maximumFileBytes
        Fuzz.require(part.body.count <= limit, "a part of \(part.body.count) bytes")
    }
}

/// Each limit set one below what the form needs refuses it, for that limit and the right field.
func checkLimitsJustBelow(_ bytes: [UInt8], _ form: MultipartForm) {
    guard !form.parts.isEmpty else { return }
    var limits = MultipartForm.Limits()
    limits.maximumParts = form.parts.count - 1
    Fuzz.require(
        refusal(parse(bytes, limits)) == MultipartError(.tooManyParts(limit: limits.maximumParts)),
        "a form of \(form.parts.count) parts was not refused for a limit of \(limits.maximumParts)")
    for isFile in [true, false] {
        let parts = form.parts.filter { ($0.filename != nil) == isFile }
        guard let largest = parts.map(\.body.count).max(), largest > 0, let first = parts.first(where: { $0.body.count == largest }) else { continue }
        var limits = MultipartForm.Limits()
        let reason: MultipartError.Reason
        if isFile {
            limits.maximumFileBytes = largest - 1
            reason = .fileTooLarge(field: first.name, limit: largest - 1)
        } else {
            limits.maximumFieldBytes = largest - 1
            reason = .fieldTooLarge(field: first.name, limit: largest - 1)
        }
        Fuzz.require(refusal(parse(bytes, limits)) == MultipartError(reason), "a part of \(largest) bytes was not refused for a limit of \(largest - 1) (file: \(isFile))")
    }
}

/// The form written back as a browser writes one parses to the same parts. Its headers may be
/// longer than the input's (quotes escaped, U+FFFD for a byte that was not UTF-8), hence a larger
/// header limit.
func checkWrittenBack(_ form: MultipartForm) {
    // A quoted string, with a backslash before each quote and backslash (bytes, not characters:
    // a quote followed by a combining mark is one Character).
    func quoted(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        return bytes + [UInt8(ascii: "\"")]
    }
    var bytes: [UInt8] = []
    for part in form.parts {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=".utf8) + quoted(part.name)
        if let filename = part.filename { bytes += Array("; filename=".utf8) + quoted(filename) }
        bytes += Array("\r\n".utf8)
        if let contentType = part.contentType { bytes += Array("Content-Type: \(contentType)\r\n".utf8) }
        bytes += Array("\r\n".utf8) + part.body + Array("\r\n".utf8)
    }
    bytes += Array("--\(boundary)--\r\n".utf8)
    var limits = MultipartForm.Limits()
    limits.maximumHeaderBytes = 1 << 20
    switch parse(bytes, limits) {
    case .success(let again): Fuzz.require(same(form.parts, again.parts), "the form written back reads back differently")
    case .failure(let error): Fuzz.require(false, "the form written back is refused: \(error)")
    }
}

/// A Content-Type header's boundary, when there is one, is one RFC 2046 allows and reads back.
func checkContentType(_ bytes: [UInt8]) {
    let header = String(decoding: bytes.prefix(256), as: UTF8.self)
    guard let found = MultipartForm.boundary(fromContentType: header) else { return }
    Fuzz.require((1...70).contains(found.utf8.count), "a boundary of \(found.utf8.count) bytes")
    Fuzz.require(!found.contains("\"") && !found.contains("\\") && !found.hasSuffix(" "), "a boundary with a character RFC 2046 does not allow")
    Fuzz.require(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\"\(found)\"") == found, "a boundary does not read back quoted")
}
