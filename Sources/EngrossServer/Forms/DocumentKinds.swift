import CaseData
import Engross
import Templating

/// The documents a case can hold, and where each one's data sits in the case.
///
/// A case is one client's facts as a packet's case file holds them: each document's data under
/// its own key (`declaration`, `coverLetter`; a list such as `supportLetters` for documents made
/// once per item). The keys come from the packets, so that a case filled in the web app is the
/// very case file `engross packet` reads; a template no packet uses gets a key made from its id.
public struct DocumentKinds: Sendable {
    /// A template a user can fill in, and its key in the case.
    public struct Kind: Sendable {
        public var templateID: String
        public var title: String
        public var key: String
        /// Whether the case holds a list of these (one document per item).
        public var each: Bool
    }

    /// The fillable templates (letters, declarations, petitions, certificates), in library order.
    public let kinds: [Kind]
    /// The packets of the library that can be built from a case.
    public let packets: [PacketDefinition]

    /// Reads the library: every template that makes a document on its own (not fragments,
    /// cover pages and indexes, which packets fill), and every packet.
    public init(engine: Engine) {
        var packets: [PacketDefinition] = []
        var keys: [String: (key: String, each: Bool)] = [:]
        for id in engine.library.packetIDs() {
            guard let packet = try? engine.library.loadPacket(id) else { continue }
            packets.append(packet)
            for entry in packet.documents where keys[entry.template] == nil {
                guard let path = entry.data, path.components.count == 1, let key = path.lastKey else { continue }
                keys[entry.template] = (key, entry.each)
            }
        }
        var kinds: [Kind] = []
        for id in engine.library.templateIDs() {
            guard let template = try? engine.library.load(id), Self.fillableKinds.contains(template.kind) else { continue }
            let place = keys[id] ?? (Self.key(for: id), false)
            kinds.append(Kind(templateID: id, title: template.meta.title, key: place.key, each: place.each))
        }
        self.kinds = kinds
        self.packets = packets
    }

    /// Template kinds that make a document of their own.
    static let fillableKinds: Set<String> = ["letter", "declaration", "petition", "certificate"]

    /// `protective-order/texas-7b` → `protectiveOrderTexas7b`.
    static func key(for templateID: String) -> String {
        var key = ""
        var upper = false
        for character in templateID {
            if character.isLetter || character.isNumber {
                key.append(upper && !key.isEmpty ? Character(character.uppercased()) : character)
                upper = false
            } else {
                upper = true
            }
        }
        return key
    }

    /// The kind of template `id`.
    public func kind(templateID id: String) -> Kind? { kinds.first { $0.templateID == id } }

    /// The kind stored under `key`.
    public func kind(key: String) -> Kind? { kinds.first { $0.key == key } }

    /// The packet with id `id` (`packets/t-visa` or `t-visa`).
    public func packet(_ id: String) -> PacketDefinition? {
        packets.first { $0.id == id || $0.id == "packets/" + id }
    }
}

/// One document of a case: a kind, and for list kinds the item's place (from 0).
public struct DocumentSlot: Sendable, Equatable {
    public var key: String
    public var index: Int?

    /// The slot named in an address: `declaration`, or `supportLetters-2` (the second item).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, first.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        key = String(first)
        switch parts.count {
        case 1: index = nil
        case 2:
            guard let number = Int(parts[1]), number >= 1, number <= 10_000 else { return nil }
            index = number - 1
        default: return nil
        }
    }

    public init(key: String, index: Int?) {
        self.key = key
        self.index = index
    }

    /// How addresses name it.
    public var name: String { index.map { "\(key)-\($0 + 1)" } ?? key }

    /// Where its data sits in the case.
    public var path: FieldPath {
        let base = FieldPath().appending(key)
        return index.map { base.appending(index: $0) } ?? base
    }
}
