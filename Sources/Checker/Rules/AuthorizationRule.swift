import Diagnostics
import Language

/// §5 role and level policy: the level exists, the executor may run it, the approvals cover
/// the level's and every effect rule's, and effects stay within their minimum level.
struct AuthorizationRule: PlaybookRule {
    static let missingPolicy: RuleID = "policy-missing"
    static let executorRole: RuleID = "executor-role"
    static let missingApproval: RuleID = "missing-approval"
    static let effectLevel: RuleID = "effect-level"

    static let descriptors = [
        RuleDescriptor(missingPolicy, .error, "no runbook.policy.yaml found for a playbook"),
        RuleDescriptor(executorRole, .error, "the playbook's executor role does not hold the level's executor role"),
        RuleDescriptor(missingApproval, .error, "approvals that the level or an effect rule requires are not listed"),
        RuleDescriptor(effectLevel, .error, "a step whose effect the policy allows only at a higher level"),
    ]

    func check(_ context: CheckContext) {
        let playbook = context.playbook
        guard let policy = context.policy else {
            context.error(Self.missingPolicy, "no \(Frontend.policyFileName) found for this playbook",
                          at: playbook.id.range,
                          notes: [DiagnosticNote("put one in this folder or a parent, or pass --policy FILE")])
            return
        }
        let graph = RoleGraph(policy)
        guard let level = policy.level(playbook.level.value) else {
            context.error(PolicyChecker.unknownLevel, "level \(playbook.level.value) is not defined in the policy",
                          at: playbook.level.range,
                          notes: [DiagnosticNote("levels: \(policy.levels.map { String($0.number.value) }.joined(separator: ", "))",
                                                 at: nil)])
            return
        }
        checkExecutor(playbook, level, policy, graph, context)
        checkApprovals(playbook, level, policy, graph, context)
        checkEffectLevels(playbook, policy, context)
    }

    private func checkExecutor(_ playbook: Playbook, _ level: Level, _ policy: Policy, _ graph: RoleGraph,
                               _ context: CheckContext) {
        guard let needed = level.executor?.value else { return }
        guard let executor = playbook.authorization?.executor else {
            context.error(Self.executorRole, "the playbook does not say who may run it",
                          at: playbook.level.range,
                          notes: [DiagnosticNote("add `authorization: { executor: \(needed) }`: level \(level.number.value) is run by \(needed)")])
            return
        }
        guard graph.exists(executor.value) else {
            unknownRole(executor, policy, context)
            return
        }
        if !graph.role(executor.value, holds: needed) {
            context.error(Self.executorRole,
                          "role '\(executor.value)' may not run a level-\(level.number.value) playbook: that needs '\(needed)'",
                          at: executor.range,
                          notes: [DiagnosticNote("level \(level.number.value) is defined here", at: level.executor?.range)])
        }
    }

    private func checkApprovals(_ playbook: Playbook, _ level: Level, _ policy: Policy, _ graph: RoleGraph,
                                _ context: CheckContext) {
        let listed = playbook.authorization?.approvals ?? []
        for role in listed where !graph.exists(role.value) { unknownRole(role, policy, context) }
        let effects = Dictionary(context.allSteps.map { ($0.id.value, context.effect(of: $0)) }) { first, _ in first }
        let required = PolicyRequirements(policy: policy, level: level.number.value, effects: effects,
                                          order: context.allSteps.map(\.id.value)).approvals
        for need in required {
            let covered = listed.contains { graph.role($0.value, holds: need.role) }
            guard !covered else { continue }
            let at = playbook.authorization?.range ?? playbook.level.range
            context.error(Self.missingApproval, "approval by '\(need.role)' is required: \(need.reason)", at: at,
                          notes: [DiagnosticNote("add '\(need.role)' to authorization.approvals")])
        }
    }

    private func checkEffectLevels(_ playbook: Playbook, _ policy: Policy, _ context: CheckContext) {
        for step in context.allSteps {
            let effect = context.effect(of: step)
            for rule in policy.effects where effect >= rule.effect.value {
                guard let minLevel = rule.minLevel?.value, playbook.level.value < minLevel else { continue }
                let evidence = context.stepEvidence[step.id.value]
                var notes: [DiagnosticNote] = []
                if let evidence, evidence.effect >= rule.effect.value {
                    notes.append(DiagnosticNote(evidence.reason, at: evidence.evidence))
                }
                let approvals = rule.approvals.map(\.value)
                notes.append(DiagnosticNote(
                    "to make it valid: make the step non-\(rule.effect.value.rawValue), or move it to a playbook of level \(minLevel) or above"
                        + (approvals.isEmpty ? "" : " with approval by \(approvals.joined(separator: ", "))")))
                context.error(Self.effectLevel,
                              "level-\(playbook.level.value) playbook runs \(effect.rawValue) step '\(step.id.value)': the policy allows \(rule.effect.value.rawValue) steps from level \(minLevel)",
                              at: step.actionRange, notes: notes)
            }
        }
    }

    private func unknownRole(_ role: Located<String>, _ policy: Policy, _ context: CheckContext) {
        let names = policy.roles.map(\.name.value)
        var notes = [DiagnosticNote(RoleList.note(names))]
        if let guess = Suggestion.closest(to: role.value, in: names) {
            notes.insert(DiagnosticNote("did you mean '\(guess)'?"), at: 0)
        }
        context.error(PolicyChecker.unknownRole, "unknown role '\(role.value)'", at: role.range, notes: notes)
    }
}
