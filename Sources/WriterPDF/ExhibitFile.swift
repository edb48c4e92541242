import CPangoCairo

/// A file placed into a packet page by page: a PDF (through poppler, which draws its pages onto
/// our cairo surface as vectors and text), or a PNG or JPEG image (one page, scaled to fit).
/// Frees what it holds in `deinit`.
public final class ExhibitFile: @unchecked Sendable {
    /// Why a file cannot be placed. Messages never quote the file's contents.
    public enum OpenError: Error, Equatable, CustomStringConvertible {
        /// Not a PDF, PNG or JPEG.
        case unsupported
        /// A PDF that needs a password to open.
        case encrypted
        /// A PDF, PNG or JPEG that cannot be read; `reason` says what was wrong.
        case damaged(String)
        /// A PDF without pages.
        case empty
        /// An image with more pixels than `maximumArea`, or a side longer than `maximumPixels`.
        case tooLarge(width: Int, height: Int)

        public var description: String {
            switch self {
            case .unsupported: return "is not a PDF, PNG or JPEG file (exhibits must be one of these; scan or export other files to PDF)"
            case .encrypted: return "is a PDF protected by a password; save an unprotected copy (e.g. print it to PDF) and name that"
            case .damaged(let reason): return "cannot be read: \(reason); open it and save it again, or scan the paper again"
            case .empty: return "is a PDF with no pages"
            case .tooLarge(let width, let height):
                return "is an image of \(width) × \(height) pixels, and an exhibit image may have at most "
                    + "\(ExhibitFile.maximumArea / 1_000_000) million pixels (\(ExhibitFile.maximumPixels) a side); scale it down, e.g. to 300 dpi"
            }
        }
    }

    private enum Content {
        case pdf(document: OpaquePointer, pages: [OpaquePointer])
        /// A JPEG, never decoded: cairo embeds its bytes.
        case image(surface: OpaquePointer, width: Double, height: Double)
        /// A PNG, kept compressed and decoded only while its page is drawn.
        case png(bytes: [UInt8], width: Double, height: Double)
    }

    /// The largest image side accepted, in pixels.
    static let maximumPixels = 20_000
    /// The most pixels a PNG may have: 50 million (a letter page scanned at 600 dpi has 34
    /// million, a legal page 43 million). Decoded, each pixel takes 4 bytes, so 200 MB at most,
    /// and only one PNG is decoded at a time.
    public static let maximumArea = 50_000_000

    private let content: Content
    /// Kept alive while cairo holds a JPEG's bytes as the image's source data.
    private let jpegBytes: UnsafeMutableRawBufferPointer?

    /// How many pages the exhibit takes.
    public var pageCount: Int {
        switch content {
        case .pdf(_, let pages): return pages.count
        case .image, .png: return 1
        }
    }

