import FormPDF
import Foundation
import TestSupport
import Testing

/// A grayscale page rendered at 72 dpi (one pixel a point): pdftoppm (poppler) or mutool (MuPDF).
private struct GrayPage {
    let width: Int, height: Int
    let pixels: [UInt8]

    init?(_ pdf: [UInt8], page: Int, engine: String) throws {
        let base = NSTemporaryDirectory() + "engross-render-\(UUID().uuidString)"
        try Data(pdf).write(to: URL(fileURLWithPath: base + ".pdf"))
        defer { for end in [".pdf", ".pgm"] { try? FileManager.default.removeItem(atPath: base + end) } }
        let arguments = engine == "mutool"
            ? ["mutool", "draw", "-q", "-r", "72", "-c", "gray", "-o", base + ".pgm", base + ".pdf", "\(page)"]
            : ["pdftoppm", "-r", "72", "-gray", "-f", "\(page)", "-l", "\(page)", "-singlefile", base + ".pdf", base]
        guard try runTool(arguments).status == 0, let data = FileManager.default.contents(atPath: base + ".pgm") else { return nil }
        // "P5 width height 255" then one byte a pixel.
        var fields: [String] = [], index = 0, current = ""
        let bytes = [UInt8](data)
        while fields.count < 4, index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if !current.isEmpty { fields.append(current); current = "" }
            } else {
                current.append(Character(UnicodeScalar(byte)))
            }
        }
        guard fields.count == 4, fields[0] == "P5", let width = Int(fields[1]), let height = Int(fields[2]) else { return nil }
        self.width = width
        self.height = height
        pixels = Array(bytes[index...])
    }

    /// How many dark pixels lie inside a PDF box (origin bottom left), its printed border left out.
    func darkPixels(in box: FormWidget) -> Int {
        let left = Int(box.x) + 2, right = Int(box.x + box.width) - 2
        let top = height - Int(box.y + box.height) + 2, bottom = height - Int(box.y) - 2
        var count = 0
        for y in max(0, top)..<min(height, bottom) {
            for x in max(0, left)..<min(width, right) where pixels[y * width + x] < 128 { count += 1 }
        }
        return count
    }
}

@Suite("Form filling: what viewers show")
struct RenderedFormTests {
    @Test(arguments: ["pdftoppm", "mutool"])
    func bothEnginesShowTheFilledValues(engine: String) throws {
        let blank = try FormFixtures.edition2026
        let names = ["Pt1Line1a_FamilyName[0]", "Pt1Line2_AlienNumber[0]", "Pt1Line7_ZipCode[0]", "Pt1Line6_State[0]"].map(FormFixtures.page1)
        let filled = try FormFiller.fill(blank, values: [
            names[0]: .text("Testcase"), names[1]: .text("000000001"), names[2]: .text("78701"), names[3]: .option("TX"),
        ])
        let before = try #require(try GrayPage(blank.bytes, page: 1, engine: engine))
        let after = try #require(try GrayPage(filled, page: 1, engine: engine))
        for name in names {
            let box = try #require(blank.field(named: name)?.widgets.first)
            // The comb's cell lines are dark in the blank too: the value adds to them.
            #expect(after.darkPixels(in: box) > before.darkPixels(in: box) + 20, "\(name) shows no value (\(engine))")
        }
    }

    @Test(arguments: ["pdftoppm", "mutool"])
    func theFlattenedCopyShowsChecksAndRadios(engine: String) throws {
        let blank = try FormFixtures.edition2026
        let married = FormFixtures.page1("Pt1Line5_Married[0]"), sex = FormFixtures.page1("Pt1Line4_Sex[0]")
        let flat = try FormFiller.fill(blank, values: [married: .checked(true), sex: .option("M")], options: .init(flatten: true))
        let page = try #require(try GrayPage(flat, page: 1, engine: engine))
        let check = try #require(blank.field(named: married)?.widgets.first)
        let radios = try #require(blank.field(named: sex)?.widgets)
        #expect(page.darkPixels(in: check) > 4)
        #expect(page.darkPixels(in: radios[0]) == 0)  // F, off
        #expect(page.darkPixels(in: radios[1]) > 4)  // M, on
    }
}
