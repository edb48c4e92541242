import ArgumentParser
import Engross
import Templating

extension EngrossCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the templates: id, kind and title.",
            discussion: """
                Examples:
                  engross list
                  engross list --templates ~/clinic-templates
                """)

        @OptionGroup var common: CommonOptions

        func run() throws {
            let engine = try common.engine()
            let ids = engine.library.templateIDs()
            guard !ids.isEmpty else {
                Console.error("engross: no templates in \(engine.library.root.path)")
                return
            }
            var rows: [[String]] = [["ID", "KIND", "TITLE"]]
            for id in ids {
                do {
                    let template = try engine.library.load(id)
                    rows.append([id, template.kind, template.meta.title])
                } catch {
                    rows.append([id, "?", "(has problems: run `engross lint \(id)`)"])
                }
            }
            let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                Console.output(row[0].padded(widths[0]) + "  " + row[1].padded(widths[1]) + "  " + row[2] + "\n")
            }
        }
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
