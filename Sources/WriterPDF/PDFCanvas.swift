import CPangoCairo
import PDFFinishing

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
    /// One note per structure element begun (artifacts aside), in order, for the finisher.
    private(set) var elementNotes: [PDFFinisher.ElementNote] = []
    /// How many artifacts are open: tags begun inside one are not drawn as structure.
    private var artifactDepth = 0
    /// The structure type that stands for an artifact until the finisher makes it one (cairo 1.16
    /// has no artifact tag). Never used for anything else.
    static let artifactType = "Private"

    /// The size of the page being drawn.
    private var pageSize: (width: Double, height: Double)

    init(width: Double, height: Double) {
        pageSize = (width, height)
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

    /// Sets the size of the page about to be drawn. cairo 1.16 loses the structure tags when the
    /// size is set while they are open, even to the same size, so it is set only when it changes
    /// (a document of another paper in a batch; the finisher then leaves that PDF untagged).
    func setPageSize(width: Double, height: Double) {
        guard pageSize != (width, height) else { return }
        pageSize = (width, height)
        cairo_pdf_surface_set_size(surface, width, height)
    }

    /// Finishes the PDF and returns its bytes.
    func finish() -> (bytes: [UInt8], status: cairo_status_t) {
        if !finished {
            cairo_surface_finish(surface)
            finished = true
        }
        return (sink.bytes, cairo_surface_status(surface))
    }

    // MARK: Structure

    /// Begins a structure element (`P`, `H1`, `L`, `Figure` …). `continues` says that it goes on
    /// with the element of its type before it (a paragraph split by a page break). Ignored inside
    /// an artifact.
    func beginTag(_ type: String, continues: Bool = false, alternateText: String? = nil) {
        guard artifactDepth == 0 else { return }
        elementNotes.append(PDFFinisher.ElementNote(continues: continues, alternateText: alternateText))
        cairo_tag_begin(context, type, "")
    }

    func endTag(_ type: String) {
        guard artifactDepth == 0 else { return }
        cairo_tag_end(context, type)
    }

    /// Draws `draw` inside a structure element.
    func tagged(_ type: String, continues: Bool = false, alternateText: String? = nil, _ draw: () -> Void) {
        beginTag(type, continues: continues, alternateText: alternateText)
        draw()
        endTag(type)
    }

    /// Draws `draw` as an artifact: what is not part of the text (running headers and footers,
    /// page numbers, Bates stamps, rules, a table's header repeated on a new page). Never call
    /// it inside an element that holds text itself (a paragraph): only between elements or inside
    /// ones that hold other elements (a table row).
    func artifact(_ draw: () -> Void) {
        if artifactDepth == 0 { cairo_tag_begin(context, Self.artifactType, "") }
        artifactDepth += 1
        draw()
        artifactDepth -= 1
        if artifactDepth == 0 { cairo_tag_end(context, Self.artifactType) }
    }

    // MARK: Drawing

    /// A rule, drawn as an artifact.
    func line(from start: (Double, Double), to end: (Double, Double), width: Double = 0.75) {
        artifact { drawLine(from: start, to: end, width: width) }
    }

    private func drawLine(from start: (Double, Double), to end: (Double, Double), width: Double) {
        cairo_set_line_width(context, width)
        cairo_move_to(context, start.0, start.1)
        cairo_line_to(context, end.0, end.1)
        cairo_stroke(context)
    }
}
