import ArgumentParser
import Engross
import Templating

extension EngrossCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the templates: id, version, date of legal review, kind and title.",
            discussion: """
                Examples:
                  engross list
                  engross list --authority
                  engross list --templates ~/clinic-templates
                """)

        @OptionGroup var common: CommonOptions
        @Flag(help: "Also show the statute, regulation or form each template rests on.") var authority = false

        func run() throws {
            let engine = try common.engine()
            let ids = engine.library.templateIDs()
            guard !ids.isEmpty else {
                Console.error("engross: no templates in \(engine.library.root.path)")
                return
            }
            var rows: [[String]] = [["ID", "VERSION", "REVIEWED", "KIND", "TITLE"]]
            var authorities: [String?] = [nil]
            for id in ids {
                do {
                    let template = try engine.library.load(id)
                    rows.append([id, template.version, template.meta.reviewed ?? "-", template.kind, template.meta.title])
                    authorities.append(template.meta.authority)
                } catch {
                    rows.append([id, "?", "?", "?", "(has problems: run `engross lint \(id)`)"])
                    authorities.append(nil)
                }
            }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for (row, rowAuthority) in zip(rows, authorities) {
                let line = (0..<4).map { row[$0].padded(widths[$0]) }.joined(separator: "  ") + "  " + row[4]
                Console.output(line + "\n")
                if authority, let rowAuthority { Console.output("    \(rowAuthority)\n") }
            }
            listPackets(engine)
        }

        /// The packets (`engross packet`), after the templates.
        private func listPackets(_ engine: Engine) {
            let ids = engine.library.packetIDs()
            guard !ids.isEmpty else { return }
            Console.output("\nPackets (engross packet PACKET CASE -o DIR):\n")
            let width = ids.map(\.count).max() ?? 0
            for id in ids {
                do {
                    let packet = try engine.library.loadPacket(id)
                    Console.output("\(id.padded(width))  \(packet.version)  \(packet.title)\n")
                    if authority, let rowAuthority = packet.authority { Console.output("    \(rowAuthority)\n") }
                } catch {
                    Console.output("\(id.padded(width))  ?  (has problems: run `engross lint \(id)`)\n")
                }
            }
        }
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
