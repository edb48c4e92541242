import CQPDF
#if canImport(Glibc)
import Glibc
#endif

/// Why qpdf could not open or write a PDF. `detail` is qpdf's own message (object numbers and
/// offsets, never the document's text).
package struct QPDFError: Error, Sendable {
    package enum Kind: Sendable { case encrypted, damaged, failed }
    package var kind: Kind
    package var detail: String
}

/// A PDF opened with libqpdf's C API: object access (form field trees, structure trees), and
/// writing with a deterministic /ID. Quiet: qpdf's warnings and errors never reach stderr. Frees
/// everything in `deinit`. Shared by the modules that post-process PDFs.
package final class QPDFDocument {
    package let data: qpdf_data
    /// qpdf reads from this copy lazily, so it lives as long as the document.
    private let buffer: UnsafeMutableRawBufferPointer

    /// Opens `bytes`; `name` (a file name) is given to qpdf for its messages. A PDF that needs a
    /// password, or that qpdf cannot read even with its recovery, is an error.
    package init(bytes: [UInt8], name: String) throws(QPDFError) {
        guard let data = qpdf_init() else { throw QPDFError(kind: .failed, detail: "cannot start the PDF library") }
        self.data = data
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        buffer.copyBytes(from: bytes)
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, QPDF_TRUE)
        let status = qpdf_read_memory(data, name, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), UInt64(bytes.count), "")
        if status & QPDF_ERRORS != 0 {
            let error = qpdf_get_error(data)
            let code = error.map { qpdf_get_error_code(data, $0) }
            if code == qpdf_e_password { throw QPDFError(kind: .encrypted, detail: "a password is needed") }
            let detail = error.flatMap { qpdf_get_error_message_detail(data, $0) }.map { String(cString: $0) } ?? "unknown damage"
            throw QPDFError(kind: .damaged, detail: detail)
        }
    }

    deinit {
        var data: qpdf_data? = data
        qpdf_cleanup(&data)
        buffer.deallocate()
    }

    /// The message of the last error qpdf recorded (for a function without an error code), or nil.
    package func takeError() -> String? {
        guard qpdf_has_error(data) != 0, let error = qpdf_get_error(data) else { return nil }
        return qpdf_get_error_message_detail(data, error).map { String(cString: $0) } ?? "unknown error"
    }

    // MARK: Objects

    package var root: qpdf_oh { qpdf_get_root(data) }

    /// The value of `key` (without the slash) in a dictionary, or nil when absent or null.
    package func value(_ object: qpdf_oh, _ key: String) -> qpdf_oh? {
        guard qpdf_oh_is_dictionary(data, object) != 0 || qpdf_oh_is_stream(data, object) != 0 else { return nil }
        let dictionary = qpdf_oh_is_stream(data, object) != 0 ? qpdf_oh_get_dict(data, object) : object
        guard qpdf_oh_has_key(data, dictionary, "/" + key) != 0 else { return nil }
        let value = qpdf_oh_get_key(data, dictionary, "/" + key)
        return qpdf_oh_is_null(data, value) != 0 ? nil : value
    }

    package func isDictionary(_ object: qpdf_oh) -> Bool { qpdf_oh_is_dictionary(data, object) != 0 }

    /// A name's text without the slash, or nil when `object` is not a name.
    package func name(_ object: qpdf_oh?) -> String? {
        guard let object, qpdf_oh_is_name(data, object) != 0, let name = qpdf_oh_get_name(data, object) else { return nil }
        return String(String(cString: name).dropFirst())
    }

    /// A string's text (PDFDocEncoding or UTF-16 decoded), or nil when `object` is not a string.
    package func text(_ object: qpdf_oh?) -> String? {
        guard let object, qpdf_oh_is_string(data, object) != 0 else { return nil }
        var length = 0
        guard let bytes = qpdf_oh_get_binary_utf8_value(data, object, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    package func number(_ object: qpdf_oh?) -> Double? {
        guard let object, qpdf_oh_is_number(data, object) != 0 else { return nil }
        return qpdf_oh_get_numeric_value(data, object)
    }

    package func integer(_ object: qpdf_oh?) -> Int? {
        guard let object, qpdf_oh_is_integer(data, object) != 0 else { return nil }
        var value: Int64 = 0
        guard qpdf_oh_get_value_as_longlong(data, object, &value) != 0 else { return nil }
        return Int(value)
    }

    /// An array's items; a single object stands for an array of one; anything else is empty.
    package func items(_ object: qpdf_oh?) -> [qpdf_oh] {
        guard let object, qpdf_oh_is_null(data, object) == 0 else { return [] }
        guard qpdf_oh_is_array(data, object) != 0 else { return [object] }
        return (0..<qpdf_oh_get_array_n_items(data, object)).map { qpdf_oh_get_array_item(data, object, $0) }
    }

    /// A dictionary's keys without the slash, in qpdf's (sorted) order.
    package func keys(_ object: qpdf_oh?) -> [String] {
        guard let object, isDictionary(object) else { return [] }
        var keys: [String] = []
        qpdf_oh_begin_dict_key_iter(data, object)
        while qpdf_oh_dict_more_keys(data) != 0 {
            if let key = qpdf_oh_dict_next_key(data) { keys.append(String(String(cString: key).dropFirst())) }
        }
        return keys
    }

    /// A dictionary's values, in the order of its keys (empty when `object` is not a dictionary).
    package func values(_ object: qpdf_oh?) -> [qpdf_oh] {
        guard let object else { return [] }
        return keys(object).compactMap { value(object, $0) }
    }

    /// The object number of an indirect object, 0 for a direct one.
    package func objectID(_ object: qpdf_oh) -> Int32 { qpdf_oh_get_object_id(data, object) }

    package func set(_ object: qpdf_oh, _ key: String, _ value: qpdf_oh) { qpdf_oh_replace_key(data, object, "/" + key, value) }
    package func remove(_ object: qpdf_oh, _ key: String) { qpdf_oh_remove_key(data, object, "/" + key) }
    package func makeName(_ name: String) -> qpdf_oh { qpdf_oh_new_name(data, "/" + name) }
    package func makeBool(_ value: Bool) -> qpdf_oh { qpdf_oh_new_bool(data, value ? QPDF_TRUE : QPDF_FALSE) }

    // MARK: Pages

    package var pageCount: Int { max(0, Int(qpdf_get_num_pages(data))) }
    package func page(_ index: Int) -> qpdf_oh { qpdf_get_page_n(data, index) }

    /// Appends every page of `other` after this document's pages.
    package func appendPages(of other: QPDFDocument) throws(QPDFError) {
        for index in 0..<other.pageCount {
            guard qpdf_add_page(data, other.data, other.page(index), QPDF_FALSE) & QPDF_ERRORS == 0 else {
                throw QPDFError(kind: .failed, detail: "cannot append pages (\(takeError() ?? "unknown error"))")
            }
        }
    }

    // MARK: Writing

    /// The document as bytes: unencrypted, object streams kept as they were, and an /ID computed
    /// from the content, so that the same document gives the same bytes. Streams are written as
    /// they are: qpdf compressing an empty stream writes /FlateDecode with no data, which MuPDF
    /// warns about ("premature end of data in flate filter"), and recompressing would inflate and
    /// deflate every font and image again (`replaceData(compress:)` deflates what was changed).
    package func write() throws(QPDFError) -> [UInt8] {
        guard qpdf_init_write_memory(data) & QPDF_ERRORS == 0 else {
            throw QPDFError(kind: .failed, detail: "cannot write the PDF (\(takeError() ?? "unknown error"))")
        }
        qpdf_set_preserve_encryption(data, QPDF_FALSE)
        qpdf_set_deterministic_ID(data, QPDF_TRUE)
        qpdf_set_stream_data_mode(data, qpdf_s_preserve)
        qpdf_set_suppress_original_object_IDs(data, QPDF_TRUE)
        guard qpdf_write(data) & QPDF_ERRORS == 0, let bytes = qpdf_get_buffer(data) else {
            throw QPDFError(kind: .failed, detail: "cannot write the PDF (\(takeError() ?? "unknown error"))")
        }
        return Array(UnsafeBufferPointer(start: bytes, count: qpdf_get_buffer_length(data)))
    }

    // MARK: Making objects

    /// An object parsed from PDF syntax, e.g. `<< /Type /StructElem /S /P >>`.
    package func parse(_ syntax: String) -> qpdf_oh { qpdf_oh_parse(data, syntax) }
    /// A text string (PDFDocEncoding when it fits, else UTF-16).
    package func makeText(_ text: String) -> qpdf_oh { qpdf_oh_new_unicode_string(data, text) }
    package func makeInteger(_ value: Int) -> qpdf_oh { qpdf_oh_new_integer(data, Int64(value)) }
    package func makeArray(_ items: [qpdf_oh]) -> qpdf_oh {
        let array = qpdf_oh_new_array(data)
        for item in items { qpdf_oh_append_item(data, array, item) }
        return array
    }
    /// `object` as an indirect object of the document (a reference to it).
    package func makeIndirect(_ object: qpdf_oh) -> qpdf_oh { qpdf_make_indirect_object(data, object) }
    /// A new stream (an indirect object) with `bytes` as its data, unfiltered, and `dictionary`'s
    /// other keys.
    package func makeStream(_ bytes: [UInt8], dictionary: [String: qpdf_oh] = [:]) -> qpdf_oh {
        let stream = qpdf_oh_new_stream(data)
        replaceData(of: stream, with: bytes)
        let streamDictionary = qpdf_oh_get_dict(data, stream)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) { set(streamDictionary, key, value) }
        return stream
    }

    // MARK: Streams

    /// A stream's data with its filters undone, or nil when qpdf cannot decode it.
    package func decodedData(of stream: qpdf_oh) -> [UInt8]? {
        var filtered: QPDF_BOOL = QPDF_FALSE
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_get_stream_data(data, stream, qpdf_dl_generalized, &filtered, &buffer, &length) & QPDF_ERRORS == 0,
            filtered != QPDF_FALSE, let buffer
        else {
            _ = takeError()
            return nil
        }
        defer { free(buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }

    /// Replaces a stream's data with `bytes`, unfiltered, or deflated (`/FlateDecode`) when
    /// `compress`: writing then keeps every other stream as it is, where asking qpdf to compress
    /// would inflate and deflate every font and image again.
    package func replaceData(of stream: qpdf_oh, with bytes: [UInt8], compress: Bool = false) {
        let null = qpdf_oh_new_null(data)
        // Should zlib fail, the stream is stored as it is.
        let deflated = compress ? Deflate.compress(bytes) : nil
        let (stored, filter) = deflated.map { ($0, makeName("FlateDecode")) } ?? (bytes, null)
        stored.withUnsafeBufferPointer { buffer in
            qpdf_oh_replace_stream_data(data, stream, buffer.baseAddress, buffer.count, filter, null)
        }
    }
}
