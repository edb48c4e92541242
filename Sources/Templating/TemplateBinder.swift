import CaseData

/// Binds a resolved template to its fields: every path in the body, in `required-if` and in
/// rules must name a declared field; `value`s learn the declaration they show (for formatting
/// and sensitivity); references must name numbered paragraphs that exist.
struct TemplateBinder {
    private var template: Template
    private(set) var errors: [TemplateError] = []
    private var numberedIDs: Set<String> = []
    /// Loop variables (and, in field-level expressions, sibling fields) in scope, innermost last.
    private var variables: [(name: String, field: FieldDeclaration)] = []
    /// How many `for` loops enclose the node being bound; `loop` exists only inside one.
    private var loopDepth = 0
    /// Inside the condition of `any(list, condition)`: the declaration of the list's items, whose
    /// fields are the only names the condition can use (innermost last).
    private var itemScopes: [FieldDeclaration] = []

    init(template: Template) { self.template = template }

    /// The bound template; problems are in `errors`.
    mutating func bind() -> Template {
        numberedIDs = template.numberedIDs
        let top = template.fields
        bindFields(template.fields, rules: template.rules, siblings: nil, topLevel: top)
        template.body = bind(template.body)
        if let form = template.form { template.form = bindForm(form) }
        return template
    }

    // MARK: Form

    /// Binds a form template's `<form>`: every `of` and `when` is checked exactly as a `<value>`'s
    /// and an `<if>`'s are, and a check box learns whether its condition reads a sensitive field.
    private mutating func bindForm(_ form: FormMapping) -> FormMapping {
        var bound = form
        for index in bound.entries.indices {
            let entry = bound.entries[index]
            switch entry.fill {
            case .text(let nodes):
                bound.entries[index].fill = .text(bind(nodes))
            case .check(let test, _):
                bound.entries[index].fill = .check(when: test, sensitive: bindExpression(test, at: entry.location))
            case .radio(let value, let options):
                let boundValue = bindValue(value, purpose: .inline)
                checkRadioOptions(options, of: boundValue)
                bound.entries[index].fill = .radio(boundValue, options: options)
            case .choice(let value):
                bound.entries[index].fill = .choice(bindValue(value, purpose: .inline))
            case .leave:
                break
            }
        }
        if var addendum = form.addendum {
            for index in addendum.lines.indices { addendum.lines[index].content = bind(addendum.lines[index].content) }
            bound.addendum = addendum
        }
        return bound
    }

    /// A radio option's `value` must be one the field can hold: an option of a choice field,
    /// `true` or `false` for a boolean.
    private mutating func checkRadioOptions(_ options: [FormRadioOption], of value: ValueNode) {
        guard let field = value.field else { return }
        let allowed: [String]
        switch field.type {
        case .choice where !field.multiple: allowed = field.options.map(\.value)
        case .boolean: allowed = ["true", "false"]
        default: return
        }
        for option in options where !allowed.contains(option.value) {
            errors.append(TemplateError(.invalidAttribute,
                "<option value=\"\(option.value)\">: '\(value.source)' never holds that value (it holds \(allowed.joined(separator: ", ")))\(Suggestions.didYouMean(option.value, in: allowed))",
                at: option.location))
        }
    }

    // MARK: Fields

    private mutating func bindFields(
        _ fields: [FieldDeclaration], rules: [RuleDeclaration], siblings: [FieldDeclaration]?, topLevel: [FieldDeclaration]
    ) {
        let names = fields.map(\.name)
        for field in fields {
            if let requiredIf = field.requiredIf {
                check(requiredIf, siblings: siblings ?? topLevel, at: field.location, what: "required-if of '\(field.name)'")
            }
            if field.type == .group || field.type == .list {
                bindFields(field.children, rules: field.rules, siblings: field.children, topLevel: topLevel)
            }
        }
        for rule in rules {
            check(rule.test, siblings: siblings ?? topLevel, at: rule.location, what: "the rule's test")
            if let target = rule.field, !names.contains(target) {
                errors.append(TemplateError(.undeclaredField,
                    "the rule names field=\"\(target)\", which is not declared beside it\(Suggestions.didYouMean(target, in: names))",
                    at: rule.location))
            }
        }
    }

    /// Checks a field-level expression: names resolve among the siblings, then the top level.
    private mutating func check(_ expression: Expression, siblings: [FieldDeclaration], at location: TemplateLocation, what: String) {
        let saved = variables
        for sibling in siblings { variables.append((sibling.name, sibling)) }
        _ = resolvePaths(in: expression, at: location)
        variables = saved
    }

    // MARK: Paths

    private static let loopDeclaration: FieldDeclaration = {
        func field(_ name: String, _ type: FieldType) -> FieldDeclaration {
            FieldDeclaration(name: name, type: type, required: true, sensitive: false, redact: .mark, options: [],
                multiple: false, children: [], rules: [], location: TemplateLocation(file: "", line: 0))
        }
        var loop = field("loop", .group)
        loop.children = [field("index", .integer), field("index0", .integer), field("first", .boolean),
            field("last", .boolean), field("count", .integer)]
        return loop
    }()

