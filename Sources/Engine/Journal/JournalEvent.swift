import Authorization
import BackendKit

/// One line of a run's journal. Every value is redacted before it is built.
public struct JournalEvent: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case runStarted = "run_started"
        case runResumed = "run_resumed"
        case preconditionFinished = "precondition"
        case stepStarted = "step_started"
        case stepFinished = "step_finished"
        case confirmation
        case rollbackStarted = "rollback_started"
        case verifyFinished = "verify"
        case runFinished = "run_finished"
    }

    public var seq: Int
    public var time: String
    public var type: Kind
    public var run: String
    public var step: String?
    public var title: String?
    public var effect: String?
    public var attempt: Int?
    public var status: String?
    public var durationMs: Int?
    public var message: String?
    public var outputs: [String: Value]?
    // run_started
    public var playbook: String?
    public var playbookID: String?
    public var playbookSHA256: String?
    public var level: Int?
    public var params: [String: String]?
    public var executor: String?
    public var parent: String?
    /// The policy file the run was authorized against (absolute).
    public var policy: String?
    /// The executor's public key (`ed25519:…`) on signed lines.
    public var executorKey: String?
    /// The approvals the run was granted with (never the tokens).
    public var approvals: [VerifiedApproval]?
    /// SHA-256 of the previous line (the hash chain).
    public var prev: String?
    /// The executor's Ed25519 signature over the rest of the line (start, resume, end).
    public var signature: String?

    public init(seq: Int = 0, time: String = "", type: Kind, run: String) {
        self.seq = seq
        self.time = time
        self.type = type
        self.run = run
    }

    enum CodingKeys: String, CodingKey {
        case seq, time, type, run, step, title, effect, attempt, status, message, outputs, playbook, level, params,
             executor, parent, policy, approvals, prev, signature
        case executorKey = "executor_key"
        case durationMs = "duration_ms"
        case playbookID = "playbook_id"
        case playbookSHA256 = "playbook_sha256"
    }
}
