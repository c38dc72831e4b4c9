import Diagnostics
import Language

/// Warnings about playbooks that are valid but unkind to the person running them at 3 a.m.
struct PracticeRule: PlaybookRule {
    static let unconfirmed: RuleID = "destructive-without-confirm"
    static let untitled: RuleID = "missing-title"
    static let unverified: RuleID = "missing-verify"
    static let longHold: RuleID = "hold-exceeds-timeout"

    static let descriptors = [
        RuleDescriptor(unconfirmed, .warning, "a destructive step that does not ask the operator first (`confirm: true`)"),
        RuleDescriptor(untitled, .warning, "a step without a `title` to show the operator"),
        RuleDescriptor(unverified, .warning, "a playbook that changes things but has no `verify` section"),
        RuleDescriptor(longHold, .warning, "a `hold` longer than the playbook's own `timeout`"),
    ]

    func check(_ context: CheckContext) {
        let playbook = context.playbook
        for step in context.allSteps {
            if context.effect(of: step) == .destructive, !step.needsConfirmation {
                context.warning(Self.unconfirmed, "destructive step '\(step.id.value)' runs without asking",
                                at: step.id.range,
                                notes: [DiagnosticNote("add `confirm: true` so the operator approves it right before it runs")])
            }
            if step.title == nil {
                context.warning(Self.untitled, "step '\(step.id.value)' has no title", at: step.id.range,
                                notes: [DiagnosticNote("the title is what the operator sees in the progress view and the report")])
            }
        }
        if playbook.verify.isEmpty, context.strongestEffect > .read {
            context.warning(Self.unverified, "this playbook changes things but never verifies recovery",
                            at: playbook.id.range,
                            notes: [DiagnosticNote("add a `verify:` section of probes that show the system is healthy again")])
        }
        if let timeout = playbook.timeout {
            for probe in playbook.verify {
                guard let hold = probe.hold, hold.span.value > timeout.value else { continue }
                context.warning(Self.longHold,
                                "probe '\(probe.name.value)' holds for \(hold.span.value) but the playbook times out after \(timeout.value)",
                                at: hold.span.range, notes: [DiagnosticNote("playbook timeout", at: timeout.range)])
            }
        }
    }
}
