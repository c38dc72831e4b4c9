import Diagnostics
import YAMLLoader

/// Parses the declarations of a playbook: `params`, `env` and `targets`.
struct DeclarationParser {
    let context: ParseContext

    func params(_ node: YAMLNode?) -> [Param] {
        checkedEntries(node, "params").compactMap { entry in
            guard let fields = context.fields(
                of: entry.value, in: "param '\(entry.name.value)'",
                allowed: ["type", "description", "pattern", "min", "max", "choices", "default", "secret"],
                required: ["type"])
            else { return nil }
            guard let type = context.choice(fields["type"], "param type", as: ParamType.self) else { return nil }
            return Param(
                name: entry.name,
                type: type,
                description: context.string(fields["description"], "the description"),
                pattern: context.string(fields["pattern"], "the pattern"),
                min: context.int(fields["min"], "min"),
                max: context.int(fields["max"], "max"),
                choices: context.stringList(fields["choices"], "choices"),
                defaultValue: fields["default"].flatMap { node in
                    context.scalarValue(node).map { Located($0, at: node.range) } ?? {
                        context.error(LanguageRules.wrongKind, "expected a default value, found \(node.kindDescription)",
                                      at: node.range)
                        return nil
                    }()
                },
                secret: context.bool(fields["secret"], "secret")?.value ?? false,
                range: entry.value.range)
        }
    }

    func env(_ node: YAMLNode?) -> [EnvVar] {
        checkedEntries(node, "env").compactMap { entry in
            if entry.value.scalar?.isNull == true {
                return EnvVar(name: entry.name, secret: false, required: true, defaultValue: nil,
                              description: nil, range: entry.value.range)
            }
            guard let fields = context.fields(
                of: entry.value, in: "env '\(entry.name.value)'",
                allowed: ["secret", "required", "default", "description"])
            else { return nil }
            let defaultValue = context.string(fields["default"], "the default")
            return EnvVar(
                name: entry.name,
                secret: context.bool(fields["secret"], "secret")?.value ?? false,
                required: context.bool(fields["required"], "required")?.value ?? (defaultValue == nil),
                defaultValue: defaultValue,
                description: context.string(fields["description"], "the description"),
                range: entry.value.range)
        }
    }

    func targets(_ node: YAMLNode?) -> [Target] {
        checkedEntries(node, "targets").compactMap { entry in
            guard let fields = context.fields(
                of: entry.value, in: "target '\(entry.name.value)'",
                allowed: ["backend", "url", "headers", "timeout", "description"],
                required: ["backend"])
            else { return nil }
            guard let backend = context.string(fields["backend"], "the backend") else { return nil }
            return Target(
                name: entry.name,
                backend: backend,
                url: context.template(fields["url"], "the url"),
                headers: context.templates(fields["headers"], "headers"),
                timeout: context.duration(fields["timeout"], "the timeout"),
                description: context.string(fields["description"], "the description"),
                range: entry.value.range)
        }
    }

    /// Entries whose names are valid identifiers.
    private func checkedEntries(_ node: YAMLNode?, _ what: String) -> [(name: Located<String>, value: YAMLNode)] {
        context.entries(node, what).filter { entry in
            guard Identifier.isName(entry.name.value) else {
                context.error(LanguageRules.invalidID,
                              "'\(entry.name.value)' is not a valid name in \(what): use letters, digits and '_'",
                              at: entry.name.range)
                return false
            }
            return true
        }
    }
}
