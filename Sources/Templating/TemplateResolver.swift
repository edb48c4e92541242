/// Resolves a template's parent (`extends`) and includes into one self-contained template.
struct TemplateResolver {
    let library: TemplateLibrary
    var errors: [TemplateError] = []

    init(library: TemplateLibrary) { self.library = library }

    /// Template `id`, resolved. `chain` holds the ids being resolved around it, to catch cycles.
    mutating func resolve(_ id: String, chain: [String], from location: TemplateLocation?) throws(TemplateErrors) -> Template {
        if chain.contains(id) {
            let cycle = (chain.drop(while: { $0 != id }) + [id]).joined(separator: " → ")
            throw TemplateErrors([TemplateError(.includeCycle, "templates include or extend each other in a cycle: \(cycle)",
                at: location ?? TemplateLocation(file: id, line: 0))])
        }
        var template = try library.parse(id, from: location)
        if let parentID = template.parent {
            let parent = try resolve(parentID, chain: chain + [id], from: template.location)
            template = inherit(template, from: parent)
        }
        var fields = template.fields
        var rules = template.rules
        template.body = expandIncludes(template.body, chain: chain + [id], fields: &fields, rules: &rules)
        template.fields = fields
        template.rules = rules
        return template
    }

    /// The child template with the parent's body, its blocks replaced by the child's.
    private mutating func inherit(_ child: Template, from parent: Template) -> Template {
        var overrides: [String: [TemplateNode]] = [:]
        for node in child.body {
            if case .block(let name, let body) = node { overrides[name] = body }
        }
        var used: Set<String> = []
        func replace(_ nodes: [TemplateNode]) -> [TemplateNode] {
            nodes.map { node in
                if case .block(let name, _) = node, let override = overrides[name] {
                    used.insert(name)
                    return .block(name: name, override)
                }
                return node.mapChildren(replace)
            }
        }
        var result = child
        result.body = replace(parent.body)
        for name in overrides.keys.sorted() where !used.contains(name) {
            errors.append(TemplateError(.misplacedElement,
                "<block name=\"\(name)\"> overrides nothing: \(parent.id) has no block of that name",
                at: child.location))
        }
        result.fields = Self.merge(parent.fields, overriddenBy: child.fields)
        result.rules = parent.rules + child.rules
        if !child.hasOwnPage { result.page = parent.page }
        // What the child's <meta> leaves out, it inherits: a parent's CONFIDENTIAL marking must
        // not vanish from a state variant.
        result.meta.description = child.meta.description ?? parent.meta.description
        result.meta.authority = child.meta.authority ?? parent.meta.authority
        result.meta.reviewed = child.meta.reviewed ?? parent.meta.reviewed
        result.meta.marking = child.meta.marking ?? parent.meta.marking
        return result
    }

    /// Fields of a parent with a child's declarations replacing those of the same name.
    private static func merge(_ base: [FieldDeclaration], overriddenBy overrides: [FieldDeclaration]) -> [FieldDeclaration] {
        var result = base
        for field in overrides {
            if let index = result.firstIndex(where: { $0.name == field.name }) { result[index] = field } else { result.append(field) }
        }
        return result
    }

    private mutating func expandIncludes(
        _ nodes: [TemplateNode], chain: [String], fields: inout [FieldDeclaration], rules: inout [RuleDeclaration]
    ) -> [TemplateNode] {
        var result: [TemplateNode] = []
        for node in nodes {
            guard case .include(let id, let location) = node else {
                result.append(node.mapChildren { expandIncludes($0, chain: chain, fields: &fields, rules: &rules) })
                continue
            }
            do {
                let included = try resolve(id, chain: chain, from: location)
                for field in included.fields { add(field, to: &fields, from: included.id, at: location) }
                rules += included.rules
                result.append(.block(name: "include:\(id)", included.body))
            } catch {
                errors += error.errors
            }
        }
        return result
    }

    /// Adds a field an included template declares; groups declared by both are merged, and a
    /// field declared with two different types is an error.
    private mutating func add(_ field: FieldDeclaration, to fields: inout [FieldDeclaration], from id: String, at location: TemplateLocation) {
        guard let index = fields.firstIndex(where: { $0.name == field.name }) else {
            fields.append(field)
            return
        }
        let existing = fields[index]
        if existing.type != field.type {
            errors.append(TemplateError(.duplicateField,
                "the field '\(field.name)' is a \(existing.type.rawValue) here but a \(field.type.rawValue) in \(id); declare it one way",
                at: location))
        } else if existing.type == .group {
            var merged = existing
            for child in field.children { add(child, to: &merged.children, from: id, at: location) }
            merged.rules += field.rules
            fields[index] = merged
        }
    }
}
