import CaseData

/// The case data the engine gives the exhibit index and cover-page templates.
enum ExhibitData {
    /// `{ packetTitle, exhibits: [{ letter, title, source, date, pages }] }`.
    static func index(_ exhibits: [Exhibit], packetTitle: String) -> CaseValue {
        .object([("packetTitle", .string(packetTitle)), ("exhibits", .list(exhibits.map(entry)))])
    }

    /// `{ letter, title, source, date, pages }` for one exhibit's cover page.
    static func cover(_ exhibit: Exhibit) -> CaseValue { entry(exhibit) }

    private static func entry(_ exhibit: Exhibit) -> CaseValue {
        var fields: [(String, CaseValue)] = [("letter", .string(exhibit.letter)), ("title", .string(exhibit.title))]
        if let source = exhibit.source { fields.append(("source", .string(source))) }
        if let date = exhibit.date { fields.append(("date", .string(date.description))) }
        fields.append(("pages", .number(Double(exhibit.pageCount))))
        return .object(fields)
    }
}
