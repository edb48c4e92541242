import CaseData
import DocumentModel
import Foundation
import Templating
import TestSupport
import Testing

@testable import Engross

private let packetFolder = repositoryRoot.appendingPathComponent("Fixtures/packets/t-visa").path
private let packetCase = packetFolder + "/case.json"
/// The fixture blanks: the T visa fixture's packet includes the example form.
let fixtureForms = FormsFolder.locate(explicit: repositoryRoot.appendingPathComponent("Fixtures/forms").path)

/// The citations a document makes of other packet documents and of exhibits, in order.
private func citations(in document: Document) -> [(target: String, text: String)] {
    var found: [(String, String)] = []
    func walk(_ inlines: [Inline]) {
        for inline in inlines {
            switch inline {
            case .reference(let target, let text, _) where target.contains("#") || target == "exhibits": found.append((target, text))
            case .styled(_, let children): walk(children)
            default: break
            }
        }
    }
    for block in document.blocks { _ = block.mapInlines { walk([$0]); return $0 } }
    return found
}

@Suite("Packets", .serialized)
struct PacketTests {
    let engine = Engine(templatesPath: templatesPath, today: fixtureToday)

    private func assemble(_ data: CaseValue, caseFile: String = packetCase) throws -> (Packet, Packet.Assembly?, [Diagnostic]) {
        let packet = try Packet(engine: engine, id: "packets/t-visa")
        let (assembly, diagnostics) = packet.assemble(data, caseFile: caseFile)
        return (packet, assembly, diagnostics)
    }

    private func part(_ name: String, of assembly: Packet.Assembly) -> Document? {
        for case .document(let part) in assembly.items where part.name == name { return part.document }
        return nil
    }

    @Test func theShippedPacketsLint() {
        let linter = Linter(library: engine.library, today: engine.today)
        #expect(engine.library.packetIDs() == ["packets/t-visa", "packets/u-visa-certification"])
        for id in engine.library.packetIDs() { #expect(linter.lint(id, schemaPath: nil).isEmpty, "\(id)") }
    }

    @Test func coverLetterCitationsMatchTheDeclarationAndTheExhibits() throws {
        let (_, assembly, diagnostics) = try assemble(try CaseFile.load(path: packetCase))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.map(\.formatted))")
        let built = try #require(assembly)
        let cover = try #require(part("cover-letter", of: built))
        let declaration = try #require(part("declaration", of: built))
        let cited = citations(in: cover)
        #expect(cited.contains { $0.target.hasPrefix("declaration#") })
        #expect(cited.contains { $0.target == "exhibits" })
        let letters = Set(built.exhibits.map(\.letter))
        for citation in cited {
            if citation.target == "exhibits" {
                // "Ex. C" or "Exs. A, C, and F" or "Exs. C–E": every letter is an exhibit's.
                let named = citation.text.dropFirst(citation.text.hasPrefix("Exs.") ? 4 : 3)
                    .split(whereSeparator: { ", –\u{00A0}".contains($0) }).filter { $0 != "and" }.map(String.init)
                #expect(!named.isEmpty && named.allSatisfy(letters.contains), "\(citation.text)")
            } else {
                let id = String(citation.target.split(separator: "#")[1])
                let numbers = try #require(declaration.paragraphIDs[id], "\(id)")
                #expect(citation.text == "Decl.\u{00A0}" + Citations.paragraphs(numbers)!)
                // And those numbers are the declaration's own: each is a numbered paragraph.
                let present = Set(declaration.blocks.compactMap { block -> Int? in
                    if case .numbered(let number, _) = block { return number } else { return nil }
                })
                #expect(numbers.allSatisfy(present.contains))
            }
        }
    }

