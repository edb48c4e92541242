import DocumentModel
import TextSafety

/// Writes a document as plain text: wrapped lines, numbered paragraphs with hanging indents,
/// tables as aligned columns, a form feed at each page break. Control characters and
/// bidirectional overrides in the text are dropped (a form feed or an ESC from a case file would
/// forge a page break or colour a terminal); line breaks in it stay line breaks.
public struct TextWriter: Sendable {
    /// Options for plain text.
    public struct Options: Sendable {
        /// The line width to wrap at; 0 for no wrapping.
        public var width: Int

        public init(width: Int = 78) { self.width = width }
    }

    public init() {}

    /// The document as plain text, ending in a newline.
    public func render(_ document: Document, options: Options = Options()) -> String {
        var chunks: [String] = []
        if let marking = document.metadata.marking { chunks.append(center(TextSafety.forDocument(marking), options.width)) }
        var previousWasBreak = false
        for block in document.blocks {
            if case .pageBreak = block {
                chunks.append("\u{0C}")
                previousWasBreak = true
                continue
            }
            let text = render(block, width: options.width)
            if previousWasBreak, let last = chunks.popLast() {
                chunks.append(last + text)
            } else {
                chunks.append(text)
            }
            previousWasBreak = false
        }
        return chunks.joined(separator: "\n\n") + "\n"
    }

    private func render(_ block: Block, width: Int) -> String {
        switch block {
        case .heading(let level, let content, let alignment):
            let text = level == 1 ? content.safeText.uppercased() : content.safeText
            return align(wrap(text, width: width), alignment, width)
        case .paragraph(let content, let alignment):
            return align(wrap(content.safeText, width: width), alignment, width)
        case .numbered(let number, let content):
            let label = "\(number)."
            return wrap(content.safeText, width: width, first: label.padding(toLength: max(label.count + 1, 5)), rest: "     ")
        case .quote(let content):
            return wrap(content.safeText, width: width, first: "    ", rest: "    ")
        case .list(let ordered, let items):
            return items.enumerated().map { index, item in
                let label = ordered ? "\(index + 1). " : "• "
                return wrap(item.safeText, width: width, first: "  " + label, rest: String(repeating: " ", count: label.count + 2))
            }.joined(separator: "\n")
        case .table(let table):
            return renderTable(table)
        case .letterhead(let lines):
            return lines.map { center($0.safeText, width) }.joined(separator: "\n")
        case .caption(let caption):
            return renderCaption(caption, width: width)
        case .signature(let lines):
            return (["", "______________________________"] + lines.map(\.safeText)).joined(separator: "\n")
        case .pageBreak:
            return "\u{0C}"
        }
    }

    private func renderTable(_ table: Table) -> String {
        let rows = table.rows.map { $0.cells.map { $0.safeText.replacingNewlines() } }
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], min(cell.count, 40)) }
        }
        var lines: [String] = []
        for (rowIndex, row) in rows.enumerated() {
            let cells = (0..<columns).map { index in (index < row.count ? row[index] : "").padding(toLength: widths[index]) }
            lines.append(cells.joined(separator: "  ").trimmedRight())
            if table.rows[rowIndex].isHeader {
                lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func renderCaption(_ caption: CourtCaption, width: Int) -> String {
        var parts: [String] = []
        if !caption.court.isEmpty { parts.append(caption.court.map { center($0.safeText, width) }.joined(separator: "\n")) }
        let left = caption.parties.map(\.safeText)
        let right = caption.caseInfo.map(\.safeText)
        let leftWidth = max(34, (left.map(\.count).max() ?? 0))
        var rows: [String] = []
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : ""
            let r = index < right.count ? right[index] : ""
            rows.append((l.padding(toLength: leftWidth) + " )  " + r).trimmedRight())
        }
        if !rows.isEmpty { parts.append(rows.joined(separator: "\n")) }
        if !caption.title.isEmpty { parts.append(caption.title.map { center($0.safeText, width) }.joined(separator: "\n")) }
        return parts.joined(separator: "\n\n")
    }

    private func align(_ text: String, _ alignment: Alignment, _ width: Int) -> String {
        guard width > 0 else { return text }
        switch alignment {
        case .center: return text.split(separator: "\n", omittingEmptySubsequences: false).map { center(String($0), width) }.joined(separator: "\n")
        case .right:
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                String(repeating: " ", count: max(0, width - $0.count)) + $0
            }.joined(separator: "\n")
        case .left, .justify: return text
        }
    }

    private func center(_ text: String, _ width: Int) -> String {
        guard width > 0, text.count < width else { return text }
        return String(repeating: " ", count: (width - text.count) / 2) + text
    }

    /// Wraps `text` at `width`, keeping its explicit line breaks; `first` and `rest` prefix the
    /// first and the following lines.
    func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> String {
        var lines: [String] = []
        let restLength = rest.count
        for (index, hardLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = index == 0 ? first : rest
            var length = index == 0 ? first.count : restLength
            var lineHasWord = false
            for word in hardLine.split(separator: " ") {
                let wordLength = word.count
                if width > 0, lineHasWord, length + 1 + wordLength > width {
                    lines.append(line)
                    line = rest
                    length = restLength
                    lineHasWord = false
                }
                if lineHasWord {
                    line += " "
                    length += 1
                }
                line += word
                length += wordLength
                lineHasWord = true
            }
            lines.append(line.trimmedRight())
        }
        return lines.joined(separator: "\n")
    }
}

extension Array where Element == Inline {
    /// The text these inlines show, with every unsafe character dropped and every line break a
    /// line feed.
    fileprivate var safeText: String { TextSafety.forDocument(plainText) }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }

    fileprivate func trimmedRight() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
