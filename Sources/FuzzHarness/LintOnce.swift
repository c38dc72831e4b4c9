import Checker
import Diagnostics
import Language

/// One input through what `runbook lint` does for one file (parse, check, policy check,
/// suppressions, rendering) with no ShellCheck and no file system, for fuzzing and its
/// regression tests.
public enum LintOnce {
    /// The input's path as a playbook. Nothing can exist below `/dev/null`, so the checker's
    /// look-ups of a called playbook's own file fail at once and never read the disk.
    public static let playbookPath = "/dev/null/fuzz-input.yaml"
    /// The input's path when it is read as a policy.
    public static let policyPath = "/dev/null/runbook.policy.yaml"

    /// Lints `bytes` as a playbook, and also as a policy when it looks like one.
    ///
    /// The playbook is checked against the input's own policy when it parses as one, else
    /// against a built-in copy of the repository's policy. `playbook:` steps resolve to the
    /// input itself (as a playbook that calls its own file would), so calls are checked
    /// without reading other files.
    public static func run(_ bytes: [UInt8]) -> LintOutcome {
        var outcome = LintOutcome()
        let playbookSource = SourceFile(path: playbookPath, bytes: bytes)
        var sources = [playbookPath: playbookSource, BuiltinPolicy.path: BuiltinPolicy.source]

        var inputPolicy: Policy?
        if looksLikePolicy(playbookSource) {
            let policySource = SourceFile(path: policyPath, bytes: bytes)
            sources[policyPath] = policySource
            let parsed = Frontend.parsePolicy(policySource)
            var found = parsed.diagnostics
            if let policy = parsed.policy {
                found += PolicyChecker.check(policy)
                inputPolicy = policy
                outcome.checkedPolicy = true
            }
            outcome.policyDiagnostics = Suppressions(source: policySource).apply(to: found)
        }

        let parsed = Frontend.parsePlaybook(playbookSource)
        var found = parsed.diagnostics
        if let playbook = parsed.playbook {
            // Like Workspace.callees: a callee that does not parse clean resolves to nothing.
            let callees = parsed.diagnostics.hasErrors ? CalleeResolver.none : CalleeResolver { _, _ in playbook }
            found += Checker.check(playbook, source: playbookSource, policy: inputPolicy ?? BuiltinPolicy.policy,
                                   callees: callees)
            outcome.checkedPlaybook = true
        }
        outcome.playbookDiagnostics = Suppressions(source: playbookSource).apply(to: found)

        let renderer = TextRenderer(useColor: false)
        for diagnostic in outcome.diagnostics.sortedByLocation() {
            outcome.rendered += renderer.render(diagnostic, sources: sources)
        }
        return outcome
    }

    /// Whether the text reads like a policy: a top-level `roles:`, `levels:`, `effects:` or `people:` key.
    static func looksLikePolicy(_ source: SourceFile) -> Bool {
        let keys = ["roles:", "levels:", "effects:", "people:"]
        for number in 1...max(1, source.lineCount) {
            guard let line = source.line(number) else { break }
            if keys.contains(where: { line.hasPrefix($0) }) { return true }
        }
        return false
    }
}
