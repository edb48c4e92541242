import Foundation
import Multipart
import Testing

/// `MultipartForm`, the parser of the web app's uploads: bodies as browsers send them, and bodies
/// that are cut short, oversized, malformed or built to be slow. The body comes from the network,
/// so every refusal is checked by its reason, and messages by what they must never hold.
@Suite("MultipartForm")
struct MultipartFormTests {
    static let chromeBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"

    /// The UTF-8 bytes of `pieces`, end to end.
    static func body(_ pieces: String...) -> [UInt8] {
        Array(pieces.joined().utf8)
    }

    /// A part as a browser writes it: the boundary line, the headers, a blank line, the body, CRLF.
    static func part(_ headers: [String], _ content: [UInt8], boundary: String = chromeBoundary) -> [UInt8] {
        Array(("--\(boundary)\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n").utf8) + content + Array("\r\n".utf8)
    }

    static func textPart(_ name: String, _ value: String, boundary: String = chromeBoundary) -> [UInt8] {
        part(["Content-Disposition: form-data; name=\"\(name)\""], Array(value.utf8), boundary: boundary)
    }

    static func close(_ boundary: String = chromeBoundary) -> [UInt8] {
        Array("--\(boundary)--\r\n".utf8)
    }

    /// The bytes of a small "PDF" holding what a naive parser trips on: CR LF, `--`, a line that
    /// starts like the boundary but is longer, and every byte value.
    static let awkwardFile: [UInt8] =
        Array("%PDF-1.7\r\n%\u{E2}\u{E3}\r\n--\r\n----\r\n--\(chromeBoundary)X not a delimiter\r\n\r\n\r\n".utf8)
        + (0...255).map(UInt8.init) + Array("\r\n--\r\n%%EOF\r\n".utf8)

    // MARK: Bodies as browsers send them

    @Test func aBodyAsChromeSendsIt() throws {
        let contentType = "multipart/form-data; boundary=\(Self.chromeBoundary)"
        let boundary = try #require(MultipartForm.boundary(fromContentType: contentType))
        #expect(boundary == Self.chromeBoundary)
        let bytes = Self.textPart("csrf", "c2VjcmV0LXRva2Vu")
            + Self.textPart("title", "Declaration — draft 2\r\nsecond line")
            + Self.part(["Content-Disposition: form-data; name=\"exhibit\"; filename=\"scan.pdf\"", "Content-Type: application/pdf"], Self.awkwardFile)
            + Self.close()

        let form = try MultipartForm(body: bytes, boundary: boundary)

        #expect(form.parts.map(\.name) == ["csrf", "title", "exhibit"])
        #expect(form.value("csrf") == "c2VjcmV0LXRva2Vu")
        #expect(form.value("title") == "Declaration — draft 2\r\nsecond line")
        #expect(form.parts[0].filename == nil && form.parts[0].contentType == nil)
        let file = try #require(form.file("exhibit"))
        #expect(file.filename == "scan.pdf")
        #expect(file.contentType == "application/pdf")
        #expect(file.body == Self.awkwardFile)
        // A file is not a text field, and a text field is not a file.
        #expect(form.value("exhibit") == nil)
        #expect(form.file("title") == nil)
        #expect(form.value("missing") == nil)
    }

    /// Browsers send `filename=""` and an empty body for a file input with no file chosen: the part
    /// comes back, so the caller can say "choose a file" rather than "the form is broken".
    @Test func aFileInputWithNoFileChosenGivesAnEmptyPart() throws {
        let bytes = Self.textPart("title", "Police report")
            + Self.part(["Content-Disposition: form-data; name=\"exhibit\"; filename=\"\"", "Content-Type: application/octet-stream"], [])
            + Self.close()
        let form = try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        let file = try #require(form.file("exhibit"))
        #expect(file.filename == "")
        #expect(file.body.isEmpty)
        #expect(file.contentType == "application/octet-stream")
        #expect(form.value("title") == "Police report")
    }

    /// The first part of a name wins; text and empty values are kept as sent.
    @Test func repeatedAndEmptyFields() throws {
        let bytes = Self.textPart("kind", "pdf") + Self.textPart("kind", "png") + Self.textPart("note", "") + Self.close()
        let form = try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        #expect(form.value("kind") == "pdf")
        #expect(form.parts.filter { $0.name == "kind" }.count == 2)
        #expect(form.value("note") == "")
    }

