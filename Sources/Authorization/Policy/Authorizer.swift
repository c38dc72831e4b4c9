import Checker
import Foundation
import Language

/// Decides whether a run may start: the executor proves their key and holds the executor
/// role; every required approval is a valid token from a different person, none of them the
/// executor. Pure: the nonce ledger is consulted afterwards, by the caller.
public struct Authorizer: Sendable {
    public let request: AuthorizationRequest

    public init(_ request: AuthorizationRequest) { self.request = request }

    /// How the request ends: a grant, or every check that failed.
    public enum Decision: Sendable {
        case granted(Grant)
        case refused([Refusal])
    }

    public func evaluate() -> Decision {
        var refusals: [Refusal] = []
        let policy = request.policy
        let graph = RoleGraph(policy)
        let executor = request.executor
        let level = request.playbook.level.value

        switch Self.prove(executor, holds: request.executorKey, in: policy) {
        case .success(let person): refusals += executorRoleRefusals(person, graph)
        case .failure(let refusal): refusals.append(refusal)
        }

        var valid: [VerifiedApproval] = []
        for (index, text) in request.tokens.enumerated() {
            switch TokenCheck(request: request, graph: graph).verify(text, number: index + 1) {
            case .success(let claims): valid.append(VerifiedApproval(claims))
            case .failure(let refusal): refusals.append(refusal)
            }
        }
        for recorded in request.recordedApprovals {
            if recorded.approver == executor {
                refusals.append(Refusal(.selfApproval, "\(executor) approved this run as \(recorded.role), so they cannot resume it (two-person rule)"))
            } else {
                valid.append(recorded)
            }
        }
        let (chosen, coverageRefusals) = cover(requiredApprovals(), with: valid, graph)
        refusals += coverageRefusals

        guard refusals.isEmpty else { return .refused(refusals) }
        return .granted(Grant(executor: executor, executorKey: request.executorKey.publicKey,
                              approvals: chosen, policy: policy, level: level))
    }

    func requiredApprovals() -> [PolicyRequirements.Approval] {
        Self.requiredApprovals(policy: request.policy, playbook: request.playbook, effects: request.effects)
    }

    /// The level's and the effect rules' approvals, plus any the playbook asks for itself.
    public static func requiredApprovals(policy: Policy, playbook: Playbook,
                                         effects: [String: Effect]) -> [PolicyRequirements.Approval] {
        var required = PolicyRequirements(policy: policy, level: playbook.level.value, effects: effects,
                                          order: playbook.allSteps.map(\.id.value)).approvals
        for role in playbook.authorization?.approvals ?? [] where !required.contains(where: { $0.role == role.value }) {
            required.append(.init(role: role.value, reason: "the playbook asks for it"))
        }
        return required
    }

    /// `name` is in the policy's people and `key` is the private half of their listed key:
    /// what every command that acts as someone (`exec`, `resume`, `approve`) must show.
    public static func prove(_ name: String, holds key: SigningKey, in policy: Policy) -> Result<Person, Refusal> {
        guard let person = policy.person(named: name) else {
            return .failure(Refusal(.unknownPerson,
                                    "'\(name)' is not in the policy's people (\(policy.path)); add them with the line `runbook keygen \(name)` prints"))
        }
        guard let text = person.key?.value else {
            return .failure(Refusal(.noKey, "'\(name)' has no key in the policy; run `runbook keygen \(name)` and add its `key:` to \(policy.path)"))
        }
        guard let listed = PublicSigningKey(text: text) else {
            return .failure(Refusal(.noKey, "'\(name)'s key in the policy is not an `ed25519:BASE64` key"))
        }
        guard listed == key.publicKey else {
            return .failure(Refusal(.wrongKey, "the private key given is not '\(name)'s: the policy lists \(listed), the key's public half is \(key.publicKey)"))
        }
        return .success(person)
    }

    private func executorRoleRefusals(_ person: Person, _ graph: RoleGraph) -> [Refusal] {
        let playbook = request.playbook
        var needed: [String] = []
        if let role = request.policy.level(playbook.level.value)?.executor?.value { needed.append(role) }
        if let role = playbook.authorization?.executor?.value, !needed.contains(role) { needed.append(role) }
        let roles = person.roles.map(\.value)
        return needed.filter { role in !roles.contains { graph.role($0, holds: role) } }.map { role in
            let holders = RoleGraph.holders(of: role, in: request.policy)
            return Refusal(.executorRole,
                           "'\(person.name.value)' (roles: \(roles.joined(separator: ", "))) may not run this level-\(playbook.level.value) playbook: it needs role '\(role)', held by \(holders.isEmpty ? "no one in the policy" : holders.joined(separator: ", "))")
        }
    }

    /// Assigns each required role a different approver (a small bipartite matching); the
    /// refusals say which role has no approval or which person was counted twice.
    private func cover(_ required: [PolicyRequirements.Approval], with approvals: [VerifiedApproval],
                       _ graph: RoleGraph) -> ([VerifiedApproval], [Refusal]) {
        let candidates = required.map { need in approvals.filter { graph.role($0.role, holds: need.role) } }
        var used: Set<String> = []
        var chosen: [VerifiedApproval] = []
        if Self.match(candidates, from: 0, used: &used, chosen: &chosen) { return (chosen, []) }
        var refusals: [Refusal] = []
        for (need, options) in zip(required, candidates) where options.isEmpty {
            let holders = RoleGraph.holders(of: need.role, in: request.policy).filter { $0 != request.executor }
            refusals.append(Refusal(.missingApproval,
                                    "approval by '\(need.role)' is required (\(need.reason)); ask \(holders.isEmpty ? "someone holding it" : holders.joined(separator: " or ")) to run `runbook approve` and pass the token with --approval"))
        }
        if refusals.isEmpty {
            let people = Set(candidates.flatMap { $0.map(\.approver) }).sorted()
            refusals.append(Refusal(.samePerson,
                                    "approvals by \(required.map { "'\($0.role)'" }.joined(separator: " and ")) must come from different people; only \(people.joined(separator: ", ")) approved"))
        }
        return ([], refusals)
    }

    private static func match(_ candidates: [[VerifiedApproval]], from index: Int, used: inout Set<String>,
                              chosen: inout [VerifiedApproval]) -> Bool {
        guard index < candidates.count else { return true }
        for claims in candidates[index] where !used.contains(claims.approver) {
            used.insert(claims.approver)
            chosen.append(claims)
            if match(candidates, from: index + 1, used: &used, chosen: &chosen) { return true }
            used.remove(claims.approver)
            chosen.removeLast()
        }
        return false
    }
}
