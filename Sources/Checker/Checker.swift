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

    /// Every finding for `playbook`; `policy` nil means none was found (itself an error).
    public static func check(
        _ playbook: Playbook, source: SourceFile, policy: Policy?, callees: CalleeResolver = .none
    ) -> [Diagnostic] {
        let context = CheckContext(playbook: playbook, source: source, policy: policy, callees: callees)
        for rule in rules { rule.check(context) }
        return context.diagnostics
    }

    /// The effect the checker settles on for each step of `playbook`, by step id (for `plan`).
    public static func stepEffects(
        _ playbook: Playbook, source: SourceFile, callees: CalleeResolver = .none
    ) -> [String: Effect] {
        let context = CheckContext(playbook: playbook, source: source, policy: nil, callees: callees)
        EffectRule().check(context)
        return context.stepEffects
    }
}
