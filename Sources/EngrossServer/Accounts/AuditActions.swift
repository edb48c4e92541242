/// What each route that touches a case does, as the audit log names it: one table, so a route
/// cannot be added without deciding (a test walks every case route and fails on one missing).
enum AuditActions {
    /// An action and the route parameter, if any, that details it (never a field's value).
    struct Action: Equatable, Sendable {
        let name: String
        /// The route's parameters, in order, that make the detail ("slot", "packet").
        let details: [String]
        /// A constant part of the detail (a format).
        let suffix: String

        init(_ name: String, _ details: [String] = [], _ suffix: String = "") {
            self.name = name
            self.details = details
            self.suffix = suffix
        }
    }

    /// Keyed by "METHOD path", the path as Hummingbird describes the matched route.
    static let table: [String: Action] = [
        "POST /cases": Action("created"),
        "POST /cases/import": Action("imported"),
        "GET /cases/{case}": Action("opened"),
        "POST /cases/{case}/rename": Action("renamed"),
        "POST /cases/{case}/duplicate": Action("duplicated"),
        "GET /cases/{case}/delete": Action("opened", [], "delete page"),
        "POST /cases/{case}/delete": Action("deleted"),
        "GET /cases/{case}/case.json": Action("exported", [], "json"),
        "GET /cases/{case}/case.yaml": Action("exported", [], "yaml"),
        "GET /cases/{case}/case.zip": Action("exported", [], "zip"),
        "POST /cases/{case}/documents": Action("document-added"),
        "GET /cases/{case}/documents/{slot}": Action("opened", ["slot"]),
        "POST /cases/{case}/documents/{slot}": Action("changed", ["slot"]),
        "POST /cases/{case}/documents/{slot}/draft": Action("changed", ["slot"], "draft"),
        "POST /cases/{case}/documents/{slot}/delete": Action("document-removed", ["slot"]),
        "GET /cases/{case}/documents/{slot}/preview.html": Action("rendered", ["slot"], "html"),
        "GET /cases/{case}/documents/{slot}/document.pdf": Action("rendered", ["slot"], "pdf"),
        "GET /cases/{case}/documents/{slot}/document.docx": Action("rendered", ["slot"], "docx"),
        "GET /cases/{case}/documents/{slot}/data.json": Action("exported", ["slot"], "json"),
        "POST /cases/{case}/documents/{slot}/review": Action("reviewed", ["slot"]),
        "GET /cases/{case}/packets/{packet}": Action("opened", ["packet"]),
        "POST /cases/{case}/packets/{packet}/exhibits": Action("uploaded", ["packet"]),
        "POST /cases/{case}/packets/{packet}/exhibits/{number}": Action("changed", ["packet", "number"], "exhibit"),
        "GET /cases/{case}/uploads/{file}": Action("exported", ["file"]),
        "GET /cases/{case}/packets/{packet}/packet.pdf": Action("rendered", ["packet"], "pdf"),
        "GET /cases/{case}/packets/{packet}/packet.zip": Action("exported", ["packet"], "zip"),
        "POST /cases/{case}/shares": Action("shared"),
        "POST /cases/{case}/shares/{user}/delete": Action("unshared", ["user"]),
    ]

    /// The action of a request that matched `route` with `method`; `nil` for routes that touch no case.
    static func action(method: String, route: String) -> Action? {
        table[method + " " + route]
    }

    /// The detail of an entry: the named parameters' values in `path` (matched against `route`),
    /// then the suffix, joined by spaces.
    static func detail(_ action: Action, route: String, path: String) -> String {
        let names = route.split(separator: "/", omittingEmptySubsequences: false)
        let values = path.split(separator: "/", omittingEmptySubsequences: false)
        var parts: [String] = []
        for wanted in action.details {
            if let index = names.firstIndex(of: Substring("{\(wanted)}")), values.indices.contains(index) {
                parts.append(String(values[index].prefix(80)))
            }
        }
        if !action.suffix.isEmpty { parts.append(action.suffix) }
        return parts.joined(separator: " ")
    }

    /// The case id in `path` where `route` has `{case}`.
    static func caseID(route: String, path: String) -> String? {
        let names = route.split(separator: "/", omittingEmptySubsequences: false)
        let values = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let index = names.firstIndex(of: "{case}"), values.indices.contains(index) else { return nil }
        return String(values[index])
    }
}
