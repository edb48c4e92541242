// TEMPORARY interface stand-in until the multipart branch is merged; never committed.
public struct MultipartError: Error, Sendable, CustomStringConvertible { public var description: String }
public struct MultipartForm: Sendable {
    public struct Part: Sendable { public var name: String; public var filename: String?; public var contentType: String?; public var body: [UInt8] }
    public var parts: [Part]
    public func value(_ name: String) -> String? { parts.first { $0.name == name && $0.filename == nil }.flatMap { String(decoding: $0.body, as: UTF8.self) } }
    public func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } }
    public static func boundary(fromContentType: String) -> String? { nil }
    public init(body: [UInt8], boundary: String) throws(MultipartError) { parts = [] }
}