    /// Resolves every path an expression reads; true when any of them is sensitive. The condition
    /// of `any(list, condition)` is resolved against the fields of the list's items.
    private mutating func resolvePaths(in expression: Expression, at location: TemplateLocation) -> Bool {
        switch expression {
        case .literal:
            return false
        case .path(let path):
            return resolve(path, at: location)?.sensitive ?? false
        case .not(let inner):
            return resolvePaths(in: inner, at: location)
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .compare(_, let lhs, let rhs), .arithmetic(_, let lhs, let rhs):
            let left = resolvePaths(in: lhs, at: location)
            return resolvePaths(in: rhs, at: location) || left
        case .call(.any, let arguments):
            guard case .path(let path) = arguments[0], let list = resolve(path, at: location) else { return false }
            guard list.field.type == .list else {
                errors.append(TemplateError(.expression,
                    "any(\(path), …): '\(path)' is a \(list.field.type.rawValue) field, not a list of groups; use contains() for a multiple choice",
                    at: location))
                return false
            }
            itemScopes.append(Self.itemDeclaration(of: list.field))
            let inner = resolvePaths(in: arguments[1], at: location)
            itemScopes.removeLast()
            return list.sensitive || inner
        case .call(_, let arguments):
            var sensitive = false
            for argument in arguments where resolvePaths(in: argument, at: location) { sensitive = true }
            return sensitive
        }
    }

    /// The declaration a path reads and whether anything on the way is sensitive; nil (with an
    /// error) when the path names nothing declared.
    private mutating func resolve(_ path: PathExpression, at location: TemplateLocation) -> (field: FieldDeclaration, sensitive: Bool)? {
        var current: FieldDeclaration
        if let item = itemScopes.last {
            guard let field = item.child(path.head) else {
                errors.append(TemplateError(.undeclaredField,
                    "'\(path)' in the condition of any() is not a field of the list's items\(Suggestions.didYouMean(path.head, in: item.children.map(\.name))); the condition names the fields of each item, e.g. \(item.children.first?.name ?? "name")",
                    at: location))
                return nil
            }
            current = field
        } else if let variable = variables.last(where: { $0.name == path.head }) {
            current = variable.field
        } else if path.head == "loop", loopDepth > 0 {
            current = Self.loopDeclaration
        } else if let field = template.field(path.head) {
            current = field
        } else {
            let candidates = template.fields.map(\.name) + variables.map(\.name)
            errors.append(TemplateError(.undeclaredField,
                "'\(path)' uses '\(path.head)', which is not a declared field or loop variable\(Suggestions.didYouMean(path.head, in: candidates)); declare it in <fields>",
                at: location))
            return nil
        }
        var sensitive = current.sensitive
        var walked = PathExpression(head: path.head)
        for component in path.rest {
            switch component {
            case .key(let key):
                guard current.type == .group, let child = current.child(key)
                else {
                    let hint = current.type == .list
                        ? "; '\(walked)' is a list: use <for each=\"item\" in=\"\(walked)\"> or an index like \(walked)[0]"
                        : Suggestions.didYouMean(key, in: current.children.map(\.name))
                    errors.append(TemplateError(.undeclaredField,
                        "'\(path)' is not a declared field: '\(walked)' has no field '\(key)'\(hint)", at: location))
                    return nil
                }
                current = child
            case .index:
                guard current.type == .list || (current.type == .choice && current.multiple) else {
                    errors.append(TemplateError(.undeclaredField, "'\(path)': '\(walked)' is not a list, so it has no [index]", at: location))
                    return nil
                }
                current = Self.itemDeclaration(of: current)
            }
            walked.rest.append(component)
            sensitive = sensitive || current.sensitive
        }
        return (current, sensitive)
    }

    /// The declaration of one item of a list (or one option of a multi-choice field).
    static func itemDeclaration(of list: FieldDeclaration) -> FieldDeclaration {
        var item = list
        if list.type == .list { item.type = .group } else { item.multiple = false }
        return item
    }

    /// Resolves every path of an expression; true when all are declared. Returns whether any is sensitive.
    private mutating func bindExpression(_ expression: Expression, at location: TemplateLocation) -> Bool {
        resolvePaths(in: expression, at: location)
    }

    // MARK: Body

    private mutating func bind(_ nodes: [TemplateNode]) -> [TemplateNode] {
        nodes.map { bind($0) }
    }

