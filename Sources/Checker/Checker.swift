import Diagnostics
import Language

/// Checks a parsed playbook against the language rules and the policy: names, types,
/// injection, effects, authorization and good practice.
public enum Checker {
    /// The rules in the order they run; `EffectRule` settles effects before the policy rules read them.
    static let rules: [any PlaybookRule] = [
        ReferenceRule(), InjectionRule(), DeclarationRule(), TargetRule(), EffectRule(),
        AuthorizationRule(), PlaybookCallRule(), PracticeRule(),
    ]

    /// What one check of a playbook found: its diagnostics and the effect settled for each step.
    public struct Review: Sendable {
        public var diagnostics: [Diagnostic]
        /// By step id, as `stepEffects` returns them.
        public var stepEffects: [String: Effect]
    }

    /// Every finding for `playbook`; `policy` nil means none was found (itself an error).
    public static func check(
        _ playbook: Playbook, source: SourceFile, policy: Policy?, callees: CalleeResolver = .none
    ) -> [Diagnostic] {
        review(playbook, source: source, policy: policy, callees: callees).diagnostics
    }

    /// The findings and the step effects from one pass, for commands that need both
    /// (`exec`, `plan`): inferring effects again would repeat the rule's work.
    public static func review(
        _ playbook: Playbook, source: SourceFile, policy: Policy?, callees: CalleeResolver = .none
    ) -> Review {
        let context = CheckContext(playbook: playbook, source: source, policy: policy, callees: callees)
        for rule in rules { rule.check(context) }
        return Review(diagnostics: context.diagnostics, stepEffects: context.stepEffects)
    }

    /// The effect the checker settles on for each step of `playbook`, by step id, without the
    /// other rules (for a child playbook the engine loads while a run is under way).
    public static func stepEffects(
        _ playbook: Playbook, source: SourceFile, callees: CalleeResolver = .none
    ) -> [String: Effect] {
        let context = CheckContext(playbook: playbook, source: source, policy: nil, callees: callees)
        EffectRule().check(context)
        return context.stepEffects
    }
}
