import CPangoCairo
import DocumentModel

/// One run of text laid out by Pango at a given width: its lines, their heights and baselines,
/// and a way to draw any of them. Holds a PangoLayout, released in `deinit`.
final class TextBlock {
    /// A laid-out line: where it sits within the block.
    struct Line {
        /// Top of the line, from the top of the block, in points.
        var top: Double
        var height: Double
        /// Baseline, from the top of the block.
        var baseline: Double
        /// Horizontal offset of the line within the block (alignment).
        var x: Double
    }

    private let layout: OpaquePointer
    private(set) var lines: [Line] = []
    let width: Double

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

    /// Lays out `content`; `context` is the document's Pango context.
    init(_ content: [Inline], width: Double, style: Style, context: OpaquePointer) {
        self.width = width
        layout = pango_layout_new(context)
        let description = pango_font_description_new()
        pango_font_description_set_family(description, style.font)
        pango_font_description_set_absolute_size(description, style.size * Self.scale)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, max(1, Self.pangoUnits(width)))
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
        var runs = InlineRuns((style.label.map { [Inline.text($0 + "\t")] } ?? []) + content, uppercase: style.uppercase)
        if style.label != nil {
            pango_layout_set_indent(layout, Self.pangoUnits(-style.hangingIndent))
            let tabs = pango_tab_array_new(1, 0)
            pango_tab_array_set_tab(tabs, 0, PANGO_TAB_LEFT, Self.pangoUnits(style.hangingIndent))
            pango_layout_set_tabs(layout, tabs)
            pango_tab_array_free(tabs)
        }
        if style.bold { runs.add(.bold, from: 0, to: runs.text.utf8.count) }
        if style.italic { runs.add(.italic, from: 0, to: runs.text.utf8.count) }
        pango_layout_set_text(layout, runs.text, Int32(runs.text.utf8.count))
        let attributes = pango_attr_list_new()
        let height = pango_attr_line_height_new_absolute(Self.pangoUnits(lineHeight))!
        height.pointee.start_index = 0
        height.pointee.end_index = UInt32(runs.text.utf8.count)
        pango_attr_list_insert(attributes, height)
        for span in runs.spans {
            let attribute: UnsafeMutablePointer<PangoAttribute>
            switch span.style {
            case .bold: attribute = pango_attr_weight_new(PANGO_WEIGHT_BOLD)
            case .italic: attribute = pango_attr_style_new(PANGO_STYLE_ITALIC)
            case .underline: attribute = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE)
            }
            attribute.pointee.start_index = UInt32(span.start)
            attribute.pointee.end_index = UInt32(span.end)
            pango_attr_list_insert(attributes, attribute)
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        measure()
    }

    deinit { engross_object_unref(UnsafeMutableRawPointer(layout)) }

    private func measure() {
        guard let iterator = pango_layout_get_iter(layout) else { return }
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iterator)) / Self.scale
            lines.append(Line(
                top: Double(logical.y) / Self.scale, height: Double(logical.height) / Self.scale,
                baseline: baseline, x: Double(logical.x) / Self.scale))
        } while pango_layout_iter_next_line(iterator) != 0
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
            guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
            cairo_move_to(context, x + lines[index].x, origin + lines[index].baseline)
            pango_cairo_show_layout_line(context, line)
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
            case .text(let value), .sensitive(let value, _), .reference(_, let value):
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
