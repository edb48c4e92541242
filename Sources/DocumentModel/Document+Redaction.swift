extension Document {
    /// The document with every sensitive value replaced by its redaction.
    ///
    /// Redaction is a pass over the model, so a writer never receives what it must not show.
    public func redacted() -> Document {
        var copy = self
        copy.blocks = blocks.map { block in
            block.mapInlines { inline in
                inline.mapDeep {
                    if case .sensitive(_, let redaction) = $0 { return .text(redaction) }
                    return $0
                }
            }
        }
        return copy
    }
}
