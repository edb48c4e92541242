import CaseData

extension CaseValidator {
    /// The paths (`client.aNumber`, `services[1].since`) of the fields whose `required-if`
    /// condition holds in `root`, decided exactly as validation decides it (defaults applied, the
    /// same scopes). A form uses it to mark those fields required as the user types, without a
    /// second copy of any condition.
    public func conditionallyRequired(_ root: CaseValue) -> Set<String> {
        let withDefaults = CaseDefaults.apply(template.fields, to: root)
        guard let object = withDefaults.objectValue else { return [] }
        var paths: Set<String> = []
        collectRequired(object, fields: template.fields, path: FieldPath(), scope: Scope(root: object), into: &paths)
        return paths
    }

    func collectRequired(_ object: CaseObject, fields: [FieldDeclaration], path: FieldPath, scope: Scope, into paths: inout Set<String>) {
        for field in fields {
            let fieldPath = path.appending(field.name)
            if let condition = field.requiredIf, evaluator.evaluate(condition, in: scope).isTruthy {
                paths.insert(fieldPath.description)
            }
            switch field.type {
            case .group:
                let child = object[field.name]?.objectValue ?? CaseObject()
                collectRequired(child, fields: field.children, path: fieldPath,
                    scope: scope.withSiblings(child, declared: field.children.map(\.name)), into: &paths)
            case .list:
                for (index, item) in (object[field.name]?.listValue ?? []).enumerated() {
                    guard let child = item.objectValue else { continue }
                    collectRequired(child, fields: field.children, path: fieldPath.appending(index: index),
                        scope: scope.withSiblings(child, declared: field.children.map(\.name)), into: &paths)
                }
            default:
                break
            }
        }
    }
}
