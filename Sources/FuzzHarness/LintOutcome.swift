import Diagnostics

/// What one input produced when linted as a playbook (and as a policy when it looks like one).
public struct LintOutcome: Sendable {
    /// Findings for the input read as a playbook, after `# runbook:ignore` comments.
    public var playbookDiagnostics: [Diagnostic] = []
    /// Findings for the input read as a policy; nil when it does not look like one.
    public var policyDiagnostics: [Diagnostic]?
    /// Whether the input parsed into a playbook that the checker then ran over.
    public var checkedPlaybook = false
    /// Whether the input parsed into a policy that the policy checker then ran over.
    public var checkedPolicy = false
    /// The diagnostics rendered as `runbook lint` prints them, so rendering is exercised too.
    public var rendered = ""

    public init() {}

    /// Every finding, playbook first.
    public var diagnostics: [Diagnostic] { playbookDiagnostics + (policyDiagnostics ?? []) }
}
