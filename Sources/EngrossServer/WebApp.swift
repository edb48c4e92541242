import CaseData
import Engross
import Foundation
import Hummingbird
import Templating

/// What every handler of the web app shares: the engine and its prepared templates, the store,
/// the pages. Nothing here holds a case: cases live in the store, so another process on the same
/// store would serve the same answers.
struct WebApp: Sendable {
    let engine: Engine
    let kinds: DocumentKinds
    /// Every fillable template, loaded and checked once at start.
    let templates: [String: PreparedTemplate]
    /// Each template's form steps, cut once at start.
    let steps: [String: [FormStep]]
    /// Every packet, loaded and checked once at start.
    let packets: [String: Packet]
    let store: any CaseStore
    let pages: Pages
    let assets: Assets
    /// The CSRF token every POST must carry (on a server with accounts, before signing in;
    /// a session's forms carry the session's own).
    let token: String
    let configuration: ServerConfiguration
    /// Sign-in, sessions and the audit log, on a server with accounts.
    var accounts: AccountService?
    /// The templates folder as it was when the server started (on a server with accounts, whose
    /// administrators compare it with the folder now).
    var startingCatalog: TemplateCatalog?

    /// What every page's layout reads.
    func page(_ title: String, _ values: [String: Any] = [:]) -> [String: Any] {
        var context = values
        context["pageTitle"] = title
        context["csrf"] = SignedInUser.current?.csrf ?? token
        if let user = SignedInUser.current { context.merge(user.headerValues) { value, _ in value } }
        context["assetVersion"] = assets.version
        // A clinic's server keeps its cases on the server, not on the user's computer.
        context["clinicServer"] = configuration.accounts
        return context
    }

    // MARK: Cases

    /// The case `id` and its data; 404 when there is none.
    func loadCase(_ id: String, _ context: AppRequestContext) async throws -> (record: CaseRecord, data: CaseObject) {
        guard Self.isID(id), let record = try await store.fetchCase(id: id, in: context.scope) else {
            throw HTTPError(.notFound, message: "There is no such case. It may have been deleted.")
        }
        let value = (try? JSONCaseParser.parse(Array(record.json.utf8), file: "case")) ?? .object([])
        return (record, value.objectValue ?? CaseObject())
    }

    func saveCase(_ id: String, _ data: CaseObject, _ context: AppRequestContext) async throws {
        guard try await store.updateCase(id: id, json: CaseValue(.object(data)).jsonText(pretty: true), in: context.scope) else {
            throw HTTPError(.notFound, message: "There is no such case. It may have been deleted.")
        }
    }

    /// Ids are lower-case UUIDs; anything else is refused before it reaches the store.
    static func isID(_ text: String) -> Bool {
        text.utf8.count == 36 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) || $0 == 45 }
    }

    // MARK: Documents

    /// The kind and template of a document slot, and its data in `data` (an empty object when
    /// a single document has not been started); 404 when the case has no such document.
    func document(_ slot: DocumentSlot, in data: CaseObject) throws -> (kind: DocumentKinds.Kind, template: PreparedTemplate, data: CaseObject) {
        guard let kind = kinds.kind(key: slot.key), let template = templates[kind.templateID], kind.each == (slot.index != nil) else {
            throw HTTPError(.notFound, message: "This case has no such document.")
        }
        if let index = slot.index {
            guard let items = data[slot.key]?.listValue, items.indices.contains(index) else {
                throw HTTPError(.notFound, message: "This case has no such document. It may have been removed.")
            }
            return (kind, template, items[index].objectValue ?? CaseObject())
        }
        return (kind, template, data[slot.key]?.objectValue ?? CaseObject())
    }

    /// `data` with the document at `slot` replaced.
    static func replacing(_ slot: DocumentSlot, in data: CaseObject, with document: CaseObject?) -> CaseObject {
        var copy = data
        if let index = slot.index {
            var items = copy[slot.key]?.listValue ?? []
            guard items.indices.contains(index) else { return copy }
            if let document { items[index] = CaseValue(.object(document)) } else { items.remove(at: index) }
            copy[slot.key] = items.isEmpty ? nil : .list(items)
        } else {
            copy[slot.key] = document.map { CaseValue(.object($0)) }
        }
        return copy
    }

    /// The documents a case holds, as the case page lists them.
    func slots(in data: CaseObject) -> [(kind: DocumentKinds.Kind, slot: DocumentSlot)] {
        var slots: [(DocumentKinds.Kind, DocumentSlot)] = []
        for kind in kinds.kinds {
            if kind.each {
                for index in (data[kind.key]?.listValue ?? []).indices { slots.append((kind, DocumentSlot(key: kind.key, index: index))) }
            } else if data[kind.key] != nil {
                slots.append((kind, DocumentSlot(key: kind.key, index: nil)))
            }
        }
        return slots
    }

    // MARK: Responses

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func download(_ bytes: [UInt8], type: String, fileName: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(fileName)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: CaseValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: value.jsonText(pretty: false))))
    }

    /// The form a POST sent; 400 when it sent none.
    static func form(_ context: AppRequestContext) throws -> FormBody {
        guard let form = context.form else { throw HTTPError(.badRequest, message: "This page expects a form.") }
        return form
    }

    /// A date for people: "December 2, 2026, 3:14 PM" in the server's time zone.
    static func shownTime(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(timeFormat)
    }

    /// A time of day for people: "3:14 PM".
    static func shownClock(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(clockFormat)
    }

    private static let timeFormat = style("\(month: .wide) \(day: .defaultDigits), \(year: .defaultDigits), \(hour: .defaultDigits(clock: .twelveHour, hourCycle: .oneBased)):\(minute: .twoDigits) \(dayPeriod: .standard(.abbreviated))")
    private static let clockFormat = style("\(hour: .defaultDigits(clock: .twelveHour, hourCycle: .oneBased)):\(minute: .twoDigits) \(dayPeriod: .standard(.abbreviated))")

    /// US English, the Gregorian calendar, the server's time zone.
    private static func style(_ format: Date.FormatString) -> Date.VerbatimFormatStyle {
        Date.VerbatimFormatStyle(format: format, locale: Locale(identifier: "en_US_POSIX"), timeZone: .current, calendar: Calendar(identifier: .gregorian))
    }
}
