import Checker
import Language

/// A run's proven authority: who runs it, holding which roles, with whose approvals. The
/// engine asks it before every step, so a step the policy forbids never runs, whatever lint said.
public struct Grant: Sendable {
    public let executor: String
    public let executorKey: PublicSigningKey
    public let approvals: [VerifiedApproval]
    let policy: Policy
    let level: Int

    init(executor: String, executorKey: PublicSigningKey, approvals: [VerifiedApproval], policy: Policy, level: Int) {
        self.executor = executor
        self.executorKey = executorKey
        self.approvals = approvals
        self.policy = policy
        self.level = level
    }

    /// Why step `id` with `effect` may not run under this grant, or nil when it may.
    public func refusal(step id: String, effect: Effect) -> Refusal? {
        for rule in policy.effects where effect >= rule.effect.value {
            let graph = RoleGraph(policy)
            if let minLevel = rule.minLevel?.value, level < minLevel {
                return Refusal(.effectLevel,
                               "step '\(id)' is \(effect.rawValue): the policy allows \(rule.effect.value.rawValue) steps from level \(minLevel), and this playbook is level \(level)")
            }
            for role in rule.approvals.map(\.value)
            where !approvals.contains(where: { graph.role($0.role, holds: role) }) {
                return Refusal(.missingApproval,
                               "step '\(id)' is \(effect.rawValue): the policy requires approval by '\(role)', and this run has none")
            }
        }
        return nil
    }
}