    @Test func aParagraphAddedEarlyInTheDeclarationShiftsEveryLaterCitation() throws {
        var data = try CaseFile.load(path: packetCase)
        let (_, before, _) = try assemble(data)
        let beforeAssembly = try #require(before)
        let oldCitations = citations(in: try #require(part("cover-letter", of: beforeAssembly)))
            .filter { $0.target.hasPrefix("declaration#") }
        // One more paragraph of background, which comes before everything the cover letter cites.
        var root = try #require(data.objectValue)
        var declaration = try #require(root["declaration"]?.objectValue)
        let background = declaration["background"]
        let added: CaseValue = switch background?.kind {
        case .list(let items)?: .list([.string("An added paragraph about my childhood.")] + items)
        case .string(let text)?: .string("An added paragraph about my childhood.\n\n" + text)
        default: .string("An added paragraph about my childhood.")
        }
        declaration["background"] = added
        root["declaration"] = CaseValue(.object(declaration))
        data = CaseValue(.object(root))
        let (_, after, diagnostics) = try assemble(data)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        let afterAssembly = try #require(after)
        let newCitations = citations(in: try #require(part("cover-letter", of: afterAssembly)))
            .filter { $0.target.hasPrefix("declaration#") }
        #expect(oldCitations.count == newCitations.count && !oldCitations.isEmpty)
        for (old, new) in zip(oldCitations, newCitations) where old.target != "declaration#identity" {
            let shifted = old.text.replacing(/\d+/) { String(Int($0.output)! + 1) }
            #expect(new.text == shifted, "\(old.target): \(old.text) → \(new.text)")
        }
    }

    @Test func thePacketIsWrittenWholeStampedAndReproducible() throws {
        let (packet, assembly, _) = try assemble(try CaseFile.load(path: packetCase))
        let built = try #require(assembly)
        let out = NSTemporaryDirectory() + "engross-packet-" + UUID().uuidString
        let writer = PacketWriter(packet: packet, batesPrefix: "DOE", forms: fixtureForms)
        let result = try writer.write(built, caseFile: packetCase, to: out)
        let combinedData = try #require(FileManager.default.contents(atPath: out + "/" + result.combined))
        let combined = [UInt8](combinedData)

        // The page count is the sum of the parts: each generated document as written on its own,
        // each exhibit's cover page and the exhibit file's pages.
        func pages(_ pdf: [UInt8]) throws -> Int {
            let info = try pdfTool("pdfinfo", pdf)
            let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") })
            return Int(line.split(separator: " ").last ?? "") ?? 0
        }
        var expected = 0
        for item in built.items {
            switch item {
            case .document(let part):
                switch part.content {
                case .document(let document): expected += try pages(try OutputFormat.pdf.write(document))
                case .form: expected += try pages([UInt8](try #require(FileManager.default.contents(atPath: out + "/" + formFile(part, in: result)))))
                }
            case .exhibit(let cover, let exhibit): expected += try pages(try OutputFormat.pdf.write(cover)) + exhibit.pageCount
            }
        }
        #expect(try pages(combined) == expected)
        #expect(result.pageCount == expected)
        #expect(built.exhibits.count >= 3 && built.exhibits.filter { $0.pageCount > 1 }.count >= 2)

        // Bates numbers run without a gap, one per page, and page numbers run through the packet.
        let text = try pdfTool("pdftotext", combined)
        let pagesText = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        for page in 1...expected {
            #expect(pagesText[page - 1].contains(String(format: "DOE-%06d", page)), "page \(page)")
            #expect(pagesText[page - 1].contains("Page \(page) of \(expected)"), "page \(page)")
        }
        #expect(!text.contains(String(format: "DOE-%06d", expected + 1)))

        // The outline has one entry per document and exhibit.
        let outline = try pdfTool("qpdf", combined, ["--json", "--json-key=outlines"])
        for item in built.items {
            switch item {
            case .document(let part):
                let title = part.document?.metadata.title ?? packet.templates[part.templateID]?.template.meta.title ?? "?"
                #expect(outline.contains("\"title\": \"\(title)\""), "\(part.name)")
            case .exhibit(_, let exhibit):
                #expect(outline.contains("\"title\": \"Exhibit \(exhibit.letter)\""), "\(exhibit.letter)")
                // An exhibit's title is sensitive (it may name the client): the cover page shows it, the outline does not.
                #expect(!outline.contains(exhibit.title), "\(exhibit.letter)")
            }
        }
        _ = try pdfTool("qpdf", combined, ["--check"])

        // The manifest's hashes are the files' hashes.
        let manifest = try CaseFile.load(path: out + "/manifest.json")
        let outputs = try #require(manifest["outputs"]?.listValue)
        #expect(outputs.count == result.files.count - 1)
        for output in outputs {
            let path = try #require(output["path"]?.stringValue)
            let contents = try #require(FileManager.default.contents(atPath: out + "/" + path))
            let bytes = [UInt8](contents)
            #expect(output["sha256"]?.stringValue == (try sha256sum(out + "/" + path)), "\(path)")
            #expect(!bytes.isEmpty)
        }
        for exhibit in try #require(manifest["exhibits"]?.listValue) {
            let relative = try #require(exhibit["path"]?.stringValue)
            let path = packetFolder + "/" + relative
            #expect(exhibit["sha256"]?.stringValue == (try sha256sum(path)))
        }
        #expect(manifest["case"]?["sha256"]?.stringValue == (try sha256sum(packetCase)))

        // A second run gives the same bytes.
        let again = NSTemporaryDirectory() + "engross-packet-" + UUID().uuidString
        _ = try writer.write(built, caseFile: packetCase, to: again)
        #expect(FileManager.default.contents(atPath: again + "/" + result.combined) == Data(combined))
        #expect(FileManager.default.contents(atPath: again + "/manifest.json") == FileManager.default.contents(atPath: out + "/manifest.json"))
    }
}

/// The file a form part was written to: `documents/NN-name.pdf`.
private func formFile(_ part: Packet.Part, in result: PacketWriter.Result) -> String {
    result.files.first { $0.hasPrefix("documents/") && $0.hasSuffix("-\(part.name).pdf") } ?? ""
}

/// The digest `sha256sum` prints for a file: an independent check of the manifest's.
func sha256sum(_ path: String) throws -> String {
    String(try runTool(["sha256sum", path]).output.prefix(64))
}

extension CaseValue {
    fileprivate subscript(key: String) -> CaseValue? { objectValue?[key] }
}
