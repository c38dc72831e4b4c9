import Diagnostics
import Language

/// Checks the policy file on its own: every role named exists, and no role includes itself.
public enum PolicyChecker {
    static let cycle: RuleID = "role-cycle"
    static let unknownRole: RuleID = "unknown-role"
    static let unknownLevel: RuleID = "unknown-level"

    static let descriptors = [
        RuleDescriptor(cycle, .error, "roles that include each other in a cycle"),
        RuleDescriptor(unknownRole, .error, "a role that the policy does not define"),
        RuleDescriptor(unknownLevel, .error, "a recovery level that the policy does not define"),
    ]

    public static func check(_ policy: Policy) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let graph = RoleGraph(policy)
        let names = policy.roles.map(\.name.value)
        let listed = RoleList.note(names)
        func requireRole(_ role: Located<String>, _ where_: String) {
            guard !graph.exists(role.value) else { return }
            var notes = [DiagnosticNote(listed)]
            if let guess = Suggestion.closest(to: role.value, in: names) {
                notes.insert(DiagnosticNote("did you mean '\(guess)'?"), at: 0)
            }
            out.append(Diagnostic(.error, unknownRole, "unknown role '\(role.value)' in \(where_)", at: role.range,
                                  notes: notes))
        }
        for role in policy.roles { role.includes.forEach { requireRole($0, "the includes of '\(role.name.value)'") } }
        for level in policy.levels {
            level.executor.map { requireRole($0, "level \(level.number.value)") }
            level.approvals.forEach { requireRole($0, "the approvals of level \(level.number.value)") }
        }
        for rule in policy.effects {
            rule.approvals.forEach { requireRole($0, "the approvals of \(rule.effect.value.rawValue) steps") }
            if let minLevel = rule.minLevel, policy.level(minLevel.value) == nil {
                out.append(Diagnostic(.error, unknownLevel, "min_level \(minLevel.value) is not a level of this policy",
                                      at: minLevel.range))
            }
        }
        for person in policy.people { person.roles.forEach { requireRole($0, "the roles of '\(person.name.value)'") } }
        for cycle in graph.cycles() {
            guard let first = cycle.first, let role = policy.role(named: first) else { continue }
            out.append(Diagnostic(.error, Self.cycle, "roles include each other in a cycle: \(cycle.joined(separator: " → "))",
                                  at: role.name.range,
                                  notes: [DiagnosticNote("includes must form a hierarchy; remove one of these includes")]))
        }
        return out
    }
}
