import Diagnostics
import YAMLLoader

/// Turns a playbook's YAML tree into a `Playbook`, collecting every structural error.
struct PlaybookParser {
    let context: ParseContext

    static let fields = [
        "runbook", "id", "title", "level", "severity", "summary", "impact", "description", "triggers",
        "timeout", "authorization", "params", "env", "targets", "preconditions", "steps", "verify",
    ]

    func parse(_ root: YAMLNode) -> Playbook? {
        guard let fields = context.fields(
            of: root, in: "a playbook", allowed: Self.fields,
            required: ["runbook", "id", "title", "level", "steps"])
        else { return nil }

        let version = readVersion(fields["runbook"], context: context)
        let id = context.string(fields["id"], "the playbook id")
        if let id, !Identifier.isPlaybookID(id.value) {
            context.error(LanguageRules.invalidID,
                          "playbook id '\(id.value)' must be lowercase letters, digits, '-' and '_', starting with a letter",
                          at: id.range)
        }
        let steps = StepParser(context: context).parseSteps(fields["steps"], what: "steps")
        if let node = fields["steps"], node.sequence?.isEmpty ?? (node.scalar?.isNull == true) {
            context.error(LanguageRules.missingField, "a playbook needs at least one step", at: node.range)
        }
        checkUniqueStepIDs(steps)

        let missing = Located("", at: context.keyRange(of: root))
        let playbook = Playbook(
            path: context.source.path,
            range: root.range,
            version: version ?? Located(0, at: missing.range),
            id: id ?? missing,
            title: context.string(fields["title"], "the title") ?? missing,
            level: context.int(fields["level"], "the level") ?? Located(0, at: missing.range),
            severity: context.stringList(fields["severity"], "severity"),
            summary: context.string(fields["summary"], "the summary"),
            impact: context.string(fields["impact"], "the impact"),
            description: context.string(fields["description"], "the description"),
            triggers: context.stringList(fields["triggers"], "triggers"),
            timeout: context.duration(fields["timeout"], "the playbook timeout"),
            authorization: fields["authorization"].flatMap(parseAuthorization),
            params: DeclarationParser(context: context).params(fields["params"]),
            env: DeclarationParser(context: context).env(fields["env"]),
            targets: DeclarationParser(context: context).targets(fields["targets"]),
            preconditions: ProbeParser(context: context).parseProbes(fields["preconditions"], what: "preconditions"),
            steps: steps,
            verify: ProbeParser(context: context).parseProbes(fields["verify"], what: "verify"))
        return playbook
    }

    private func parseAuthorization(_ node: YAMLNode) -> Authorization? {
        guard let fields = context.fields(of: node, in: "authorization", allowed: ["executor", "approvals"],
                                          required: ["executor"])
        else { return nil }
        return Authorization(
            executor: context.string(fields["executor"], "the executor role"),
            approvals: context.stringList(fields["approvals"], "approvals"),
            range: node.range)
    }

    /// Step ids are unique across the playbook, rollback steps included.
    private func checkUniqueStepIDs(_ steps: [Step]) {
        var seen: [String: SourceRange] = [:]
        seen.reserveCapacity(steps.count)
        func visit(_ steps: [Step]) {
            for step in steps {
                let id = step.id.value
                if !id.isEmpty {
                    if let first = seen[id] {
                        context.error(LanguageRules.duplicateStepID, "duplicate step id '\(id)'", at: step.id.range,
                                      notes: [DiagnosticNote("'\(id)' is first used here", at: first)])
                    } else {
                        seen[id] = step.id.range
                    }
                }
                visit(step.rollback)
            }
        }
        visit(steps)
    }
}

/// `runbook: 1`, shared by playbooks and the policy.
func readVersion(_ node: YAMLNode?, context: ParseContext) -> Located<Int>? {
    guard let node, let version = context.int(node, "the language version") else { return nil }
    if !LanguageVersion.supported.contains(version.value) {
        context.error(LanguageRules.unsupportedVersion,
                      "this runbook understands language version \(LanguageVersion.current), not \(version.value)",
                      at: version.range)
    }
    return version
}

/// Spelling rules for names. All of them are ASCII, so they are checked on UTF-8 bytes: a
/// byte of a non-ASCII character never matches.
enum Identifier {
    /// Step ids: `[a-z][a-z0-9_]*`, so they can be used in `steps.ID.output`.
    static func isStepID(_ text: String) -> Bool {
        matches(text, first: isLower, rest: { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
    }

    static func isPlaybookID(_ text: String) -> Bool {
        matches(text, first: isLower,
                rest: { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
    }

    /// Param, env and target names: letters, digits, `_`, starting with a letter or `_`.
    static func isName(_ text: String) -> Bool {
        matches(text, first: { isLetter($0) || $0 == UInt8(ascii: "_") },
                rest: { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
    }

    private static func matches(_ text: String, first: (UInt8) -> Bool, rest: (UInt8) -> Bool) -> Bool {
        guard let head = text.utf8.first, first(head) else { return false }
        return text.utf8.dropFirst().allSatisfy(rest)
    }

    private static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool {
        isLower(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
