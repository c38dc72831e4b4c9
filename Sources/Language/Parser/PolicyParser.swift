import Diagnostics
import YAMLLoader

/// Turns `runbook.policy.yaml` into a `Policy`.
struct PolicyParser {
    let context: ParseContext

    func parse(_ root: YAMLNode) -> Policy? {
        guard let fields = context.fields(of: root, in: "the policy",
                                          allowed: ["runbook", "roles", "levels", "effects", "people"],
                                          required: ["runbook", "roles", "levels"])
        else { return nil }
        let version = readVersion(fields["runbook"], context: context)
        return Policy(
            path: context.source.path,
            range: root.range,
            version: version ?? Located(0, at: root.range),
            roles: roles(fields["roles"]),
            levels: levels(fields["levels"]),
            effects: effects(fields["effects"]),
            people: people(fields["people"]))
    }

    private func roles(_ node: YAMLNode?) -> [Role] {
        context.entries(node, "roles").compactMap { entry in
            if entry.value.scalar?.isNull == true {
                return Role(name: entry.name, includes: [], description: nil, range: entry.value.range)
            }
            guard let fields = context.fields(of: entry.value, in: "role '\(entry.name.value)'",
                                              allowed: ["includes", "description"])
            else { return nil }
            return Role(name: entry.name, includes: context.stringList(fields["includes"], "includes"),
                        description: context.string(fields["description"], "the description"),
                        range: entry.value.range)
        }
    }

    private func levels(_ node: YAMLNode?) -> [Level] {
        context.entries(node, "levels").compactMap { entry in
            guard let number = Int(entry.name.value) else {
                context.error(LanguageRules.invalidValue, "a level is a whole number, found '\(entry.name.value)'",
                              at: entry.name.range)
                return nil
            }
            guard let fields = context.fields(of: entry.value, in: "level \(number)",
                                              allowed: ["title", "executor", "approvals"], required: ["executor"])
            else { return nil }
            return Level(number: Located(number, at: entry.name.range),
                         title: context.string(fields["title"], "the title"),
                         executor: context.string(fields["executor"], "the executor role"),
                         approvals: context.stringList(fields["approvals"], "approvals"),
                         range: entry.value.range)
        }
    }

    private func effects(_ node: YAMLNode?) -> [EffectRule] {
        context.entries(node, "effects").compactMap { entry in
            guard let effect = Effect(rawValue: entry.name.value) else {
                context.error(LanguageRules.invalidValue, "unknown effect '\(entry.name.value)'",
                              at: entry.name.range,
                              notes: [DiagnosticNote("expected one of: read, write, destructive")])
                return nil
            }
            guard let fields = context.fields(of: entry.value, in: "effect rule '\(effect.rawValue)'",
                                              allowed: ["min_level", "approvals"])
            else { return nil }
            return EffectRule(effect: Located(effect, at: entry.name.range),
                              minLevel: context.int(fields["min_level"], "min_level"),
                              approvals: context.stringList(fields["approvals"], "approvals"),
                              range: entry.value.range)
        }
    }

    private func people(_ node: YAMLNode?) -> [Person] {
        context.entries(node, "people").compactMap { entry in
            guard let fields = context.fields(of: entry.value, in: "person '\(entry.name.value)'",
                                              allowed: ["roles", "key"], required: ["roles"])
            else { return nil }
            let key = context.string(fields["key"], "the public key")
            if let key, !key.value.hasPrefix("ed25519:") {
                context.error(LanguageRules.invalidValue, "a public key is written 'ed25519:BASE64'", at: key.range,
                              notes: [DiagnosticNote("`runbook keygen NAME` prints the line to paste here")])
            }
            return Person(name: entry.name, roles: context.stringList(fields["roles"], "roles"), key: key,
                          range: entry.value.range)
        }
    }
}
