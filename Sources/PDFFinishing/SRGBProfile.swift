import Foundation

/// An ICC colour profile for sRGB (IEC 61966-2.1), version 2.1, built here byte by byte: the
/// output intent a PDF/A file names for its DeviceRGB colour. It holds the sRGB primaries and
/// white point adapted to the D50 connection space and the sRGB tone curve as a 1,024-entry table,
/// so it is the same on every machine and needs no file installed.
enum SRGBProfile {
    /// The profile's bytes.
    static let bytes: [UInt8] = build()

    /// The profile's description, as PDF/A output intents name it.
    static let description = "sRGB IEC61966-2.1"

    private static func build() -> [UInt8] {
        let curve = toneCurve(entries: 1024)
        // Tag data, each padded to four bytes. The three curves share one table.
        let tags: [(signature: String, data: [UInt8])] = [
            ("desc", textDescription(description)),
            ("cprt", text("No copyright: written by Engross from the published sRGB parameters")),
            ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)),
            ("gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)),
            ("bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)),
            ("rTRC", curve),
            ("gTRC", curve),
            ("bTRC", curve),
        ]
        let tableSize = 4 + 12 * tags.count
        var offset = 128 + tableSize
        var table = bigEndian(UInt32(tags.count))
        var body: [UInt8] = []
        var placed: [[UInt8]: Int] = [:]
        for tag in tags {
            let start: Int
            if let shared = placed[tag.data] {
                start = shared
            } else {
                start = offset
                placed[tag.data] = start
                body += tag.data
                let padding = (4 - tag.data.count % 4) % 4
                body += [UInt8](repeating: 0, count: padding)
                offset += tag.data.count + padding
            }
            table += Array(tag.signature.utf8) + bigEndian(UInt32(start)) + bigEndian(UInt32(tag.data.count))
        }
        let size = 128 + tableSize + body.count
        var header = bigEndian(UInt32(size))
        header += [0, 0, 0, 0]  // preferred CMM: none
        header += [0x02, 0x10, 0, 0]  // version 2.1
        header += Array("mntrRGB XYZ ".utf8)  // display class, RGB data, XYZ connection space
        header += [0x07, 0xEA, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]  // 2026-01-01 00:00:00
        header += Array("acsp".utf8)
        header += [UInt8](repeating: 0, count: 4 + 4 + 4 + 4 + 8 + 4)  // platform, flags, maker, model, attributes, intent
        header += s15Fixed16(0.9642) + s15Fixed16(1.0) + s15Fixed16(0.8249)  // D50 illuminant
        header += [UInt8](repeating: 0, count: 4 + 16 + 28)  // creator, profile id, reserved
        return header + table + body
    }

    /// The sRGB transfer function: linear near black, a 2.4 power above.
    private static func toneCurve(entries: Int) -> [UInt8] {
        var data = Array("curv".utf8) + [0, 0, 0, 0] + bigEndian(UInt32(entries))
        for index in 0..<entries {
            let encoded = Double(index) / Double(entries - 1)
            let linear = encoded <= 0.04045 ? encoded / 12.92 : pow((encoded + 0.055) / 1.055, 2.4)
            data += bigEndian(UInt16((linear * 65535).rounded()))
        }
        return data
    }

    private static func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
        Array("XYZ ".utf8) + [0, 0, 0, 0] + s15Fixed16(x) + s15Fixed16(y) + s15Fixed16(z)
    }

    private static func text(_ value: String) -> [UInt8] {
        Array("text".utf8) + [0, 0, 0, 0] + Array(value.utf8) + [0]
    }

    /// A version 2 textDescriptionType: ASCII, no Unicode or ScriptCode text.
    private static func textDescription(_ value: String) -> [UInt8] {
        var data = Array("desc".utf8) + [0, 0, 0, 0]
        data += bigEndian(UInt32(value.utf8.count + 1)) + Array(value.utf8) + [0]
        data += bigEndian(UInt32(0)) + bigEndian(UInt32(0))  // Unicode language and count
        data += [0, 0, 0] + [UInt8](repeating: 0, count: 67)  // ScriptCode code, count, text
        return data
    }

    private static func s15Fixed16(_ value: Double) -> [UInt8] {
        bigEndian(UInt32(bitPattern: Int32((value * 65536).rounded())))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
}
