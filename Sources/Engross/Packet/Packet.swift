import CaseData
import DocumentModel
import Foundation
import Templating
import WriterPDF

/// A packet definition with its templates loaded: checks a packet case file and assembles the
/// documents and exhibits it names, with every citation resolved.
public struct Packet: Sendable {
    public let definition: PacketDefinition
    /// Every template the packet uses, by id.
    public let templates: [String: PreparedTemplate]
    /// The names of the documents whose paragraphs some template of the packet cites.
    let citedDocuments: Set<String>
    let today: CivilDate

    /// Loads packet `id` and its templates; throws every problem found, including citations
    /// (`<ref in="…">`) of documents or paragraph ids the packet does not have.
    public init(engine: Engine, id: String) throws(TemplateErrors) {
        definition = try engine.library.loadPacket(id)
        var templates: [String: PreparedTemplate] = [:]
        var errors: [TemplateError] = []
        for templateID in definition.templateIDs where templates[templateID] == nil {
            do { templates[templateID] = try engine.prepare(templateID) } catch { errors += error.errors }
        }
        self.templates = templates
        citedDocuments = Set(templates.values.flatMap { $0.template.crossReferences.map(\.document) })
        today = engine.today
        errors += PacketLinter.problems(definition, templates: templates.mapValues(\.template))
        if !errors.isEmpty { throw TemplateErrors(errors) }
    }

    /// One generated document of an assembled packet: a document, or an official form to fill.
    public struct Part: Sendable {
        /// What the part is made of.
        public enum Content: Sendable {
            /// A document from a document template, evaluated.
            case document(Document)
            /// A form template's case data (checked): `PacketWriter` fills the blank form with it.
            case form(CaseValue)
        }

        /// The packet entry's name (`declaration`), numbered when the entry makes several
        /// (`support-letter-2`).
        public var name: String
        public var templateID: String
        public var templateVersion: String
        public var content: Content

        /// The evaluated document; nil for a form.
        public var document: Document? {
            if case .document(let document) = content { return document } else { return nil }
        }
    }

    /// What the packet is made of, in order, ready to write.
    public struct Assembly: Sendable {
        public enum Item: Sendable {
            case document(Part)
            case exhibit(cover: Document, exhibit: Exhibit)
        }
        public var items: [Item]
        public var exhibits: [Exhibit]
    }

    /// Checks a packet case file and, when nothing is wrong, assembles the packet. Every problem
    /// is returned at once: each document's case data checked against its template (paths from
    /// the top of the packet case file), the exhibit list and its files, and every citation.
    /// Exhibit files must be in the case file's folder or below it, unless `allowOutsideExhibits`.
    public func assemble(
        _ root: CaseValue, caseFile: String?, allowOutsideExhibits: Bool = false
    ) -> (assembly: Assembly?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let rootObject = root.objectValue ?? CaseObject()
        let exhibitList = ExhibitList(root, at: definition.exhibitList, caseFile: caseFile, allowOutside: allowOutsideExhibits)
        diagnostics += exhibitList.diagnostics
        diagnostics += unusedKeys(rootObject, caseFile: caseFile)

        // The documents each entry makes, with their case data, in packet order.
        var instances: [(entry: PacketDefinition.DocumentEntry, name: String, path: FieldPath, data: CaseValue)] = []
        let expressions = ExpressionEvaluator(today: today)
        for entry in definition.documents {
            if let when = entry.when, !expressions.evaluate(when, in: Scope(root: rootObject)).isTruthy { continue }
            let path = entry.data ?? FieldPath()
            let value = root.value(at: path)
            if entry.each {
                guard let value, !value.isNull else { continue }
                guard let items = value.listValue else {
                    diagnostics.append(Diagnostic(.error, .wrongType, path: path.description, label: nil,
                        message: "must be a list, one \(entry.name) per item", file: caseFile, position: value.position))
                    continue
                }
                for (index, item) in items.enumerated() {
                    instances.append((entry, "\(entry.name)-\(index + 1)", path.appending(index: index), item))
                }
            } else {
                instances.append((entry, entry.name, path, value ?? CaseValue(.object(CaseObject()))))
            }
        }
        for instance in instances {
            guard let template = templates[instance.entry.template] else { continue }
            if instance.data.objectValue == nil {
                diagnostics.append(Diagnostic(.error, .notAGroup, path: instance.path.description, label: nil,
                    message: "must be an object holding the \(instance.entry.name)'s case data", file: caseFile, position: instance.data.position))
                continue
            }
            diagnostics += template.validate(instance.data, file: caseFile).map { Self.prefixed($0, with: instance.path) }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }

        // Paragraph numbers do not depend on citations: evaluate the cited documents once to learn
        // them, then every document with every citation resolved.
        let exhibits = exhibitList.exhibits
        var cited: [String: CitationContext.CitedDocument] = [:]
        for instance in instances where !instance.entry.each && citedDocuments.contains(instance.entry.name) {
            guard let template = templates[instance.entry.template], !template.template.isForm else { continue }
            let numbers = template.evaluator.evaluate(instance.data, citations: nil).document.paragraphIDs
            cited[instance.entry.name] = .init(abbreviation: instance.entry.citeAs ?? instance.entry.name, paragraphs: numbers)
        }
        let context = CitationContext(documents: cited, exhibits: exhibits.map(\.id))
        var parts: [String: [Part]] = [:]
        for instance in instances {
            guard let template = templates[instance.entry.template] else { continue }
            let content: Part.Content
            if template.template.isForm {
                // Filled when the packet is written, from the blank in the forms folder.
                content = .form(instance.data)
            } else {
                let (document, problems) = template.evaluator.evaluate(instance.data, citations: context)
                diagnostics += problems.map { citationDiagnostic($0, in: instance.entry.name, data: instance.data, at: instance.path, caseFile: caseFile) }
                content = .document(document)
            }
            parts[instance.entry.name, default: []].append(Part(name: instance.name, templateID: template.template.id,
                templateVersion: template.template.version, content: content))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }

        var items: [Assembly.Item] = []
        for entry in definition.entries {
            switch entry {
            case .document(let document):
                items += (parts[document.name] ?? []).map { .document($0) }
            case .exhibitIndex(let templateID, _):
                guard !exhibits.isEmpty, let template = templates[templateID] else { continue }
                items.append(.document(Part(name: "exhibit-index", templateID: templateID, templateVersion: template.template.version,
                    content: .document(template.render(ExhibitData.index(exhibits, packetTitle: definition.title))))))
            case .exhibits(let coverID, _):
                guard let cover = templates[coverID] else { continue }
                items += exhibits.map { .exhibit(cover: cover.render(ExhibitData.cover($0)), exhibit: $0) }
            }
        }
        return (Assembly(items: items, exhibits: exhibits), diagnostics)
    }