    /// Reads an exhibit from its bytes; the kind is told by the bytes, not the file name.
    public init(bytes: [UInt8]) throws(OpenError) {
        // A PDF's header may follow up to a kilobyte of other bytes, as readers allow.
        if bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil {
            content = try Self.openPDF(bytes)
            jpegBytes = nil
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            content = try Self.openPNG(bytes)
            jpegBytes = nil
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            guard let size = JPEGSize(bytes) else { throw .damaged("the JPEG image has no readable size") }
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            copy.copyBytes(from: bytes)
            jpegBytes = copy
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(size.width), Int32(size.height)),
                cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
            else { throw .damaged("the JPEG image is too large") }
            // cairo's PDF backend embeds the JPEG stream itself; the pixels are never decoded.
            cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.baseAddress?.assumingMemoryBound(to: UInt8.self),
                UInt(bytes.count), nil, nil)
            content = .image(surface: surface, width: Double(size.width), height: Double(size.height))
        } else {
            throw .unsupported
        }
    }

    deinit {
        switch content {
        case .pdf(let document, let pages):
            for page in pages { engross_object_unref(UnsafeMutableRawPointer(page)) }
            engross_object_unref(UnsafeMutableRawPointer(document))
        case .image(let surface, _, _):
            cairo_surface_destroy(surface)
        case .png:
            break
        }
        jpegBytes?.deallocate()
    }

    /// The size of page `index` in points.
    public func pageSize(_ index: Int) -> (width: Double, height: Double) {
        switch content {
        case .pdf(_, let pages):
            var width = 0.0, height = 0.0
            poppler_page_get_size(pages[index], &width, &height)
            return (width, height)
        case .image(_, let width, let height), .png(_, let width, let height):
            return (width, height)
        }
    }

    /// Draws page `index` scaled to fit the box (x, y, width, height), centred, keeping its
    /// proportions.
    func draw(page index: Int, on context: OpaquePointer, box: (x: Double, y: Double, width: Double, height: Double)) {
        let (width, height) = pageSize(index)
        guard width > 0, height > 0 else { return }
        let scale = min(box.width / width, box.height / height)
        cairo_save(context)
        cairo_translate(context, box.x + (box.width - width * scale) / 2, box.y + (box.height - height * scale) / 2)
        cairo_scale(context, scale, scale)
        cairo_rectangle(context, 0, 0, width, height)
        cairo_clip(context)
        switch content {
        case .pdf(_, let pages):
            poppler_page_render_for_printing(pages[index], context)
        case .image(let surface, _, _):
            cairo_set_source_surface(context, surface, 0, 0)
            cairo_paint(context)
        case .png(let bytes, _, _):
            // Decoded for this page only: cairo keeps what it needs until the page is written.
            guard let surface = Self.decodePNG(bytes) else { break }
            cairo_set_source_surface(context, surface, 0, 0)
            cairo_paint(context)
            cairo_surface_destroy(surface)
        }
        cairo_restore(context)
    }

    // MARK: Opening

    private static func openPDF(_ bytes: [UInt8]) throws(OpenError) -> Content {
        let gbytes = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            let code = error?.pointee.code ?? 0
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown problem"
            g_clear_error(&error)
            if code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) { throw .encrypted }
            throw .damaged("the PDF is damaged (\(message.lowercased()))")
        }
        let count = Int(poppler_document_get_n_pages(document))
        guard count > 0 else {
            engross_object_unref(UnsafeMutableRawPointer(document))
            throw .empty
        }
        let pages = (0..<count).compactMap { poppler_document_get_page(document, Int32($0)) }
        guard pages.count == count else {
            for page in pages { engross_object_unref(UnsafeMutableRawPointer(page)) }
            engross_object_unref(UnsafeMutableRawPointer(document))
            throw .damaged("some pages of the PDF cannot be read")
        }
        return .pdf(document: document, pages: pages)
    }

    private static func openPNG(_ bytes: [UInt8]) throws(OpenError) -> Content {
        // The header gives the size: refuse an image too large to decode before anything is allocated.
        guard bytes.count > 24, bytes[12..<16].elementsEqual("IHDR".utf8) else { throw .damaged("the PNG image is damaged") }
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        guard width > 0, height > 0 else { throw .damaged("the PNG image is damaged") }
        guard width <= maximumPixels, height <= maximumPixels, width * height <= maximumArea else {
            throw .tooLarge(width: width, height: height)
        }
        // Decoded once to find damage before anything is rendered, then freed until its page is drawn.
        guard let surface = decodePNG(bytes) else { throw .damaged("the PNG image is damaged") }
        cairo_surface_destroy(surface)
        return .png(bytes: bytes, width: Double(width), height: Double(height))
    }

    /// The decoded image, or nil when it cannot be decoded.
    private static func decodePNG(_ bytes: [UInt8]) -> OpaquePointer? {
        final class Reader {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let reader = Reader(bytes)
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
            let count = Int(length)
            guard reader.offset + count <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            reader.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress! + reader.offset, count: count) }
            reader.offset += count
            return CAIRO_STATUS_SUCCESS
        }
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(reader).toOpaque())
        }
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            if let surface { cairo_surface_destroy(surface) }
            return nil
        }
        return surface
    }
}

/// The pixel size a JPEG's frame header (SOF) gives, or nil when there is none.
struct JPEGSize {
    let width: Int
    let height: Int

    init?(_ bytes: [UInt8]) {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                guard width > 0, height > 0, width <= ExhibitFile.maximumPixels, height <= ExhibitFile.maximumPixels else { return nil }
                return
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }
}
