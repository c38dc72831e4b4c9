import Foundation
import Language

/// Everything `exec` knows when it asks whether a run may start.
public struct AuthorizationRequest: Sendable {
    public var policy: Policy
    public var playbook: Playbook
    public var playbookSHA256: String
    /// The bound parameter values in canonical text, secrets included (they only enter a digest).
    public var paramValues: [String: String]
    /// Each step's settled effect, rollback steps included.
    public var effects: [String: Effect]
    public var executor: String
    /// The executor's private key, as loaded from `--key` or the default location.
    public var executorKey: SigningKey
    public var tokens: [String]
    /// Approvals a resumed run was granted when it started (already verified and used).
    public var recordedApprovals: [VerifiedApproval] = []
    public var now: Date

    public init(policy: Policy, playbook: Playbook, playbookSHA256: String, paramValues: [String: String],
                effects: [String: Effect], executor: String, executorKey: SigningKey, tokens: [String],
                now: Date = Date()) {
        self.policy = policy
        self.playbook = playbook
        self.playbookSHA256 = playbookSHA256
        self.paramValues = paramValues
        self.effects = effects
        self.executor = executor
        self.executorKey = executorKey
        self.tokens = tokens
        self.now = now
    }
}
