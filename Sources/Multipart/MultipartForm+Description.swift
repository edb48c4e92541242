import TextSafety

// A form printed, logged, dumped or shown in a failed test says which fields it has and how large
// they are, never what they hold: a file name or a text field may hold a survivor's name, and a
// body may be the scan of a passport. Field names are the form's own (escaped, as in messages).

extension MultipartForm.Part: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `"exhibit": file, 48213 bytes`, or `"title": text, 12 bytes`.
    public var description: String {
        "\(TextSafety.quoted(name)): \(filename == nil ? "text" : "file"), \(body.count) bytes"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "isFile": filename != nil, "bytes": body.count], displayStyle: .struct)
    }
}

extension MultipartForm: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `MultipartForm("csrf": text, 16 bytes; "exhibit": file, 48213 bytes)`.
    public var description: String {
        "MultipartForm(" + parts.map(\.description).joined(separator: "; ") + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["parts": parts], displayStyle: .struct)
    }
}
