import CaseData
import Foundation
@testable import EngrossServer
@testable import Templating
import Testing

/// The form's parts that need no server: reading a submitted form back into case data, the list
/// buttons, the names of documents in addresses, and what the log keeps of a path.
@Suite struct FormTests {
    static func field(_ name: String, _ type: FieldType, children: [FieldDeclaration] = [], multiple: Bool = false) -> FieldDeclaration {
        FieldDeclaration(name: name, type: type, label: nil, help: nil, required: false, requiredIf: nil, requiredIfText: nil,
            pattern: nil, minimum: nil, maximum: nil, sensitive: false, redact: .mark, defaultValue: nil, options: [],
            multiple: multiple, children: children, rules: [], location: TemplateLocation(file: "t.xml", line: 1))
    }

    static let fields = [
        field("date", .date), field("count", .integer), field("fee", .money), field("agreed", .boolean),
        field("story", .paragraphs), field("crimes", .choice, multiple: true),
        field("client", .group, children: [field("fullName", .text)]),
        field("services", .list, children: [field("description", .text), field("since", .date)]),
    ]

    @Test func aFormReadsBackAsTheCaseFileTheCommandLineReads() throws {
        let body = try #require(FormBody(Array(("date=2026-11-26&count=12&fee=%241%2C250.50&agreed=false&agreed=true"
            + "&story=First.%0D%0A%0D%0ASecond.+&crimes=a&crimes=b&client.fullName=+Amira+Example+"
            + "&services%23count=2&services%5B0%5D.description=Shelter&services%5B1%5D.description=").utf8)))
        let value = CaseValue.object(FormDecoder(body).decode(Self.fields))
        #expect(value.jsonText(pretty: false) == #"{"date":"2026-11-26","count":12,"fee":"$1,250.50","agreed":true,"story":"First.\n\nSecond.","crimes":["a","b"],"client":{"fullName":"Amira Example"},"services":[{"description":"Shelter"},{}]}"#)
    }

    @Test func emptyControlsGiveNoKeyAndAnUncheckedBoxIsFalse() throws {
        let body = try #require(FormBody(Array("date=&count=+&agreed=false&client.fullName=&services%23count=0".utf8)))
        #expect(CaseValue.object(FormDecoder(body).decode(Self.fields)).jsonText(pretty: false) == #"{"agreed":false}"#)
    }

    @Test func aValueThatIsNotItsTypeIsKeptForValidationToName() throws {
        let body = try #require(FormBody(Array("count=twelve&fee=1e3".utf8)))
        let value = CaseValue.object(FormDecoder(body).decode(Self.fields))
        #expect(value.jsonText(pretty: false) == #"{"count":"twelve","fee":1e3}"#)
    }

    @Test func aListSentWithAHugeCountIsCapped() throws {
        let body = try #require(FormBody(Array("services%23count=999999999".utf8)))
        #expect(FormDecoder(body).decode(Self.fields).first?.1.listValue?.count == FormDecoder.maximumItems)
    }

    @Test func aFormThatIsNotUTF8IsRefused() {
        #expect(FormBody(Array("a=%FF%FE".utf8)) == nil)
        #expect(FormBody(Array("a=%4".utf8)) == nil)
    }

    @Test func mergingKeepsKeysTheTemplateDoesNotDeclareAndDeclarationOrder() throws {
        var stored = CaseObject()
        stored["legacy"] = .string("kept")
        stored["count"] = .number(3)
        stored["date"] = .string("2020-01-01")
        let body = try #require(FormBody(Array("date=2026-11-26".utf8)))
        let merged = FormDecoder(body).merge([Self.fields[0]], into: stored, order: Self.fields)
        #expect(merged.keys == ["date", "count", "legacy"])
        #expect(merged["date"]?.stringValue == "2026-11-26")
    }

    @Test func listButtonsNameTheirListOrItem() throws {
        #expect(ListAction("add:services")?.path.description == "services")
        #expect(ListAction("remove:incidents[2].people[0]")?.path.description == "incidents[2].people[0]")
        #expect(ListAction("add:services[0]") == nil)
        #expect(ListAction("up:services") == nil)
        #expect(ListAction("explode:services[0]") == nil)
        #expect(ListAction("remove:services[99999999]") == nil)
        #expect(ListAction("add:.services") == nil)
    }

    @Test func listButtonsChangeTheList() throws {
        var document = CaseObject()
        document["services"] = .list([.object([("description", .string("A"))]), .object([("description", .string("B"))])])
        #expect(ListAction("down:services[0]")!.apply(to: &document)?.description == "services[1]")
        #expect(document["services"]?.jsonText(pretty: false) == #"[{"description":"B"},{"description":"A"}]"#)
        #expect(ListAction("add:services")!.apply(to: &document)?.description == "services[2]")
        #expect(document["services"]?.listValue?.count == 3)
        _ = ListAction("remove:services[2]")!.apply(to: &document)
        _ = ListAction("remove:services[0]")!.apply(to: &document)
        _ = ListAction("remove:services[0]")!.apply(to: &document)
        #expect(document["services"] == nil)
        // A nested list is made where it is missing.
        var nested = CaseObject()
        nested["incidents"] = .list([.object([])])
        #expect(ListAction("add:incidents[0].people")!.apply(to: &nested)?.description == "incidents[0].people[0]")
        #expect(nested["incidents"]?.jsonText(pretty: false) == #"[{"people":[{}]}]"#)
    }

    @Test func documentSlotsInAddresses() {
        #expect(DocumentSlot("declaration") == DocumentSlot(key: "declaration", index: nil))
        #expect(DocumentSlot("supportLetters-2") == DocumentSlot(key: "supportLetters", index: 1))
        #expect(DocumentSlot("supportLetters-0") == nil)
        #expect(DocumentSlot("a-1-2") == nil)
        #expect(DocumentSlot("../x") == nil)
        #expect(DocumentSlot(key: "translations", index: 0).name == "translations-1")
    }

    @Test func controlIDsFollowFieldPaths() {
        #expect(FormControls.inputID("services[1].since") == "f-services-1-since")
        #expect(FormControls.inputID("client.fullName") == "f-client-fullName")
    }

    @Test func theLogKeepsNoUserText() {
        #expect(RequestLogMiddleware<AppRequestContext>.route("/cases/6f1c2a2e-1b7d-4c55-9b1e-2f0c1d2e3f4a/documents/supportLetters-1")
            == "/cases/{id}/documents/supportLetters-1")
        #expect(RequestLogMiddleware<AppRequestContext>.route("/cases/Amira%20Example") == "/cases/…")
        #expect(RequestLogMiddleware<AppRequestContext>.route("/x/\u{1B}[31m") == "/x/…")
        #expect(RequestLogMiddleware<AppRequestContext>.route("/cases/Zoë") == "/cases/…")
        #expect(RequestLogMiddleware<AppRequestContext>.route("/assets/5f0e/app.css") == "/assets/5f0e/app.css")
        #expect(RequestLogMiddleware<AppRequestContext>.route("/cases/6F1C2A2E-1B7D-4C55-9B1E-2F0C1D2E3F4A/x") == "/cases/{id}/x")
        #expect(RequestLogMiddleware<AppRequestContext>.route("/cases/6f1c2a2e-1b7d-4c55-9b1e-2f0c1d2e3f4a%0a") == "/cases/…")
        #expect(RequestLogMiddleware<AppRequestContext>.route("/" + String(repeating: "a", count: 65)) == "/…")
    }

    @Test func aLogLineSaysTheTimeInTenthsOfAMillisecond() {
        typealias Log = RequestLogMiddleware<AppRequestContext>
        #expect(Log.milliseconds(.microseconds(12_349)) == "12.3")
        #expect(Log.milliseconds(.microseconds(12_350)) == "12.4")
        #expect(Log.milliseconds(.microseconds(40)) == "0.0")
        #expect(Log.milliseconds(.seconds(2) + .microseconds(960)) == "2001.0")
        let line = Log.line("GET", "/cases/{id}", 200, since: .now)
        #expect(line.range(of: #"^GET /cases/\{id\} 200 \d+\.\d ms$"#, options: .regularExpression) != nil, "\(line)")
    }

    @Test func onlyLoopbackHostNamesAreServed() {
        for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST", "127.0.0.1"] {
            #expect(HostCheckMiddleware<AppRequestContext>.isLoopbackHost(host), "\(host)")
        }
        for host in ["evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example:8080", "[::2]:80", "0.0.0.0:8080"] {
            #expect(!HostCheckMiddleware<AppRequestContext>.isLoopbackHost(host), "\(host)")
        }
    }

    @Test func exhibitTypesAreToldFromTheirContent() {
        #expect(UploadKind(Array("%PDF-1.7".utf8)) == .pdf)
        #expect(UploadKind([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(UploadKind(Array("GIF89a".utf8)) == nil)
        #expect(PacketController.reference(from: "Incident report (Sheriff), 2023") == "incident-report-sheriff-2023")
    }
}

extension FormTests {
    @Test func problemsAreListedInTheFormsOrder() {
        let problems = ["services[1].since", "count", "services[0].description", "unknown", "date", "client.fullName"].map {
            Diagnostic(.error, .required, path: $0, label: nil, message: "is required")
        }
        #expect(FormOrder.sorted(problems, fields: Self.fields).map(\.path)
            == ["date", "count", "client.fullName", "services[0].description", "services[1].since", "unknown"])
    }
}

extension FormTests {
    @Test func timesAreShownAsPeopleWriteThem() throws {
        let shown = WebApp.shownTime(1_795_910_400)
        #expect(shown.wholeMatch(of: /[A-Z][a-z]+ \d{1,2}, 2026, \d{1,2}:\d{2} (AM|PM)/) != nil, "\(shown)")
    }
}
