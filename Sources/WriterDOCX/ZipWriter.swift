import CSystemZlib

/// Writes a ZIP archive in memory, one entry after another: a local file header and the entry's
/// bytes for each, then the central directory and its end record (PKWARE APPNOTE 6.3, section 4.3).
///
/// Only what a DOCX package needs: entries stored or raw-deflated (CRC-32 and deflate from the
/// system zlib), sizes known before an entry is written (no data descriptors), no ZIP64 (at most
/// 65,535 entries and 4 GiB), no encryption, no comments. Every entry carries the timestamp
/// 1980-01-01 00:00, the earliest a ZIP file can record, and Unix mode 0644, so the same entries
/// always give the same bytes.
struct ZipWriter {
    /// How an entry's bytes are kept in the archive.
    enum Method: UInt16 {
        /// As they are.
        case stored = 0
        /// Raw deflate (RFC 1951), zlib's default level.
        case deflated = 8
    }

    /// An archive that cannot be written: too large for a ZIP without ZIP64, or zlib failed.
    struct ZipError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Local headers and entry data so far.
    private var archive: [UInt8] = []
    /// The central directory so far: one header per entry.
    private var directory: [UInt8] = []
    private var entryCount = 0

    /// The timestamp of every entry, in MS-DOS form: 00:00:00 and 1980-01-01.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    /// "Version made by": Unix (3) in the high byte, APPNOTE 2.1 in the low byte.
    static let versionMadeBy: UInt16 = 0x0315
    /// "Version needed to extract": 2.0, which covers deflate.
    static let versionNeeded: UInt16 = 20
    /// General purpose flags: bit 11, entry names are UTF-8.
    static let flags: UInt16 = 0x0800
    /// External attributes: a regular file, mode 0644, in the high 16 bits (Unix).
    static let externalAttributes: UInt32 = 0o100644 << 16

    /// A writer for an archive of about `capacity` bytes (the entries' sizes and a little more),
    /// so that the buffer is allocated once.
    init(capacity: Int = 0) {
        archive.reserveCapacity(capacity)
    }