    @Test func aPreambleAndAnEpilogueAreIgnored() throws {
        let bytes = Self.body("This is the preamble.\r\n--\(Self.chromeBoundary)X is not the boundary\r\n")
            + Self.textPart("a", "1") + Self.body("--\(Self.chromeBoundary)-- \r\nThis is the epilogue.\r\n--\(Self.chromeBoundary)\r\n")
        let form = try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        #expect(form.parts.count == 1)
        #expect(form.value("a") == "1")
    }

    /// RFC 2046 allows spaces and tabs after a boundary, before its line ends.
    @Test func paddingAfterABoundaryIsAllowed() throws {
        let bytes = Self.body("--b \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b  \r\n",
                              "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--b--")
        let form = try MultipartForm(body: bytes, boundary: "b")
        #expect(form.value("a") == "1")
        #expect(form.value("b") == "2")
    }

    @Test func aFormWithNoFieldsHasNoParts() throws {
        let form = try MultipartForm(body: Self.close(), boundary: Self.chromeBoundary)
        #expect(form.parts.isEmpty)
    }

    @Test func headerNamesAndDispositionAreCaseInsensitive() throws {
        let bytes = Self.part(["content-TYPE:image/png", "X-Other: ignored", "CONTENT-DISPOSITION: Form-Data ;NAME=photo ; FileName=\"a;b.png\""], [1, 2]) + Self.close()
        let file = try #require(try MultipartForm(body: bytes, boundary: Self.chromeBoundary).file("photo"))
        #expect(file.filename == "a;b.png")
        #expect(file.contentType == "image/png")
        #expect(file.body == [1, 2])
    }

    /// A backslash escapes `"` and `\` only, so a Windows path an old browser sends keeps its
    /// backslashes; `filename*` is ignored; the file name is UTF-8.
    @Test func fileNamesAreUnquoted() throws {
        let bytes = Self.part([#"Content-Disposition: form-data; name="a"; filename="say \"hi\" \\ C:\Users\scan.pdf"; filename*=UTF-8''x.pdf"#], [])
            + Self.part([#"Content-Disposition: form-data; name="b"; filename="Déclaration été.pdf""#], [])
            + Self.close()
        let form = try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        #expect(form.file("a")?.filename == #"say "hi" \ C:\Users\scan.pdf"#)
        #expect(form.file("b")?.filename == "Déclaration été.pdf")
    }

    /// A part with no headers at all starts with the blank line (RFC 2046); it has no name, so it
    /// is refused, but as the missing header, not as a cut upload.
    @Test func aPartWithNoHeadersIsReadAsSuch() throws {
        let bytes = Self.body("--b\r\n\r\nbody\r\n--b--\r\n")
        #expect(throws: MultipartError(.missingContentDisposition(part: 1))) {
            try MultipartForm(body: bytes, boundary: "b")
        }
    }

    // MARK: The boundary

    @Test func theBoundaryFromAContentType() {
        func boundary(_ header: String) -> String? { MultipartForm.boundary(fromContentType: header) }
        #expect(boundary("multipart/form-data; boundary=abc") == "abc")
        #expect(boundary("multipart/form-data; boundary=\"simple boundary\"") == "simple boundary")
        #expect(boundary("Multipart/Form-Data;BOUNDARY=\"a:b\";charset=utf-8") == "a:b")
        #expect(boundary("multipart/form-data; charset=\"x;y\"; Boundary = abc ") == "abc")
        #expect(boundary("multipart/form-data; boundary=" + String(repeating: "7", count: 70)) == String(repeating: "7", count: 70))

        #expect(boundary("multipart/mixed; boundary=abc") == nil)
        #expect(boundary("application/x-www-form-urlencoded") == nil)
        #expect(boundary("multipart/form-data") == nil)
        #expect(boundary("multipart/form-data; boundary=") == nil)
        #expect(boundary("multipart/form-data; boundary=\"\"") == nil)
        #expect(boundary("multipart/form-data; boundary=" + String(repeating: "7", count: 71)) == nil)
        #expect(boundary("multipart/form-data; boundary=\"ends with space \"") == nil)
        #expect(boundary("multipart/form-data; boundary=\"a\r\nb\"") == nil)
        #expect(boundary("multipart/form-data; boundary=\"unclosed") == nil)
        #expect(boundary("multipart/form-data; boundary=a; boundary=b") == nil)
        #expect(boundary("multipart/form-data; boundary=é") == nil)
    }

    /// RFC 2046's own example boundary holds a space, so the quoted form is needed.
    @Test func aQuotedBoundaryWithASpace() throws {
        let boundary = try #require(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\"simple boundary\""))
        let bytes = Self.textPart("a", "one", boundary: boundary) + Self.textPart("b", "two", boundary: boundary) + Self.close(boundary)
        let form = try MultipartForm(body: bytes, boundary: boundary)
        #expect(form.value("a") == "one")
        #expect(form.value("b") == "two")
    }

    @Test func anInvalidBoundaryIsRefused() {
        for boundary in ["", String(repeating: "x", count: 71), "a\r\nb", "trailing "] {
            #expect(throws: MultipartError(.invalidBoundary)) {
                try MultipartForm(body: Self.close(), boundary: boundary)
            }
        }
    }

    // MARK: Refused: cut short

    @Test func aBodyWithoutTheClosingBoundaryIsRefused() {
        let whole = Self.textPart("csrf", "token") + Self.part(["Content-Disposition: form-data; name=\"exhibit\"; filename=\"scan.pdf\""], Self.awkwardFile) + Self.close()
        let closing = Self.close().count
        // Cut in the closing boundary, in the file, in the file's headers, and after a boundary.
        for cut in [whole.count - 3, whole.count - 4, whole.count - closing, whole.count - closing - 2, whole.count - closing - 50, 150, 60, 41, 40] {
            #expect(throws: MultipartError(.truncated), "cut at \(cut)") {
                try MultipartForm(body: Array(whole[..<cut]), boundary: Self.chromeBoundary)
            }
        }
        // What remains after "--boundary--" is the epilogue: the whole body and the body without
        // its final CRLF both parse.
        #expect((try? MultipartForm(body: whole, boundary: Self.chromeBoundary))?.parts.count == 2)
        #expect((try? MultipartForm(body: Array(whole.dropLast(2)), boundary: Self.chromeBoundary))?.parts.count == 2)
        #expect(MultipartError(.truncated).description == "the upload ended before its last part: try again")
    }

    @Test func aBodyWithoutTheBoundaryIsRefused() {
        for bytes in [[], Self.body("name=value&other=1"), Self.body("--other\r\n\r\n--other--"), Self.body("x--\(Self.chromeBoundary)\r\n")] {
            #expect(throws: MultipartError(.noFirstBoundary)) {
                try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
            }
        }
    }

