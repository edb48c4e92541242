import CaseData
import DocumentModel
import Engross
import Templating

extension CaseValue {
    /// The same tree with every position removed, to compare trees read from different texts.
    public var withoutPositions: CaseValue {
        switch kind {
        case .list(let items):
            return CaseValue(.list(items.map(\.withoutPositions)))
        case .object(let object):
            var copy = CaseObject()
            for entry in object.entries {
                _ = copy.append(key: entry.key, keyPosition: nil, value: entry.value.withoutPositions)
            }
            return CaseValue(.object(copy))
        default:
            return CaseValue(kind)
        }
    }
}

extension Fuzz {
    /// Validates case data that parsed against `templates`, renders it where it is valid, and
    /// checks the confidentiality promises on the way:
    /// - no diagnostic (message, help or label) repeats a sensitive value;
    /// - the redacted document, as text and HTML, holds no sensitive value.
    ///
    /// Only values of 12 characters or more are looked for, and only those that are not also
    /// written (whole or as part) in a non-sensitive value or a key of the same case file, or in the
    /// template's own words (names, labels, help, options, rule messages): such text may be shown
    /// legitimately, and a short value may match a message's own words. A diagnostic's path is
    /// left out: it holds field names and list indexes only.
    public static func checkCase(_ data: CaseValue, file: String, against templates: [PreparedTemplate]) {
        for template in templates {
            let problems = template.validate(data, file: file)
            let words = templateWords(template.template)
            let secrets = secretValues(in: data, fields: template.template.fields).filter { !words.contains($0) }
            for problem in problems {
                let text = [problem.message, problem.help ?? "", problem.label ?? ""].joined(separator: "\n")
                for secret in secrets {
                    require(!text.contains(secret),
                        "the \(problem.code.rawValue) diagnostic at \(problem.path) of \(template.template.id) repeats a sensitive value")
                }
            }
            guard !problems.contains(where: { $0.severity == .error }) else { continue }
            let document = template.render(data)
            let redacted = template.render(data, redact: true)
            _ = try? OutputFormat.md.write(document)
            for format in [OutputFormat.txt, .html] {
                guard let bytes = try? format.write(redacted) else { continue }
                let text = String(decoding: bytes, as: UTF8.self)
                for secret in secrets {
                    require(!text.contains(secret), "the redacted \(format) of \(template.template.id) holds a sensitive value")
                }
            }
        }
    }

    /// Every word a template itself can put in a message, joined: field names, labels, help,
    /// options, bounds, defaults and rule messages.
    static func templateWords(_ template: Template) -> String {
        var words: [String] = template.rules.map(\.message)
        func add(_ fields: [FieldDeclaration]) {
            for field in fields {
                words += [field.name, field.displayLabel, field.help ?? "", field.pattern ?? "", field.minimum ?? "",
                          field.maximum ?? "", field.defaultValue ?? "", field.requiredIfText ?? ""]
                words += field.options.flatMap { [$0.value, $0.label] } + field.rules.map(\.message)
                add(field.children)
            }
        }
        add(template.fields)
        return words.joined(separator: "\n")
    }

    /// The sensitive text values of `data` (12 characters or more) that no non-sensitive value or
    /// key contains.
    static func secretValues(in data: CaseValue, fields: [FieldDeclaration]) -> [String] {
        var sensitive: [String] = []
        var open: [String] = []
        collect(data, fields: fields, inherited: false, sensitive: &sensitive, open: &open)
        return sensitive.filter { secret in
            secret.count >= 12 && !secret.contains(where: { $0.isNewline })
                && !open.contains { $0.contains(secret) }
        }
    }

    private static func collect(_ value: CaseValue, fields: [FieldDeclaration]?, inherited: Bool,
                                sensitive: inout [String], open: inout [String]) {
        switch value.kind {
        case .string(let text):
            if inherited { sensitive.append(text) } else { open.append(text) }
        case .number(_, let literal):
            open.append(literal)
        case .list(let items):
            for item in items { collect(item, fields: fields, inherited: inherited, sensitive: &sensitive, open: &open) }
        case .object(let object):
            for entry in object.entries {
                open.append(entry.key)
                let field = fields?.first { $0.name == entry.key }
                collect(entry.value, fields: field?.children, inherited: inherited || field?.sensitive == true,
                        sensitive: &sensitive, open: &open)
            }
        case .null, .bool:
            break
        }
    }
}
