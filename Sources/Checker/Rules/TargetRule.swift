import Diagnostics
import Language

/// Steps and probes address targets that exist and speak their backend.
struct TargetRule: PlaybookRule {
    static let unknown: RuleID = "unknown-target"
    static let backend: RuleID = "target-backend"

    static let descriptors = [
        RuleDescriptor(unknown, .error, "a step or probe naming a target that is not declared"),
        RuleDescriptor(backend, .error, "a target of the wrong backend for the step, or an unknown backend"),
    ]

    /// Backends a target may name: the kinds of action that talk to one.
    static let backends = ActionKind.allCases.compactMap(\.backend)

    func check(_ context: CheckContext) {
        let playbook = context.playbook
        for target in playbook.targets {
            if !Self.backends.contains(target.backend.value) {
                var notes = [DiagnosticNote("backends: \(Self.backends.joined(separator: ", "))")]
                if let guess = Suggestion.closest(to: target.backend.value, in: Self.backends) {
                    notes.insert(DiagnosticNote("did you mean '\(guess)'?"), at: 0)
                }
                context.error(Self.backend, "unknown backend '\(target.backend.value)'", at: target.backend.range, notes: notes)
            } else if target.url == nil {
                context.error(LanguageRules.missingField, "target '\(target.name.value)' needs a `url`",
                              at: target.name.range)
            }
        }
        for step in context.allSteps { checkTarget(of: step.action, playbook, context) }
        for probe in playbook.preconditions { checkTarget(of: probe.action, playbook, context) }
        for probe in playbook.verify { checkTarget(of: probe.action, playbook, context) }
    }

    /// The target an action names exists and speaks the action's backend.
    private func checkTarget(of action: Action, _ playbook: Playbook, _ context: CheckContext) {
        guard let name = action.target, let wanted = action.kind.backend else { return }
        guard let target = playbook.target(named: name.value) else {
            var notes: [DiagnosticNote] = []
            let candidates = playbook.targets.filter { $0.backend.value == wanted }.map(\.name.value)
            if let guess = Suggestion.closest(to: name.value, in: candidates) {
                notes.append(DiagnosticNote("did you mean '\(guess)'?"))
            } else {
                notes.append(DiagnosticNote("declare it under targets: `\(name.value): { backend: \(wanted), url: … }`"))
            }
            context.error(Self.unknown, "unknown target '\(name.value)'", at: name.range, notes: notes)
            return
        }
        if target.backend.value != wanted, Self.backends.contains(target.backend.value) {
            context.error(Self.backend,
                          "a \(wanted) action cannot use target '\(name.value)', which is \(target.backend.value)",
                          at: name.range, notes: [DiagnosticNote("target declared here", at: target.name.range)])
        }
    }
}
