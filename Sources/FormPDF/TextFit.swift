import CPangoCairo

/// Whether a text fits a text field as viewers draw it, measured with the font viewers use for
/// /Helv (Helvetica, which fontconfig gives as Liberation Sans: the same widths).
enum TextFit {
    /// The size an auto-sized field (/DA size 0) shrinks to at most.
    static let autoSizeFloor = 8.0
    /// Space between the box's edge and the text on each side: a 1 pt border and 2 pt of padding.
    static let inset = 3.0

    static func fits(_ text: String, in field: FormFieldInfo) -> Bool {
        guard field.kind == .text else { return true }
        guard printable(text) else { return false }
        let characters = text.count
        if let maxLength = field.maxLength, characters > maxLength { return false }
        if !field.isMultiline, text.contains(where: \.isNewline) { return false }
        if field.isComb { return true }  // one character a cell, and MaxLen cells
        guard let box = field.widgets.first, box.width > 0, box.height > 0 else { return true }
        let size = field.fontSize ?? autoSizeFloor
        let width = box.width - 2 * inset
        guard width > 0 else { return text.isEmpty }
        let measured = measure(text, size: size, wrapWidth: field.isMultiline ? width : nil)
        if field.isMultiline {
            return measured.height <= box.height - 2 * inset + 0.5
        }
        return measured.width <= width
    }

    /// Whether every character of `text` is in WinAnsiEncoding, the encoding of the standard
    /// font (/Helv) that forms' /DA names: poppler draws a field's appearance in that font and
    /// silently drops any other character ("Nguyễn" would print "Nguyn"). Such text goes on the
    /// addendum, which the PDF writer sets in a full Unicode font.
    static func printable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x0A, 0x0D, 0x20...0x7E, 0xA0...0xFF: return true
            default: return windowsExtras.contains(scalar.value)
            }
        }
    }

    /// The characters WinAnsiEncoding puts at 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
    private static let windowsExtras: Set<UInt32> = [
        0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017D,
        0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178,
    ]

    /// The text's extent at `size` points; wrapped at `wrapWidth` when given.
    static func measure(_ text: String, size: Double, wrapWidth: Double?) -> (width: Double, height: Double) {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        let context = cairo_create(surface)
        defer {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
        }
        // Unhinted metrics, as in a PDF: widths scale exactly with the size.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        defer { cairo_font_options_destroy(options) }
        let layout = pango_cairo_create_layout(context)
        defer { engross_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_cairo_context_set_font_options(pango_layout_get_context(layout), options)
        // Exact advances, as a PDF viewer places glyphs (pango rounds them to whole units by default).
        pango_context_set_round_glyph_positions(pango_layout_get_context(layout), 0)
        pango_layout_context_changed(layout)
        let font = pango_font_description_from_string("Liberation Sans")
        defer { pango_font_description_free(font) }
        pango_font_description_set_absolute_size(font, size * Double(engross_pango_scale()))
        pango_layout_set_font_description(layout, font)
        if let wrapWidth {
            pango_layout_set_width(layout, Int32(wrapWidth * Double(engross_pango_scale())))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_text(layout, text, -1)
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let scale = Double(engross_pango_scale())
        return (Double(logical.width) / scale, Double(logical.height) / scale)
    }
}
