import Foundation
import Testing

/// A packet named where a template is wanted (`fields`, `init`, `render`…) says what to do instead,
/// rather than reporting the packet file as a broken template.
@Suite("A packet where a template is wanted")
struct PacketAsTemplateCLITests {
    @Test(arguments: [["fields"], ["init"], ["schema"], ["validate", "Fixtures/packets/t-visa/case.json"]])
    func commandsExplainThatAPacketIsNotATemplate(_ command: [String]) throws {
        let run = try engross([command[0], "packets/t-visa"] + command.dropFirst())
        #expect(run.status == 2)
        #expect(run.stderr.contains("engross: 'packets/t-visa' is a packet, not a template"))
        #expect(run.stderr.contains("  coverLetter: t-visa/cover-letter\n"))
        #expect(run.stderr.contains("  supportLetters (a list, one document per item): letters/support\n"))
        #expect(run.stderr.contains("  exhibits: the exhibits"))
        #expect(!run.stderr.contains("the root element must be"))
    }
}
