import Foundation
import Mustache

/// Pages rendered by splicing: each page's Mustache template is rendered once per shape (its
/// sections decided by the context's `Bool`s, its tags filled with markers), cut at the markers
/// into fixed text and tags, and every later page of that shape is the fixed text with the
/// context's values put in, escaped as the tags say. The form page's header, step header and
/// form frame are about thirty tags; swift-mustache looks each one up through `Any` casts and a
/// context stack, and concatenates every piece into a new `String` (BENCHMARKS.md).
///
/// A context can be spliced when its values are `String`s, `Int`s and `Bool`s only (a list or a
/// nested object goes to Mustache every time): a string or a number is a section's "true"
/// whatever it holds, so only the `Bool`s and which keys are present decide what a page
/// contains. The first page of each shape is also rendered by Mustache and compared: a shape
/// whose splice differs (a template that would transform a value, say) is left to Mustache.
/// Partials must not be indented (Mustache would indent a value's lines; a test checks it).
final class PageFrames: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [String: Frame?] = [:]
    /// At most this many shapes are kept; past it, pages are rendered by Mustache.
    private let limit = 256

    /// A page's template cut at its tags: fixed text, and the tags with the value each shows.
    struct Frame {
        enum Piece {
            case text(String)
            /// The value at this index of the context's sorted keys, escaped or as it is.
            case value(Int, escaped: Bool)
        }
        var pieces: [Piece]
        var fixedBytes: Int
    }

    /// Page `name` for `context`, spliced; `nil` when the context or its shape is left to Mustache.
    func html(_ name: String, _ context: [String: Any], mustache: (String, [String: Any]) -> String?) -> HTMLText? {
        let entries = context.sorted { $0.key < $1.key }
        var key = name
        for entry in entries {
            switch entry.value {
            case let flag as Bool: key += flag ? "\n+" : "\n-"
            case is String, is Int: key += "\n="
            default: return nil
            }
            key += entry.key
        }
        lock.lock()
        let known = frames[key]
        lock.unlock()
        let frame: Frame
        switch known {
        case .some(.some(let found)): frame = found
        case .some(.none): return nil
        case .none:
            let made = Self.frame(name, entries, mustache: mustache)
            lock.lock()
            if frames.count < limit { frames[key] = .some(made) }
            lock.unlock()
            guard let made else { return nil }
            frame = made
        }
        return Self.splice(frame, entries)
    }

    private static func splice(_ frame: Frame, _ entries: [(key: String, value: Any)]) -> HTMLText {
        var html = HTMLText(capacity: frame.fixedBytes + 16_384)
        for piece in frame.pieces {
            switch piece {
            case .text(let text): html.markup(text)
            case .value(let index, let escaped):
                switch entries[index].value {
                case let text as String: if escaped { html.text(text) } else { html.markup(text) }
                case let number as Int: html.number(number)
                default: break
                }
            }
        }
        return html
    }

    /// The frame of `entries`' shape: their template rendered with a marker for each value that
    /// is not a `Bool`, checked against Mustache's own page for `entries`.
    private static func frame(_ name: String, _ entries: [(key: String, value: Any)], mustache: (String, [String: Any]) -> String?) -> Frame? {
        var markers: [String: Any] = [:]
        for (index, entry) in entries.enumerated() {
            markers[entry.key] = entry.value is Bool ? entry.value : Self.marker(index) as Any
        }
        guard let rendered = mustache(name, markers), let frame = cut(rendered, count: entries.count),
            let expected = mustache(name, Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })),
            splice(frame, entries).string == expected
        else { return nil }
        return frame
    }

    /// A value's marker: private-use characters around its index and an `&`, which escaping
    /// turns into `&amp;` and a triple-brace tag leaves alone.
    static func marker(_ index: Int) -> String { "\u{E000}\(index)&\u{E001}" }

    /// `rendered` cut at its markers; `nil` when a marker is not whole.
    static func cut(_ rendered: String, count: Int) -> Frame? {
        var pieces: [Frame.Piece] = []
        var fixedBytes = 0
        var rest = Substring(rendered)
        while let open = rest.firstIndex(of: "\u{E000}") {
            let text = String(rest[..<open])
            if !text.isEmpty { pieces.append(.text(text)); fixedBytes += text.utf8.count }
            rest = rest[rest.index(after: open)...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let index = Int(digits), index < count else { return nil }
            rest = rest.dropFirst(digits.count)
            if rest.hasPrefix("&\u{E001}") {
                pieces.append(.value(index, escaped: false))
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("&amp;\u{E001}") {
                pieces.append(.value(index, escaped: true))
                rest = rest.dropFirst(6)
            } else {
                return nil
            }
        }
        guard !rest.contains("\u{E001}") else { return nil }
        if !rest.isEmpty { pieces.append(.text(String(rest))); fixedBytes += rest.utf8.count }
        return Frame(pieces: pieces, fixedBytes: fixedBytes)
    }
}
