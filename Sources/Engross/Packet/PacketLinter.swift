import Templating

/// Checks a packet definition against its templates: every `<ref in="…">` must name a document
/// of the packet cited once (not one made per list item) and an id that document's template
/// numbers; every `<document>` needs the template it names. The index of exhibits and the cover
/// pages are documents: a form template (`kind="form"`) cannot make them.
enum PacketLinter {
    static func problems(_ packet: PacketDefinition, templates: [String: Template]) -> [TemplateError] {
        var problems: [TemplateError] = []
        for entry in packet.entries {
            switch entry {
            case .exhibitIndex(let id, let location), .exhibits(let id, let location):
                if templates[id]?.isForm == true {
                    problems.append(TemplateError(.invalidAttribute,
                        "\(id) is a form template (kind=\"form\"): it fills a blank PDF form and cannot make the index of exhibits or their cover pages; name a document template",
                        at: location))
                }
            case .document: break
            }
        }
        let documents = Dictionary(packet.documents.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var checked: Set<String> = []
        for entry in packet.documents where checked.insert(entry.template).inserted {
            guard let template = templates[entry.template] else { continue }
            for (target, cited, location) in template.crossReferences {
                guard let document = documents[cited] else {
                    problems.append(TemplateError(.invalidAttribute,
                        "<ref in=\"\(cited)\"> names no document of \(packet.id); its documents are \(documents.keys.sorted().joined(separator: ", "))",
                        at: location))
                    continue
                }
                if document.each {
                    problems.append(TemplateError(.invalidAttribute,
                        "<ref in=\"\(cited)\">: \(packet.id) makes one \(cited) per item of \(document.data?.description ?? "the list"), so its paragraphs cannot be cited",
                        at: location))
                } else if let citedTemplate = templates[document.template] {
                    for id in Citations.ids(in: target) where !citedTemplate.numberedIDs.contains(id) {
                        problems.append(TemplateError(.undeclaredField,
                            "<ref to=\"\(target)\" in=\"\(cited)\">: \(document.template) has no numbered paragraph with id \"\(id)\"\(Suggestions.didYouMean(id, in: citedTemplate.numberedIDs.sorted()))",
                            at: location))
                    }
                }
            }
        }
        return problems
    }
}