    // MARK: Refused: limits

    @Test func tooManyPartsAreRefused() throws {
        let limit = MultipartForm.Limits().maximumParts
        #expect(limit == 64)
        let parts = (0..<limit).flatMap { Self.textPart("f\($0)", "\($0)") }
        #expect(try MultipartForm(body: parts + Self.close(), boundary: Self.chromeBoundary).parts.count == limit)
        #expect(throws: MultipartError(.tooManyParts(limit: limit))) {
            try MultipartForm(body: parts + Self.textPart("one-more", "x") + Self.close(), boundary: Self.chromeBoundary)
        }
        // Empty parts count too: a body of a million tiny parts stops at the limit.
        let tiny = Array(repeating: Self.textPart("a", ""), count: 100_000).flatMap { $0 }
        #expect(throws: MultipartError(.tooManyParts(limit: limit))) {
            try MultipartForm(body: tiny + Self.close(), boundary: Self.chromeBoundary)
        }
    }

    @Test func headersTooLongAreRefusedWithoutQuotingThem() {
        let limit = MultipartForm.Limits().maximumHeaderBytes
        let name = "Ada Example " + String(repeating: "x", count: limit)
        let bytes = Self.textPart("csrf", "t") + Self.part(["Content-Disposition: form-data; name=\"exhibit\"; filename=\"\(name).pdf\""], [1]) + Self.close()
        #expect {
            try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        } throws: { error in
            guard let error = error as? MultipartError else { return false }
            return error.reason == .headersTooLong(part: 2, limit: limit) && !error.description.contains("Ada")
                && error.description.contains("8 KiB")
        }
        // Just within the limit, the same part parses.
        let header = "Content-Disposition: form-data; name=\"exhibit\"; filename=\"\""
        let fits = header.replacingSuffix("\"\"", with: "\"" + String(repeating: "x", count: limit - header.utf8.count) + "\"")
        #expect(fits.utf8.count == limit)
        #expect((try? MultipartForm(body: Self.part([fits], [1]) + Self.close(), boundary: Self.chromeBoundary))?.file("exhibit")?.body == [1])
        #expect(throws: MultipartError(.headersTooLong(part: 1, limit: limit))) {
            try MultipartForm(body: Self.part([fits + "x"], [1]) + Self.close(), boundary: Self.chromeBoundary)
        }
    }

    @Test func partsLargerThanTheirLimitAreRefused() throws {
        let limits = MultipartForm.Limits(maximumFileBytes: 1_000, maximumFieldBytes: 100)
        func form(_ bytes: [UInt8]) throws -> MultipartForm {
            try MultipartForm(body: bytes + Self.close(), boundary: Self.chromeBoundary, limits: limits)
        }
        let file = ["Content-Disposition: form-data; name=\"exhibit\"; filename=\"Ada Example.pdf\""]
        #expect(try form(Self.part(file, Array(repeating: 0x41, count: 1_000))).file("exhibit")?.body.count == 1_000)
        #expect(throws: MultipartError(.fileTooLarge(field: "exhibit", limit: 1_000))) {
            try form(Self.part(file, Array(repeating: 0x41, count: 1_001)))
        }
        #expect(try form(Self.textPart("title", String(repeating: "t", count: 100))).value("title")?.count == 100)
        #expect(throws: MultipartError(.fieldTooLarge(field: "title", limit: 100))) {
            try form(Self.textPart("title", String(repeating: "t", count: 101)))
        }
        // The file's name and bytes stay out of the message; the field's name, the form's own, is in it.
        let message = MultipartError(.fileTooLarge(field: "exhibit", limit: 100 << 20)).description
        #expect(message == "the file in the field \"exhibit\" is larger than 100 MiB, the most Engross accepts: send a smaller file")
        // A hostile field name cannot forge a line of a log.
        #expect(!MultipartError(.fieldTooLarge(field: "a\nb", limit: 1)).description.contains("\n"))
    }

    // MARK: Refused: malformed parts

    @Test func aPartWithoutContentDispositionIsRefused() {
        let bytes = Self.textPart("csrf", "t") + Self.part(["Content-Type: application/pdf"], [1, 2, 3]) + Self.close()
        #expect(throws: MultipartError(.missingContentDisposition(part: 2))) {
            try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        }
    }

    @Test func malformedPartsAreRefused() {
        let cases: [([String], MultipartError.Reason)] = [
            (["Content-Disposition: attachment; name=\"a\""], .notFormData(part: 1)),
            (["Content-Disposition: form-data; filename=\"a.pdf\""], .missingName(part: 1)),
            (["Content-Disposition: form-data; name=\"\""], .missingName(part: 1)),
            (["Content-Disposition: form-data; name=\"a\"; name=\"b\""], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data; name=\"a\"; filename=\"x\"; filename=\"y\""], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data; name=\"a\"", "Content-Disposition: form-data; name=\"b\""], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data; name=\"a\"", "Content-Type: text/plain", "Content-Type: image/png"], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data; name=\"a"], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data; name=\"a\" x"], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data; name"], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data;", " name=\"a\""], .malformedHeaders(part: 1)),
            (["Content-Disposition form-data; name=\"a\""], .malformedHeaders(part: 1)),
            (["Content-Disposition : form-data; name=\"a\""], .malformedHeaders(part: 1)),
            ([": form-data; name=\"a\""], .malformedHeaders(part: 1)),
            (["Content-Disposition: form-data; name=\"a\"\nX: y"], .malformedHeaders(part: 1)),
        ]
        for (headers, reason) in cases {
            #expect(throws: MultipartError(reason), "\(headers)") {
                try MultipartForm(body: Self.part(headers, [1]) + Self.close(), boundary: Self.chromeBoundary)
            }
        }
    }

    /// No message quotes a header value or a byte of a body, whatever went wrong.
    @Test func messagesNeverQuoteTheUpload() {
        let secret = "Ada Example"
        let bodies: [[UInt8]] = [
            Self.part(["Content-Disposition: form-data; name=\"x\"; filename=\"\(secret)\"; filename=\"\(secret)\""], Array(secret.utf8)),
            Self.part(["Content-Disposition: \(secret); name=\"x\""], Array(secret.utf8)) + Self.close(),
            Self.part(["Content-Type: \(secret)"], Array(secret.utf8)) + Self.close(),
            Self.part(["\(secret)"], Array(secret.utf8)) + Self.close(),
        ]
        for bytes in bodies {
            #expect {
                try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
            } throws: { error in
                "\(error)".contains("the upload") && !"\(error)".contains(secret)
            }
        }
    }

    /// A form printed, logged or dumped shows its field names and sizes, never a file name, a
    /// content type or a byte of a body.
    @Test func aFormPrintsNoContent() throws {
        let bytes = Self.textPart("title", "Ada Example's declaration")
            + Self.part(["Content-Disposition: form-data; name=\"exhibit\"; filename=\"Ada Example passport.pdf\"", "Content-Type: image/x-ada"], Array("Ada Example".utf8))
            + Self.close()
        let form = try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        var dumped = ""
        dump(form, to: &dumped)
        for text in ["\(form)", String(reflecting: form), "\(form.parts)", dumped] {
            #expect(!text.contains("Ada") && !text.contains("x-ada") && !text.contains("65, 100, 97"), "\(text)")
        }
        #expect("\(form)" == #"MultipartForm("title": text, 25 bytes; "exhibit": file, 11 bytes)"#)
    }

    // MARK: Time

    /// Bodies built to make a parser slow: the boundary's prefix repeated, carriage returns, and
    /// near-delimiters (the whole delimiter, then a byte that makes it content). Each must parse
    /// or be refused in one pass; a parser that rescans from every candidate takes minutes.
    /// 20 MB of near-delimiters is parsed in linear time. The bound is loose on purpose (a debug
    /// build takes about 0.1–1.5 s here, depending on the machine's load): what it catches is a
    /// quadratic scan, which would take hours on 20 MB, not a slower machine.
    @Test func adversarialBodiesFinishFast() throws {
        let limit = Duration.seconds(15)
        let size = 20 << 20
        let boundary = Self.chromeBoundary
        let header = Self.body("--\(boundary)\r\nContent-Disposition: form-data; name=\"exhibit\"; filename=\"x\"\r\n\r\n")
        func repeated(_ piece: String) -> [UInt8] {
            let bytes = Array(piece.utf8)
            var result: [UInt8] = []
            result.reserveCapacity(size)
            for _ in 0..<(size / bytes.count) { result.append(contentsOf: bytes) }
            return result
        }
        let fillings: [[UInt8]] = [
            repeated("\r\n--" + boundary.dropLast()),
            repeated("\r\n--" + boundary.prefix(8)),
            Array(repeating: UInt8(ascii: "\r"), count: size),
            repeated("\r\n--\(boundary)X"),
            repeated("\r\n--\(boundary) \t x"),
        ]
        for filling in fillings {
            let bytes = header + filling + Self.body("\r\n--\(boundary)--\r\n")
            let clock = ContinuousClock()
            let start = clock.now
            let form = try MultipartForm(body: bytes, boundary: boundary)
            let elapsed = clock.now - start
            #expect(Data(form.file("exhibit")?.body ?? []) == Data(filling))
            #expect(elapsed < limit, "\(elapsed) for \(filling.prefix(16))")
            // Cut short, the same body is refused as fast.
            let cutStart = clock.now
            #expect(throws: MultipartError(.truncated)) {
                try MultipartForm(body: header + filling, boundary: boundary)
            }
            #expect(clock.now - cutStart < limit)
        }
        // A preamble of near-delimiters before the first real boundary.
        let preamble = repeated("\r\n--\(boundary)X")
        let form = try MultipartForm(body: preamble + Self.body("\r\n") + Self.textPart("a", "1") + Self.close(), boundary: boundary)
        #expect(form.value("a") == "1")
    }

    /// A 50 MB file, as the packet page uploads a large scan, in well under a second.
    @Test func aLargeFileParsesQuickly() throws {
        var file = [UInt8](repeating: 0, count: 50 << 20)
        var state: UInt32 = 1
        for index in stride(from: 0, to: file.count, by: 7) {  // fixed noise, every byte value
            state = state &* 1_664_525 &+ 1_013_904_223
            file[index] = UInt8(truncatingIfNeeded: state >> 24)
        }
        let bytes = Self.textPart("title", "Scan") + Self.part(["Content-Disposition: form-data; name=\"exhibit\"; filename=\"scan.pdf\""], file) + Self.close()
        let clock = ContinuousClock()
        let start = clock.now
        let form = try MultipartForm(body: bytes, boundary: Self.chromeBoundary)
        let elapsed = clock.now - start
        #expect(form.file("exhibit")?.body.count == file.count)
        #expect(Data(form.file("exhibit")?.body ?? []) == Data(file))
        #expect(elapsed < .seconds(15), "\(elapsed)")  // loose: it catches a byte-at-a-time slow path, not a slow machine
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
