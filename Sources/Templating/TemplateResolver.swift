/// Resolves a template's parent (`extends`) and includes into one self-contained template.
///
/// Each template is resolved once per load, however often it is included, and the expanded size
/// is counted as it grows: thirty templates that each include the next twice would otherwise
/// expand to a billion elements. Nesting of includes and parents is bounded too.
struct TemplateResolver {
    let library: TemplateLibrary
    var errors: [TemplateError] = []
    /// Templates already resolved during this load, with their expanded sizes (in nodes).
    private var resolved: [String: (template: Template, size: Int)] = [:]
    /// Templates whose problems are already reported, so that a second include adds nothing.
    private var failed: Set<String> = []
    /// Whether the expanded size has already been reported as too large.
    private var reportedTooLarge = false

    /// The most elements and text runs a template may hold once its includes and parent are
    /// expanded: over 200 times the largest shipped template (protective-order/texas-7b, about 420).
    static let maximumSize = 100_000
    /// How deeply includes and parents (`extends`) may nest, the template itself not counted.
    static let maximumNesting = 16

    init(library: TemplateLibrary) { self.library = library }

    /// Template `id`, resolved. `chain` holds the ids being resolved around it, to catch cycles.
    mutating func resolve(_ id: String, chain: [String], from location: TemplateLocation?) throws(TemplateErrors) -> Template {
        try resolveCounting(id, chain: chain, from: location).template
    }

    /// Template `id`, resolved, and its expanded size.
    private mutating func resolveCounting(_ id: String, chain: [String], from location: TemplateLocation?) throws(TemplateErrors) -> (template: Template, size: Int) {
        if chain.contains(id) {
            let cycle = (chain.drop(while: { $0 != id }) + [id]).joined(separator: " → ")
            throw TemplateErrors([TemplateError(.includeCycle, "templates include or extend each other in a cycle: \(cycle)",
                at: location ?? TemplateLocation(file: id, line: 0))])
        }
        // A template resolved before holds no cycle through the chain: it would have been found then.
        if let done = resolved[id] { return done }
        guard chain.count <= Self.maximumNesting else {
            throw TemplateErrors([TemplateError(.tooLarge,
                "includes and extends nest more than \(Self.maximumNesting) deep (\(chain.first ?? id) → … → \(id)); "
                    + "include the pieces from fewer levels",
                at: location ?? TemplateLocation(file: id, line: 0))])
        }
        var template = try library.parse(id, from: location)
        if let parentID = template.parent {
            let parent = try resolveCounting(parentID, chain: chain + [id], from: template.location).template
            if parent.isForm {
                throw TemplateErrors([Self.formNotReusable(parentID, at: template.location)])
            }
            template = inherit(template, from: parent)
        }
        var fields = template.fields
        var rules = template.rules
        // A child's body is now its parent's (already expanded, so counted node by node) with the
        // child's blocks in it.
        var size = 0
        template.body = expandIncludes(template.body, chain: chain + [id], fields: &fields, rules: &rules, size: &size)
        template.fields = fields
        template.rules = rules
        resolved[id] = (template, size)
        return (template, size)
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
        result.meta.language = child.meta.language ?? parent.meta.language
        return result
    }

    /// A form template fills a PDF and has no body to include or extend.
    private static func formNotReusable(_ id: String, at location: TemplateLocation) -> TemplateError {
        TemplateError(.misplacedElement,
            "'\(id)' is a form template (kind=\"form\"): it fills a blank PDF and has no body to include or extend; include a fragment instead",
            at: location)
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
        _ nodes: [TemplateNode], chain: [String], fields: inout [FieldDeclaration], rules: inout [RuleDeclaration],
        size: inout Int
    ) -> [TemplateNode] {
        var result: [TemplateNode] = []
        for node in nodes {
            size += 1
            guard case .include(let id, let location) = node else {
                result.append(node.mapChildren { expandIncludes($0, chain: chain, fields: &fields, rules: &rules, size: &size) })
                continue
            }
            if failed.contains(id) { continue }
            do {
                let (included, includedSize) = try resolveCounting(id, chain: chain, from: location)
                if included.isForm {
                    errors.append(Self.formNotReusable(id, at: location))
                    failed.insert(id)
                    continue
                }
                size += includedSize
                if size > Self.maximumSize {
                    if !reportedTooLarge {
                        reportedTooLarge = true
                        errors.append(TemplateError(.tooLarge,
                            "with its includes, \(chain.first ?? id) grows past \(Formatters.grouped(Self.maximumSize)) elements (at this include of \(id)); "
                                + "include each piece fewer times, or split the document",
                            at: location))
                    }
                    return result
                }
                for field in included.fields { add(field, to: &fields, from: included.id, at: location) }
                rules += included.rules
                result.append(.block(name: "include:\(id)", included.body))
            } catch {
                errors += error.errors
                failed.insert(id)
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
