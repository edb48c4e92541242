import ArgumentParser
import Engross
import Templating

extension Engine {
    /// Template `id`, ready to use; prints every template problem and exits 2 when it is broken.
    func prepareOrExit(_ id: String) throws -> PreparedTemplate {
        if id.hasPrefix(TemplateLibrary.packetFolder + "/"), let packet = try? library.loadPacket(id) {
            Console.error(Self.notATemplate(packet))
            throw ExitCode(ExitStatus.usage)
        }
        do {
            return try prepare(id)
        } catch {
            throw reportBroken("template", id, error)
        }
    }

    /// What to do instead when a packet is named where a template is wanted: its case file holds a
    /// section for each document, each the case file of that document's template.
    static func notATemplate(_ packet: PacketDefinition) -> String {
        var lines = ["engross: '\(packet.id)' is a packet, not a template; its case file has a section for each document, "
            + "and each section is a case file of that document's template:"]
        for document in packet.documents {
            let key = document.data.map { "\($0)" } ?? "(the whole case file)"
            lines.append("  \(key)\(document.each ? " (a list, one document per item)" : ""): \(document.template)")
        }
        lines.append("  \(packet.exhibitList): the exhibits (id, file, title, source, date)")
        lines.append("Run `engross fields TEMPLATE` or `engross init TEMPLATE` for each template above, put each case file under its "
            + "key, and build the packet with `engross packet \(packet.id) CASE -o FOLDER`; a sample packet case file is in "
            + "Fixtures/packets/ of the Engross sources.")
        return lines.joined(separator: "\n")
    }
}

/// Prints why template or packet `id` cannot be used, and returns the usage-error exit: one line
/// when it is missing, else every problem with its source line.
func reportBroken(_ kind: String, _ id: String, _ error: TemplateErrors) -> ExitCode {
    if error.errors.count == 1, error.errors[0].reason == .notFound {
        Console.error("engross: \(error.errors[0].printableMessage)")
    } else {
        for problem in error.errors { Console.error(problem.descriptionWithSource) }
        Console.error("engross: the \(kind) '\(id)' has \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") (run `engross lint \(id)`); nothing was done")
    }
    return ExitCode(ExitStatus.usage)
}
