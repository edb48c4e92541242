extension TemplateNode {
    /// The node with `transform` applied to each list of child nodes it holds (the branches of an
    /// `if`, the body of a `for`, the lines of a signature, …). Leaves come back unchanged.
    func mapChildren(_ transform: ([TemplateNode]) -> [TemplateNode]) -> TemplateNode {
        switch self {
        case .text, .value, .lineBreak, .reference, .exhibitCitation, .agree, .narrative, .pageBreak, .include:
            return self
        case .styled(let style, let children): return .styled(style, transform(children))
        case .heading(let level, let alignment, let children): return .heading(level: level, alignment: alignment, transform(children))
        case .paragraph(let alignment, let children): return .paragraph(alignment: alignment, transform(children))
        case .numbered(let id, let children): return .numbered(id: id, transform(children))
        case .quote(let children): return .quote(transform(children))
        case .list(let ordered, let items): return .list(ordered: ordered, items: transform(items))
        case .item(let children): return .item(transform(children))
        case .table(let rows): return .table(rows: transform(rows))
        case .row(let header, let cells): return .row(header: header, cells: transform(cells))
        case .cell(let children): return .cell(transform(children))
        case .letterhead(let lines): return .letterhead(lines: transform(lines))
        case .caption(let court, let parties, let caseInfo, let title):
            return .caption(court: transform(court), parties: transform(parties), caseInfo: transform(caseInfo), title: transform(title))
        case .signature(let lines): return .signature(lines: transform(lines))
        case .line(let children): return .line(transform(children))
        case .if(let test, let then, let otherwise, let location):
            return .if(test: test, then: transform(then), else: transform(otherwise), location: location)
        case .choose(let whens, let otherwise):
            return .choose(whens: whens.map { TemplateNode.When(test: $0.test, body: transform($0.body), location: $0.location) },
                otherwise: transform(otherwise))
        case .for(let variable, let list, let join, let body, let location):
            return .for(variable: variable, list: list, join: join, body: transform(body), location: location)
        case .block(let name, let body): return .block(name: name, transform(body))
        }
    }
}
