import CaseData
import Engross
import Foundation
import Hummingbird
import Templating

/// Builds a case's packet as `engross packet` does: the case's data for the packet and its
/// uploaded exhibits are written to a private temporary folder (the engine reads exhibits from
/// files), checked, assembled and rendered in memory; the folder is removed at once.
///
/// The folder is made in the data folder (0700), not in /tmp: a survivor's exhibits stay beside
/// the database that already holds them, and one left by a server killed mid-build is swept
/// at the next start (`TemporaryFiles.sweep`).
struct PacketBuilder {
    let store: any CaseStore
    /// The data folder, where the temporary folder is made.
    let dataPath: String
    /// Where the blanks of the packets' forms are.
    let forms: FormsFolder

    init(store: any CaseStore, configuration: ServerConfiguration) {
        self.store = store
        dataPath = configuration.dataPath
        forms = FormsFolder.locate(explicit: configuration.formsPath)
    }

    enum Outcome {
        case problems([Diagnostic])
        case built(PacketWriter.Rendered, PacketWriter)
    }

    /// Builds the packet of the stored case `caseID`, with its uploaded exhibits.
    func build(_ packet: Packet, caseID: String, scope: CaseScope, data: CaseObject, bates: String?, archival: Bool = false) async throws -> Outcome {
        var exhibits: [(path: String, bytes: [UInt8])] = []
        for upload in try await store.uploads(caseID: caseID, in: scope) {
            guard let bytes = try await store.uploadContent(caseID: caseID, uploadID: upload.id, in: scope) else { continue }
            exhibits.append((upload.path, bytes))
        }
        return try build(packet, data: data, exhibits: exhibits, bates: bates, archival: archival)
    }

    /// Builds the packet of `data`, whose exhibit files are `exhibits` (paths relative to the
    /// case file, checked by the caller to stay inside its folder); `archival` makes its PDFs PDF/A-2b.
    func build(_ packet: Packet, data: CaseObject, exhibits: [(path: String, bytes: [UInt8])], bates: String?, archival: Bool = false) throws -> Outcome {
        // The packet's own keys only: a case may also hold documents of other packets.
        var root = CaseObject()
        for entry in packet.definition.documents {
            if let key = entry.data?.lastKey, let value = data[key] { root[key] = value }
        }
        let exhibitsKey = packet.definition.exhibitList.lastKey ?? "exhibits"
        if let exhibits = data[exhibitsKey] { root[exhibitsKey] = exhibits }

        guard let folder = TemporaryFiles.makeFolder(beside: dataPath + "/packet") else {
            throw ServerStartError("cannot make a temporary folder in the data folder to build the packet")
        }
        defer { TemporaryFiles.removeFolder(folder) }
        for (path, bytes) in exhibits {
            let file = folder + "/" + path
            try PrivateFolder.create((file as NSString).deletingLastPathComponent)
            guard FileManager.default.createFile(atPath: file, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
                throw ServerStartError("cannot write a temporary copy of an exhibit")
            }
        }
        let caseFile = folder + "/case.json"
        let value = CaseValue(.object(root))
        guard FileManager.default.createFile(atPath: caseFile, contents: Data(value.jsonText(pretty: true).utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ServerStartError("cannot write a temporary copy of the case")
        }
        let (assembly, diagnostics) = packet.assemble(value, caseFile: caseFile)
        guard let assembly else {
            // The temporary folder's name means nothing to the user.
            return .problems(diagnostics.map { var copy = $0; copy.file = nil; return copy })
        }
        var writer = PacketWriter(packet: packet, batesPrefix: bates, forms: forms)
        writer.archival = archival
        do {
            return .built(try writer.render(assembly, caseFile: caseFile), writer)
        } catch let error as PacketArchivalError {
            return .problems(error.parts.map { part in
                Diagnostic(.error, .exhibitFile, path: "", label: "PDF/A", message: part,
                    help: PacketArchivalError.advice + ", or build the packet without PDF/A")
            })
        } catch let error as FormRenderError {
            // The server's forms folder lacks a blank, or holds another edition: its operator's to fix.
            throw HTTPError(.internalServerError, message: "The packet cannot be built on this server: \(error.message)")
        }
    }
}

/// The file types an exhibit may have, told from the first bytes of its content, never from its name.
enum UploadKind: String {
    case pdf, png, jpeg

    init?(_ bytes: [UInt8]) {
        if bytes.starts(with: Array("%PDF-".utf8)) {
            self = .pdf
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else {
            return nil
        }
    }
}