    /// Adds an entry named `path` holding the UTF-8 bytes of `text`.
    mutating func add(_ path: String, text: String, method: Method) throws(ZipError) {
        var text = text
        var failure: ZipError?
        // withUTF8 gives a native string's bytes without copying them.
        text.withUTF8 { bytes in
            do throws(ZipError) { try add(path, bytes: UnsafeRawBufferPointer(bytes), method: method) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Adds an entry named `path` holding `bytes`.
    mutating func add(_ path: String, bytes: [UInt8], method: Method) throws(ZipError) {
        var failure: ZipError?
        bytes.withUnsafeBytes { bytes in
            do throws(ZipError) { try add(path, bytes: bytes, method: method) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Adds an entry named `path` holding the text of `part`, whose CRC-32 is already known.
    mutating func add(_ path: String, fixed part: FixedPart, method: Method) throws(ZipError) {
        var text = part.text
        var failure: ZipError?
        text.withUTF8 { bytes in
            do throws(ZipError) { try add(path, bytes: UnsafeRawBufferPointer(bytes), crc: part.crc, method: method) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Adds an entry named `path` holding `bytes`; `crc` is their CRC-32 when already known.
    mutating func add(_ path: String, bytes: UnsafeRawBufferPointer, crc knownCRC: UInt32? = nil, method: Method) throws(ZipError) {
        let name = Array(path.utf8)
        guard entryCount < Int(UInt16.max) else { throw ZipError(reason: "more than 65,535 entries") }
        guard name.count <= Int(UInt16.max) else { throw ZipError(reason: "an entry name longer than 65,535 bytes") }
        let offset = archive.count
        let crc = knownCRC ?? Self.crc32(bytes)
        let compressed: [UInt8]? = method == .deflated ? try Self.deflate(bytes) : nil
        let compressedSize = compressed?.count ?? bytes.count
        guard offset + 30 + name.count + compressedSize < Int(UInt32.max), bytes.count < Int(UInt32.max) else {
            throw ZipError(reason: "the archive would be larger than 4 GiB")
        }

        // Local file header (APPNOTE 4.3.7).
        archive.append(le: 0x0403_4b50 as UInt32)
        archive.append(le: Self.versionNeeded)
        archive.append(le: Self.flags)
        archive.append(le: method.rawValue)
        archive.append(le: Self.dosTime)
        archive.append(le: Self.dosDate)
        archive.append(le: crc)
        archive.append(le: UInt32(compressedSize))
        archive.append(le: UInt32(bytes.count))
        archive.append(le: UInt16(name.count))
        archive.append(le: 0 as UInt16)  // extra field length
        archive += name
        if let compressed {
            archive += compressed
        } else {
            archive.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        }

        // Central directory header (APPNOTE 4.3.12).
        directory.append(le: 0x0201_4b50 as UInt32)
        directory.append(le: Self.versionMadeBy)
        directory.append(le: Self.versionNeeded)
        directory.append(le: Self.flags)
        directory.append(le: method.rawValue)
        directory.append(le: Self.dosTime)
        directory.append(le: Self.dosDate)
        directory.append(le: crc)
        directory.append(le: UInt32(compressedSize))
        directory.append(le: UInt32(bytes.count))
        directory.append(le: UInt16(name.count))
        directory.append(le: 0 as UInt16)  // extra field length
        directory.append(le: 0 as UInt16)  // comment length
        directory.append(le: 0 as UInt16)  // disk number start
        directory.append(le: 0 as UInt16)  // internal attributes
        directory.append(le: Self.externalAttributes)
        directory.append(le: UInt32(offset))
        directory += name
        entryCount += 1
    }

    /// The archive: the entries added so far, the central directory and its end record.
    consuming func finish() throws(ZipError) -> [UInt8] {
        let directoryOffset = archive.count
        guard directoryOffset + directory.count + 22 < Int(UInt32.max) else {
            throw ZipError(reason: "the archive would be larger than 4 GiB")
        }
        var bytes = archive
        archive = []
        bytes += directory
        // End of central directory record (APPNOTE 4.3.16).
        bytes.append(le: 0x0605_4b50 as UInt32)
        bytes.append(le: 0 as UInt16)  // number of this disk
        bytes.append(le: 0 as UInt16)  // disk where the central directory starts
        bytes.append(le: UInt16(entryCount))  // entries on this disk
        bytes.append(le: UInt16(entryCount))  // entries in all
        bytes.append(le: UInt32(directory.count))
        bytes.append(le: UInt32(directoryOffset))
        bytes.append(le: 0 as UInt16)  // comment length
        return bytes
    }

    /// The CRC-32 of `bytes` (zlib's, which works on several bytes per step).
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return UInt32(crc32_z(0, base.assumingMemoryBound(to: Bytef.self), z_size_t(bytes.count)))
    }

    /// `bytes` raw-deflated (no zlib header or trailer, as ZIP wants), in one call to zlib.
    static func deflate(_ bytes: UnsafeRawBufferPointer) throws(ZipError) -> [UInt8] {
        var stream = z_stream()
        // Memory level 9, as ZIPFoundation used, so that deflated parts keep their bytes.
        let status = deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ZipError(reason: "zlib could not start deflating (\(status))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var failure: Int32?
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(bytes.count)
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(bound)
            let result = CSystemZlib.deflate(&stream, Z_FINISH)
            if result != Z_STREAM_END { failure = result }
            count = Int(stream.total_out)
        }
        if let failure { throw ZipError(reason: "zlib could not deflate an entry (\(failure))") }
        return output
    }
}

/// Text that many packages hold unchanged (the fixed parts, and the styles and numbering made once
/// for a batch), with its CRC-32 worked out once rather than for every package.
struct FixedPart: Sendable {
    let text: String
    let crc: UInt32

    init(_ text: String) {
        var text = text
        crc = text.withUTF8 { ZipWriter.crc32(UnsafeRawBufferPointer($0)) }
        self.text = text
    }
}

extension [UInt8] {
    /// Appends `value` in little-endian byte order, as every ZIP field is written.
    fileprivate mutating func append<T: FixedWidthInteger>(le value: T) {
        for shift in stride(from: 0, to: T.bitWidth, by: 8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
}
