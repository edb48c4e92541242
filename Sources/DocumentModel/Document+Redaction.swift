extension Document {
    /// The document with every sensitive value replaced by its redaction.
    ///
    /// Redaction is a pass over the model, so a writer never receives what it must not show.
    public func redacted() -> Document {
        var copy = self
        copy.blocks = blocks.map { block in block.mapInlineRuns { $0.redacted() } }
        return copy
    }

    /// A redaction that ends in a full stop ("R. E.") followed by the sentence's own full stop
    /// would read "R. E.."; the second one goes.
    static func avoidDoubleFullStop(_ inlines: [Inline]) -> [Inline] {
        var result = inlines
        for index in result.indices.dropFirst() {
            guard case .text(let previous) = result[index - 1], previous.hasSuffix("."), !previous.hasSuffix(".."),
                case .text(let next) = result[index], next.hasPrefix("."), !next.hasPrefix("..")
            else { continue }
            result[index] = .text(String(next.dropFirst()))
        }
        return result
    }
}

extension Array where Element == Inline {
    /// The run with every sensitive value replaced by its redaction, as `Document.redacted()`
    /// replaces them (a filled form's text boxes are redacted by the same rule).
    public func redacted() -> [Inline] {
        let replaced = map { inline in
            inline.mapDeep {
                if case .sensitive(_, let redaction) = $0 { return .text(redaction) }
                return $0
            }
        }
        return Document.avoidDoubleFullStop(replaced)
    }
}
