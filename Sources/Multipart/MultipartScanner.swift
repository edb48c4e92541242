/// The scan behind `MultipartForm(body:boundary:limits:)`: RFC 2046's multipart grammar, read
/// over the body's bytes in place.
///
/// Each delimiter is found with `ByteSearch` (linear whatever the bytes), and every search stops
/// where a limit would be passed, so a hostile body costs at most one pass over its bytes. A
/// delimiter is `CRLF--boundary` followed by `--` (the close), or by optional spaces or tabs and
/// CRLF (the next part); `CRLF--boundary` followed by anything else is part of the body, as in Go's
/// mime/multipart (a browser's random boundary never occurs in its files, so either reading
/// serves browsers, and this one refuses no body RFC 2046 allows).
struct MultipartScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    let limits: MultipartForm.Limits
    /// `--boundary`: a boundary at the start of the body.
    let dashBoundary: [UInt8]
    /// `CRLF--boundary`: a boundary anywhere else.
    let delimiter: [UInt8]

    private static let lineBreak: [UInt8] = [.carriageReturn, .lineFeed]
    private static let blankLine: [UInt8] = [.carriageReturn, .lineFeed, .carriageReturn, .lineFeed]

    init(buffer: UnsafeBufferPointer<UInt8>, boundary: [UInt8], limits: MultipartForm.Limits) {
        self.buffer = buffer
        self.limits = limits
        dashBoundary = [.hyphen, .hyphen] + boundary
        delimiter = Self.lineBreak + dashBoundary
    }

    /// What follows a boundary.
    private enum Follower {
        /// The boundary opens a part, whose headers start at this index.
        case part(at: Int)
        /// `--`: the close; what follows is the epilogue.
        case close
        /// The body ends where the rest of a delimiter line could have come.
        case truncated
        /// Anything else: not a delimiter line.
        case other
    }

    /// Every part of the body, in order.
    func parts() throws(MultipartError) -> [MultipartForm.Part] {
        guard case .part(var position) = try firstBoundary() else { return [] }
        var parts: [MultipartForm.Part] = []
        while true {
            guard parts.count < limits.maximumParts else { throw MultipartError(.tooManyParts(limit: limits.maximumParts)) }
            let number = parts.count + 1
            let (headers, bodyStart) = try headerBlock(at: position, part: number)
            var part = try Self.part(fromHeaders: UnsafeBufferPointer(rebasing: buffer[headers]), number: number)
            let (bodyEnd, follower) = try nextDelimiter(after: bodyStart, for: part)
            part.body = Array(UnsafeBufferPointer(rebasing: buffer[bodyStart..<bodyEnd]))
            parts.append(part)
            guard case .part(let next) = follower else { return parts }
            position = next
        }
    }

    /// The first boundary that starts a line: at the very start of the body, or after the preamble.
    private func firstBoundary() throws(MultipartError) -> Follower {
        var start: Int
        if ByteSearch.hasPrefix(dashBoundary, in: buffer, at: 0) {
            start = 0
        } else {
            guard let found = ByteSearch.firstIndex(of: delimiter, in: buffer, from: 0, to: buffer.count) else {
                throw MultipartError(.noFirstBoundary)
            }
            start = found + 2
        }
        while true {
            let follower = follower(at: start + dashBoundary.count)
            switch follower {
            case .part, .close: return follower
            case .truncated: throw MultipartError(.truncated)
            case .other:
                guard let found = ByteSearch.firstIndex(of: delimiter, in: buffer, from: start + dashBoundary.count, to: buffer.count) else {
                    throw MultipartError(.noFirstBoundary)
                }
                start = found + 2
            }
        }
    }

    /// The range of a part's headers (without the blank line that ends them) and where its body
    /// starts. A part may have no headers at all: it then starts with the blank line's CRLF.
    private func headerBlock(at position: Int, part: Int) throws(MultipartError) -> (Range<Int>, Int) {
        if ByteSearch.hasPrefix(Self.lineBreak, in: buffer, at: position) {
            return (position..<position, position + 2)
        }
        let end = windowEnd(from: position, reach: limits.maximumHeaderBytes, needle: Self.blankLine.count)
        guard let found = ByteSearch.firstIndex(of: Self.blankLine, in: buffer, from: position, to: end) else {
            if end == buffer.count { throw MultipartError(.truncated) }
            throw MultipartError(.headersTooLong(part: part, limit: limits.maximumHeaderBytes))
        }
        return (position..<found, found + Self.blankLine.count)
    }

    /// Where the body of `part`, starting at `start`, ends (the next delimiter), and what follows
    /// that delimiter (the next part or the close).
    private func nextDelimiter(after start: Int, for part: MultipartForm.Part) throws(MultipartError) -> (Int, Follower) {
        let limit = part.filename == nil ? limits.maximumFieldBytes : limits.maximumFileBytes
        let end = windowEnd(from: start, reach: limit, needle: delimiter.count)
        var from = start
        while true {
            guard let found = ByteSearch.firstIndex(of: delimiter, in: buffer, from: from, to: end) else {
                if end == buffer.count { throw MultipartError(.truncated) }
                throw MultipartError(part.filename == nil ? .fieldTooLarge(field: part.name, limit: limit) : .fileTooLarge(field: part.name, limit: limit))
            }
            let follower = follower(at: found + delimiter.count)
            switch follower {
            case .part, .close: return (found, follower)
            case .truncated: throw MultipartError(.truncated)
            // The next delimiter cannot begin inside this one: that would need a CR in the boundary.
            case .other: from = found + delimiter.count
            }
        }
    }

    /// What follows a boundary that ends just before `index`.
    private func follower(at index: Int) -> Follower {
        let count = buffer.count
        if count - index >= 2, buffer[index] == .hyphen, buffer[index + 1] == .hyphen { return .close }
        var cursor = index
        while cursor < count, buffer[cursor] == .space || buffer[cursor] == .tab { cursor += 1 }
        if count - cursor >= 2, buffer[cursor] == .carriageReturn, buffer[cursor + 1] == .lineFeed { return .part(at: cursor + 2) }
        if cursor == count || (cursor == count - 1 && buffer[cursor] == .carriageReturn) || (index == count - 1 && buffer[index] == .hyphen) {
            return .truncated
        }
        return .other
    }

    /// The end of the bytes to search from `start` for a `needle` that must begin at most `reach`
    /// bytes after it: the end of the body when that comes first.
    private func windowEnd(from start: Int, reach: Int, needle: Int) -> Int {
        let room = buffer.count - start
        return room - needle <= max(0, reach) ? buffer.count : start + max(0, reach) + needle
    }

    /// A part without its body, from its header lines: Content-Disposition (required) and
    /// Content-Type; other headers are ignored.
    private static func part(fromHeaders headers: UnsafeBufferPointer<UInt8>, number: Int) throws(MultipartError) -> MultipartForm.Part {
        var disposition: HeaderParameters?
        var contentType: String?
        var lineStart = 0
        while lineStart < headers.count {
            let lineEnd = ByteSearch.firstIndex(of: lineBreak, in: headers, from: lineStart, to: headers.count) ?? headers.count
            let line = headers[lineStart..<lineEnd]
            lineStart = lineEnd + 2
            // No space in a header's name: that refuses a folded line (one starting with a space,
            // which continues the one before) and a space before the colon, both obsolete
            // (RFC 7230), never sent by a browser, and read differently by different parsers.
            guard !line.contains(.carriageReturn), !line.contains(.lineFeed), let colon = line.firstIndex(of: .colon),
                colon > line.startIndex, !line[..<colon].contains(.space), !line[..<colon].contains(.tab)
            else { throw MultipartError(.malformedHeaders(part: number)) }
            let value = line[(colon + 1)...]
            switch String(decoding: line[..<colon].map(ASCII.lowercased), as: UTF8.self) {
            case "content-disposition":
                guard disposition == nil, let parsed = HeaderParameters(value) else { throw MultipartError(.malformedHeaders(part: number)) }
                disposition = parsed
            case "content-type":
                guard contentType == nil else { throw MultipartError(.malformedHeaders(part: number)) }
                contentType = String(decoding: ASCII.trimmingSpaces(value), as: UTF8.self)
            default:
                continue
            }
        }
        guard let disposition else { throw MultipartError(.missingContentDisposition(part: number)) }
        guard disposition.valueIs("form-data") else { throw MultipartError(.notFormData(part: number)) }
        let name: String
        switch disposition.parameter("name") {
        case .found(let bytes) where !bytes.isEmpty: name = String(decoding: bytes, as: UTF8.self)
        case .repeated: throw MultipartError(.malformedHeaders(part: number))
        case .found, .missing: throw MultipartError(.missingName(part: number))
        }
        var filename: String?
        switch disposition.parameter("filename") {
        case .found(let bytes): filename = String(decoding: bytes, as: UTF8.self)
        case .missing: filename = nil
        case .repeated: throw MultipartError(.malformedHeaders(part: number))
        }
        return MultipartForm.Part(name: name, filename: filename, contentType: contentType, body: [])
    }
}
