import Diagnostics
import Language
import YAMLLoader

/// Everything a rule may read about the playbook being checked, and where it reports.
final class CheckContext {
    let playbook: Playbook
    let source: SourceFile
    let policy: Policy?
    /// Every step, rollback steps included, computed once: rules walk it many times.
    let allSteps: [Step]
    let callees: CalleeResolver
    private(set) var diagnostics: [Diagnostic] = []
    /// The effect of each step (declared or inferred, whichever is stronger), by step id.
    var stepEffects: [String: Effect] = [:]
    /// What decided each step's inferred effect, for messages that explain a verdict.
    var stepEvidence: [String: InferredEffect] = [:]
    /// The playbook's names, built once for the rules that resolve expressions.
    private(set) lazy var scope = Scope(self)

    init(playbook: Playbook, source: SourceFile, policy: Policy?, callees: CalleeResolver) {
        self.playbook = playbook
        self.source = source
        self.policy = policy
        self.allSteps = playbook.allSteps
        self.callees = callees
    }

    func report(
        _ severity: Severity, _ rule: RuleID, _ message: String, at range: SourceRange,
        notes: [DiagnosticNote] = []
    ) {
        diagnostics.append(Diagnostic(severity, rule, message, at: range, notes: notes))
    }

    func error(_ rule: RuleID, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        report(.error, rule, message, at: range, notes: notes)
    }

    func warning(_ rule: RuleID, _ message: String, at range: SourceRange, notes: [DiagnosticNote] = []) {
        report(.warning, rule, message, at: range, notes: notes)
    }

    func append(_ more: [Diagnostic]) { diagnostics += more }

    /// The effect the checker settled on for a step; `read` before effects were inferred.
    func effect(of step: Step) -> Effect { stepEffects[step.id.value] ?? step.effect?.value ?? .read }

    /// The strongest effect of any step in the playbook.
    var strongestEffect: Effect { stepEffects.values.max() ?? .read }
}

/// Finds and parses the playbooks that `playbook:` steps call.
public struct CalleeResolver: Sendable {
    /// Loads the playbook at a path relative to the caller's file; nil when it cannot be read or parsed.
    public var load: @Sendable (_ path: String, _ callerPath: String) -> Playbook?

    public init(load: @escaping @Sendable (_ path: String, _ callerPath: String) -> Playbook?) {
        self.load = load
    }

    /// Resolves nothing; for checks of a single file in isolation.
    public static let none = CalleeResolver { _, _ in nil }
}
