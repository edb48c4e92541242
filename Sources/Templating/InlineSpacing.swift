import DocumentModel

/// Tidies the spaces that XML indentation leaves in running text: none at the start or end of a
/// block or around a line break, and never two in a row across inline boundaries.
enum InlineSpacing {
    static func normalize(_ inlines: [Inline]) -> [Inline] {
        var state = State()
        var result = state.process(inlines)
        trimTrailing(&result)
        return result
    }

    private struct State {
        var atLineStart = true
        var lastEndsWithSpace = false

        mutating func process(_ inlines: [Inline]) -> [Inline] {
            var result: [Inline] = []
            for inline in inlines {
                switch inline {
                case .text(var text):
                    if atLineStart || lastEndsWithSpace, text.utf8.first == 0x20 {
                        text = String(text.drop(while: { $0 == " " }))
                    }
                    guard !text.isEmpty else { continue }
                    result.append(.text(text))
                    atLineStart = false
                    lastEndsWithSpace = Self.endsWithSpace(text)
                case .lineBreak:
                    InlineSpacing.trimTrailing(&result)
                    result.append(.lineBreak)
                    atLineStart = true
                    lastEndsWithSpace = false
                case .styled(let style, let children):
                    let inner = process(children)
                    if !inner.isEmpty { result.append(.styled(style, inner)) }
                case .sensitive(let text, _), .reference(_, let text, _):
                    result.append(inline)
                    atLineStart = false
                    lastEndsWithSpace = Self.endsWithSpace(text)
                }
            }
            return result
        }

        /// Whether the last character of `text` is a space; its last byte rules out most text
        /// without finding where the last character begins.
        static func endsWithSpace(_ text: String) -> Bool {
            text.utf8.last == 0x20 && text.last == " "
        }
    }

    /// Removes spaces at the end of the last text, looking inside a trailing styled run.
    static func trimTrailing(_ inlines: inout [Inline]) {
        guard let last = inlines.last else { return }
        switch last {
        case .text(let text):
            var trimmed = text
            while trimmed.last == " " { trimmed.removeLast() }
            if trimmed.isEmpty {
                inlines.removeLast()
                trimTrailing(&inlines)
            } else {
                inlines[inlines.count - 1] = .text(trimmed)
            }
        case .styled(let style, var children):
            trimTrailing(&children)
            if children.isEmpty {
                inlines.removeLast()
                trimTrailing(&inlines)
            } else {
                inlines[inlines.count - 1] = .styled(style, children)
            }
        default:
            break
        }
    }
}
