import CPangoCairo
import DocumentModel
import TextSafety

/// One run of text laid out by Pango at a given width: its lines, their heights and baselines,
/// and a way to draw any of them. Holds PangoLayouts, released in `deinit`.
///
/// A long paragraph is laid out in pieces of at most `segmentBytes`: Pango measures a paragraph's
/// whole width in 32-bit units before it breaks lines, and past about 2 million points (some
/// 400,000 characters at 12pt) that sum overflows and the paragraph comes out as one line, cut at
/// the page's edge. Each piece but the last gives up its last line, which the next piece lays out
/// again from its start, so the lines are the ones a single layout would have made.
final class TextBlock {
    /// A laid-out line: where it sits within the block.
    struct Line {
        /// Top of the line, from the top of the block, in points.
        var top: Double
        var height: Double
        /// Baseline, from the top of the block.
        var baseline: Double
        /// Horizontal offset of the line within the block (alignment, and the hanging indent of a
        /// piece after the first).
        var x: Double
        /// The layout that holds the line, and the line's number in it.
        var layout: Int
        var index: Int32
    }

    private var layouts: [OpaquePointer] = []
    /// Where each layout's text starts in the whole text, in bytes.
    private var layoutOffsets: [Int] = []
    private(set) var lines: [Line] = []
    let width: Double

    /// The most bytes of text laid out as one Pango layout: at 72pt, the largest font size, even
    /// a line of the widest characters (1em each) stays within Pango's 32-bit widths.
    static let segmentBytes = 16_384

    /// Where each line starts in the text, in bytes (for tests).
    var lineStarts: [Int] {
        lines.map { line in
            layoutOffsets[line.layout] + Int(pango_layout_get_line_readonly(layouts[line.layout], line.index)?.pointee.start_index ?? 0)
        }
    }

    /// The text's style: the page font, and these attributes over the whole text.
    struct Style {
        var font: String
        var size: Double
        var bold = false
        var italic = false
        var alignment: Alignment = .left
        var lineSpacing: Double = 1
        var uppercase = false
        /// A label ("12.", "•") set at the start of the first line, followed by a tab to
        /// `hangingIndent`, where the text and every following line start (a hanging indent, so
        /// that text extraction reads the label in place).
        var label: String?
        var hangingIndent: Double = 0
    }

    static let scale = Double(engross_pango_scale())

    /// `points` in Pango units, clamped to what Pango's 32-bit lengths hold (templates are checked
    /// for sensible page sizes; a page made in code may still ask for anything).
    static func pangoUnits(_ points: Double) -> Int32 {
        let units = points * scale
        guard units.isFinite else { return units > 0 ? Int32.max : 0 }
        return Int32(max(Double(Int32.min), min(Double(Int32.max), units.rounded(.down))))
    }

    /// Lays out `content`; `context` is the document's Pango context. `segmentBytes` is for tests.
    init(_ content: [Inline], width: Double, style: Style, context: OpaquePointer, segmentBytes: Int = TextBlock.segmentBytes) {
        self.width = width
        var runs = InlineRuns((style.label.map { [Inline.text($0 + "\t")] } ?? []) + content, uppercase: style.uppercase)
        if style.bold { runs.add(.bold, from: 0, to: runs.text.utf8.count) }
        if style.italic { runs.add(.italic, from: 0, to: runs.text.utf8.count) }
        let text = Array(runs.text.utf8)
        var start = 0
        var top = 0.0
        repeat {
            // A piece ends at a character's start, at most `segmentBytes` on.
            var end = min(text.count, start + segmentBytes)
            while end < text.count, end > start + 1, text[end] & 0xC0 == 0x80 { end -= 1 }
            let first = start == 0
            // After the first piece every line is a following line: set at the hanging indent.
            let indent = first || style.label == nil ? 0 : style.hangingIndent
            let layout = Self.makeLayout(text[start..<end], spans: runs.spans, offset: start, width: width - indent,
                style: style, hanging: first && style.label != nil, context: context)
            layouts.append(layout)
            layoutOffsets.append(start)
            var pieceLines = Self.measure(layout, number: layouts.count - 1)
            if end < text.count, pieceLines.count > 1 {
                // The last line may continue in the next piece: lay it out again there.
                let last = pieceLines.removeLast()
                let line = pango_layout_get_line_readonly(layout, last.index)
                start += Int(line?.pointee.start_index ?? Int32(end - start))
            } else {
                start = end
            }
            let origin = pieceLines.first?.top ?? 0
            for var line in pieceLines {
                line.top += top - origin
                line.baseline += top - origin
                line.x += indent
                lines.append(line)
            }
            if let last = lines.last { top = last.top + last.height }
        } while start < text.count
    }

