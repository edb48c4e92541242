import CPangoCairo

/// A cairo PDF surface and its drawing context, writing into memory. Frees both in `deinit`.
final class PDFCanvas {
    /// Receives the bytes cairo writes.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private let sink = Sink()
    let surface: OpaquePointer
    let context: OpaquePointer
    /// One Pango context for every layout of the document: fonts are looked up once.
    let textContext: OpaquePointer
    private var finished = false

    init(width: Double, height: Double) {
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        context = cairo_create(surface)
        textContext = pango_cairo_create_context(context)
    }

    deinit {
        engross_object_unref(UnsafeMutableRawPointer(textContext))
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Sets a document property (title, subject, creator, dates).
    func setMetadata(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// Adds a bookmark to the outline; returns its id (to nest others under it).
    @discardableResult
    func addOutline(_ title: String, page: Int, y: Double, parent: Int32 = 0) -> Int32 {
        cairo_pdf_surface_add_outline(surface, parent, title, "page=\(page) pos=[0 \(Int(y))]", cairo_pdf_outline_flags_t(rawValue: 0))
    }

    func showPage() { cairo_show_page(context) }

    /// Finishes the PDF and returns its bytes.
    func finish() -> (bytes: [UInt8], status: cairo_status_t) {
        if !finished {
            cairo_surface_finish(surface)
            finished = true
        }
        return (sink.bytes, cairo_surface_status(surface))
    }

    // MARK: Drawing

    func line(from start: (Double, Double), to end: (Double, Double), width: Double = 0.75) {
        cairo_set_line_width(context, width)
        cairo_move_to(context, start.0, start.1)
        cairo_line_to(context, end.0, end.1)
        cairo_stroke(context)
    }
}
