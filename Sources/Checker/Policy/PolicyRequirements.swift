import Language

/// What the policy asks of a playbook, given its level and its steps' effects: shared by
/// `lint` (the playbook must list it) and `exec` (the run must prove it).
public struct PolicyRequirements: Sendable {
    /// An approval role the run needs, and the reason a person reads in a refusal.
    public struct Approval: Sendable, Equatable {
        public var role: String
        public var reason: String

        public init(role: String, reason: String) {
            self.role = role
            self.reason = reason
        }
    }

    /// The role that must run the playbook's level, when the level names one.
    public var executorRole: String?
    /// Each required approval role once, the level's first, then each effect rule's.
    public var approvals: [Approval]

    /// `effects` maps step ids (rollback steps included) to their settled effect; `order`
    /// lists the ids in playbook order so the reason names the first step that needs a rule.
    public init(policy: Policy, level: Int, effects: [String: Effect], order: [String]) {
        let levelRule = policy.level(level)
        executorRole = levelRule?.executor?.value
        var approvals: [Approval] = (levelRule?.approvals ?? []).map {
            Approval(role: $0.value, reason: "level \(level) requires it")
        }
        for rule in policy.effects {
            guard let step = order.first(where: { (effects[$0] ?? .read) >= rule.effect.value }) else { continue }
            let effect = effects[step] ?? .read
            approvals += rule.approvals.map { Approval(role: $0.value, reason: "step '\(step)' is \(effect.rawValue)") }
        }
        var seen: Set<String> = []
        self.approvals = approvals.filter { seen.insert($0.role).inserted }
    }
}
