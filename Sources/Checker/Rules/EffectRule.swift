import Diagnostics
import Language

/// §5: a declared effect may not be weaker than what the step's text shows it does;
/// probes only read. Settles each step's effect for the policy rules that follow.
struct EffectRule: PlaybookRule {
    static let understated: RuleID = "effect-understated"
    static let probeEffect: RuleID = "probe-effect"
    static let unknownCommand: RuleID = "unknown-command"

    static let descriptors = [
        RuleDescriptor(understated, .error, "a step declares a weaker effect than its SQL, command or script has"),
        RuleDescriptor(probeEffect, .error, "a precondition or verify probe that changes something"),
        RuleDescriptor(unknownCommand, .warning, "a Redis command the effect table does not know; treated as write"),
    ]

    func check(_ context: CheckContext) {
        let inference = EffectInference(source: context.source, callees: context.callees,
                                        callerPath: context.playbook.path)
        context.stepEffects.reserveCapacity(context.allSteps.count)
        context.stepEvidence.reserveCapacity(context.allSteps.count)
        for step in context.allSteps {
            let inferred = inference.infer(step.action)
            reportUnknown(inferred, context)
            if let declared = step.effect, declared.value < inferred.effect {
                var notes = [DiagnosticNote(inferred.reason, at: inferred.evidence)]
                notes.append(DiagnosticNote("declare `effect: \(inferred.effect.rawValue)` (the policy then decides who may run it), or change the step"))
                context.error(Self.understated,
                              "step '\(step.id.value)' is declared \(declared.value.rawValue) but is \(inferred.effect.rawValue)",
                              at: declared.range, notes: notes)
            }
            context.stepEffects[step.id.value] = max(step.effect?.value ?? .read, inferred.effect)
            context.stepEvidence[step.id.value] = inferred
        }
        for probe in context.playbook.preconditions + context.playbook.verify {
            let inferred = inference.infer(probe.action)
            reportUnknown(inferred, context)
            guard inferred.effect > .read else { continue }
            let isShell = probe.action.kind == .shell && inferred.effect == .write
            context.report(isShell ? .warning : .error, Self.probeEffect,
                           "probe '\(probe.name.value)' may change something (\(inferred.effect.rawValue)); probes only look",
                           at: probe.actionRange,
                           notes: [DiagnosticNote(inferred.reason, at: inferred.evidence),
                                   DiagnosticNote(isShell ? "use read-only commands, or make it a step" : "make it a step with a declared effect")])
        }
    }

    private func reportUnknown(_ inferred: InferredEffect, _ context: CheckContext) {
        guard let command = inferred.unknownCommand else { return }
        context.warning(Self.unknownCommand, "unknown Redis command '\(command.value)'; treated as write",
                        at: command.range)
    }
}
