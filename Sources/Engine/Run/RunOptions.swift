import Authorization
import BackendKit
import Checker
import Language

/// Everything a run needs besides the playbook: who runs it, with what, reporting where.
public struct RunSetup: Sendable {
    public var playbook: Playbook
    /// The playbook file's SHA-256, recorded so `resume` can refuse an edited file.
    public var playbookSHA256: String
    public var bound: ParamBinder.Bound
    public var registry: BackendRegistry
    public var observer: any RunObserver
    public var operatorIO: any Operator
    public var callees: CalleeResolver
    public var executor: String
    /// The environment child playbooks read their `env:` from.
    public var environment: [String: String]
    /// Each step's effect as the checker settled it (declared or inferred, the stronger).
    public var effects: [String: Effect] = [:]
    /// The executor's proven authority, asked before every step; nil only in engine tests
    /// that run without a policy.
    public var grant: Grant?
    /// The policy file the grant was decided against, for the journal.
    public var policyPath: String?

    public init(playbook: Playbook, playbookSHA256: String, bound: ParamBinder.Bound, registry: BackendRegistry,
                observer: any RunObserver, operatorIO: any Operator, callees: CalleeResolver, executor: String,
                environment: [String: String]) {
        self.playbook = playbook
        self.playbookSHA256 = playbookSHA256
        self.bound = bound
        self.registry = registry
        self.observer = observer
        self.operatorIO = operatorIO
        self.callees = callees
        self.executor = executor
        self.environment = environment
    }
}

/// Where a resumed run picks up: the outputs of the steps that finished, and which steps
/// may run again although they started before.
public struct ResumePoint: Sendable {
    public var finished: [String: [String: Value]]
    public var skipped: Set<String>
    /// Steps that started but did not finish: run again only when idempotent or confirmed.
    public var unfinished: Set<String>
    public var confirmedRerun: Set<String>
    public var startedAt: String

    public init(finished: [String: [String: Value]], skipped: Set<String>, unfinished: Set<String>,
                confirmedRerun: Set<String>, startedAt: String) {
        self.finished = finished
        self.skipped = skipped
        self.unfinished = unfinished
        self.confirmedRerun = confirmedRerun
        self.startedAt = startedAt
    }
}