    /// A sub-document's diagnostic with its path from the top of the packet case file.
    static func prefixed(_ diagnostic: Diagnostic, with path: FieldPath) -> Diagnostic {
        guard !path.components.isEmpty else { return diagnostic }
        var copy = diagnostic
        copy.path = diagnostic.path.isEmpty ? path.description
            : path.description + (diagnostic.path.hasPrefix("[") ? "" : ".") + diagnostic.path
        return copy
    }

    /// A citation that points at nothing, as a diagnostic. An exhibit id is reported where the
    /// document's case data holds it.
    private func citationDiagnostic(
        _ problem: CitationProblem, in document: String, data: CaseValue, at path: FieldPath, caseFile: String?
    ) -> Diagnostic {
        switch problem.kind {
        case .exhibit(let id):
            let found = Self.find(id, in: data, at: path)
            return Diagnostic(.error, .brokenCitation, path: (found?.path ?? path).description, label: nil,
                message: "cites exhibit '\(id)', but no exhibit in \(definition.exhibitList) has that id",
                help: "correct the id, or add the exhibit to \(definition.exhibitList)", file: caseFile, position: found?.value.position)
        case .paragraphs(let citedName, let id):
            let document = document.replacingOccurrences(of: "-", with: " ")
            let cited = citedName.replacingOccurrences(of: "-", with: " ")
            return Diagnostic(.error, .brokenCitation, path: path.description, label: nil,
                message: "the \(document) cites the \(cited)'s '\(id)' paragraphs, but for this case the \(cited) has none",
                help: "add the case data those paragraphs come from to the \(cited), or leave out what leads the \(document) to cite them (\(problem.location.file):\(problem.location.line))",
                file: caseFile, position: data.position)
        }
    }

    /// Where in `value` the text `text` first appears.
    static func find(_ text: String, in value: CaseValue, at path: FieldPath) -> (path: FieldPath, value: CaseValue)? {
        switch value.kind {
        case .string(let string): return string == text ? (path, value) : nil
        case .list(let items):
            for (index, item) in items.enumerated() {
                if let found = find(text, in: item, at: path.appending(index: index)) { return found }
            }
        case .object(let object):
            for entry in object.entries {
                if let found = find(text, in: entry.value, at: path.appending(entry.key)) { return found }
            }
        default: break
        }
        return nil
    }

    /// Warnings for top-level keys of the case file that no part of the packet reads.
    private func unusedKeys(_ root: CaseObject, caseFile: String?) -> [Diagnostic] {
        var used: Set<String> = []
        if case .key(let key)? = definition.exhibitList.components.first { used.insert(key) }
        for entry in definition.documents {
            guard case .key(let key)? = entry.data?.components.first else { return [] }  // a document reads the whole file
            used.insert(key)
        }
        return root.entries.filter { !used.contains($0.key) }.map { entry in
            Diagnostic(.warning, .unknownField, path: entry.key, label: nil, message: "is not read by any document of the packet",
                help: "the packet reads " + used.sorted().joined(separator: ", "), file: caseFile, position: entry.keyPosition)
        }
    }
}