    /// One Pango layout of `bytes`, with the spans that fall in it (`offset` is where the bytes
    /// start in the whole text).
    private static func makeLayout(
        _ bytes: ArraySlice<UInt8>, spans: [InlineRuns.Span], offset: Int, width: Double, style: Style, hanging: Bool,
        context: OpaquePointer
    ) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        let description = pango_font_description_new()
        pango_font_description_set_family(description, style.font)
        pango_font_description_set_absolute_size(description, style.size * scale)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, max(1, pangoUnits(width)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        // Every line the same height, whatever fonts a line falls back to (a Chinese or Thai name
        // would otherwise open up its line): 1.15 times the font size, times the line spacing.
        let lineHeight = style.size * 1.15 * style.lineSpacing
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .justify:
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
            pango_layout_set_justify(layout, 1)
        }
        if hanging {
            pango_layout_set_indent(layout, pangoUnits(-style.hangingIndent))
            let tabs = pango_tab_array_new(1, 0)
            pango_tab_array_set_tab(tabs, 0, PANGO_TAB_LEFT, pangoUnits(style.hangingIndent))
            pango_layout_set_tabs(layout, tabs)
            pango_tab_array_free(tabs)
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { pango_layout_set_text(layout, $0.baseAddress, Int32($0.count)) }
        }
        let attributes = pango_attr_list_new()
        let height = pango_attr_line_height_new_absolute(pangoUnits(lineHeight))!
        height.pointee.start_index = 0
        height.pointee.end_index = UInt32(bytes.count)
        pango_attr_list_insert(attributes, height)
        let range = offset..<(offset + bytes.count)
        for span in spans where span.start < range.upperBound && span.end > range.lowerBound {
            let attribute: UnsafeMutablePointer<PangoAttribute>
            switch span.style {
            case .bold: attribute = pango_attr_weight_new(PANGO_WEIGHT_BOLD)
            case .italic: attribute = pango_attr_style_new(PANGO_STYLE_ITALIC)
            case .underline: attribute = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE)
            }
            attribute.pointee.start_index = UInt32(max(span.start, range.lowerBound) - offset)
            attribute.pointee.end_index = UInt32(min(span.end, range.upperBound) - offset)
            pango_attr_list_insert(attributes, attribute)
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        return layout
    }

    deinit {
        for layout in layouts { engross_object_unref(UnsafeMutableRawPointer(layout)) }
    }

    /// The lines of `layout`, the `number`th layout of the block.
    private static func measure(_ layout: OpaquePointer, number: Int) -> [Line] {
        guard let iterator = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iterator) }
        var lines: [Line] = []
        var index: Int32 = 0
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iterator)) / scale
            lines.append(Line(
                top: Double(logical.y) / scale, height: Double(logical.height) / scale,
                baseline: baseline, x: Double(logical.x) / scale, layout: number, index: index))
            index += 1
        } while pango_layout_iter_next_line(iterator) != 0
        return lines
    }

    /// The height of lines `range`, from the top of the first to the bottom of the last.
    func height(of range: Range<Int>) -> Double {
        guard let first = range.first, let last = range.last else { return 0 }
        return lines[last].top + lines[last].height - lines[first].top
    }

    /// Draws lines `range` so that the first one's top is at `y`.
    func draw(_ range: Range<Int>, x: Double, y: Double, on context: OpaquePointer) {
        guard let first = range.first else { return }
        let origin = y - lines[first].top
        for index in range {
            let line = lines[index]
            guard let pangoLine = pango_layout_get_line_readonly(layouts[line.layout], line.index) else { continue }
            cairo_move_to(context, x + line.x, origin + line.baseline)
            pango_cairo_show_layout_line(context, pangoLine)
        }
    }
}

/// Inlines flattened to text, with the byte ranges of bold, italic and underline.
struct InlineRuns {
    struct Span {
        var style: InlineStyle
        var start: Int
        var end: Int
    }

    private(set) var text = ""
    private(set) var spans: [Span] = []
    private let uppercase: Bool

    init(_ content: [Inline], uppercase: Bool = false) {
        self.uppercase = uppercase
        append(content)
    }

    mutating func add(_ style: InlineStyle, from start: Int, to end: Int) {
        if end > start { spans.append(Span(style: style, start: start, end: end)) }
    }

    private mutating func append(_ content: [Inline]) {
        for inline in content {
            switch inline {
            case .text(let value), .sensitive(let value, _), .reference(_, let value, _):
                // Control characters and bidirectional overrides dropped, as every writer does.
                let value = TextSafety.forDocument(value)
                text += uppercase ? value.uppercased() : value
            case .lineBreak:
                text += "\u{2028}"  // a line separator: Pango breaks the line, not the paragraph
            case .styled(let style, let children):
                let start = text.utf8.count
                append(children)
                add(style, from: start, to: text.utf8.count)
            }
        }
    }
}