    private mutating func bind(_ node: TemplateNode) -> TemplateNode {
        switch node {
        case .value(let value):
            return .value(bindValue(value, purpose: .inline))
        case .narrative(let value, let numbered, let id):
            return .narrative(bindValue(value, purpose: .narrative), numbered: numbered, id: id)
        case .agree(let with, _, _, let location):
            _ = bindExpression(with, at: location)
            if case .path(let path) = with, let resolved = resolve(path, at: location), resolved.field.type != .pronouns {
                errors.append(TemplateError(.invalidAttribute, "<agree with=\"\(path)\">: '\(path)' is a \(resolved.field.type.rawValue) field, not a pronouns field", at: location))
            }
            return node
        case .exhibitCitation(let of, let location):
            _ = bindExpression(of, at: location)
            return node
        case .reference(let target, nil, let location):
            for id in Citations.ids(in: target) where !numberedIDs.contains(id) {
                errors.append(TemplateError(.undeclaredField,
                    "<ref to=\"\(target)\"> names no numbered paragraph \"\(id)\"; give a <numbered> or <paragraphs> id=\"\(id)\"\(Suggestions.didYouMean(id, in: numberedIDs.sorted()))",
                    at: location))
            }
            if Citations.ids(in: target).isEmpty {
                errors.append(TemplateError(.invalidAttribute, "<ref to=\"\"> names no paragraph id", at: location))
            }
            return node
        case .reference:
            return node  // another document's paragraphs: the packet checks these (PacketLinter)
        case .if(let test, _, _, let location):
            _ = bindExpression(test, at: location)
            return node.mapChildren { bind($0) }
        case .choose(let whens, _):
            for when in whens { _ = bindExpression(when.test, at: when.location) }
            return node.mapChildren { bind($0) }
        case .for(let variable, let list, let join, let body, let location):
            var itemField: FieldDeclaration?
            if case .path(let path) = list, let resolved = resolve(path, at: location) {
                if resolved.field.type == .list || (resolved.field.type == .choice && resolved.field.multiple) {
                    var item = Self.itemDeclaration(of: resolved.field)
                    item.sensitive = resolved.sensitive
                    itemField = item
                } else {
                    errors.append(TemplateError(.invalidAttribute,
                        "<for in=\"\(path)\">: '\(path)' is a \(resolved.field.type.rawValue) field, not a list", at: location))
                }
            } else if case .path = list {
                // resolve() has reported it
            } else {
                errors.append(TemplateError(.invalidAttribute, "<for in=\"…\"> takes the path of a list field", at: location))
            }
            guard let itemField else { return node }
            variables.append((variable, itemField))
            loopDepth += 1
            let boundBody = bind(body)
            loopDepth -= 1
            variables.removeLast()
            return .for(variable: variable, list: list, join: join, body: boundBody, location: location)
        default:
            return node.mapChildren { bind($0) }
        }
    }

    private enum ValuePurpose { case inline, narrative }

    private mutating func bindValue(_ value: ValueNode, purpose: ValuePurpose) -> ValueNode {
        var bound = value
        guard case .path(let path) = value.expression else {
            bound.sensitive = bindExpression(value.expression, at: value.location)
            if let format = value.format, !ValueFormat.all.contains(format) {
                errors.append(TemplateError(.invalidAttribute, "format=\"\(format)\" is not a format (see docs/TEMPLATES.md)", at: value.location))
            }
            if purpose == .narrative {
                errors.append(TemplateError(.invalidAttribute, "<paragraphs of=\"…\"> takes the path of a paragraphs field", at: value.location))
            }
            return bound
        }
        guard let resolved = resolve(path, at: value.location) else { return bound }
        let field = resolved.field
        bound.field = field
        bound.sensitive = resolved.sensitive
        switch (purpose, field.type) {
        case (.narrative, .paragraphs), (.narrative, .text):
            break
        case (.narrative, _):
            errors.append(TemplateError(.invalidAttribute, "<paragraphs of=\"\(path)\">: '\(path)' is a \(field.type.rawValue) field, not a paragraphs field", at: value.location))
        case (.inline, .paragraphs):
            errors.append(TemplateError(.invalidAttribute, "'\(path)' holds several paragraphs; show it with <paragraphs of=\"\(path)\"/> between blocks, not <value> inside one", at: value.location))
        case (.inline, .group), (.inline, .list):
            let example = field.children.first.map { "\(path).\($0.name)" } ?? "\(path).…"
            errors.append(TemplateError(.invalidAttribute, "'\(path)' is a \(field.type.rawValue) of fields and cannot be shown as text; name one of its fields (e.g. \(example))" + (field.type == .list ? " inside a <for>" : ""), at: value.location))
        default:
            break
        }
        if let format = value.format {
            let allowed = ValueFormat.allowed(for: field.type, multiple: field.multiple)
            if !allowed.contains(format) {
                let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
                errors.append(TemplateError(.invalidAttribute,
                    "format=\"\(format)\" does not apply to '\(path)', a \(field.type.rawValue) field (its formats: \(list))", at: value.location))
            }
        }
        return bound
    }
}
