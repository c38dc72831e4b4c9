import Diagnostics
import Language

/// `playbook:` steps: the callee exists, gets exactly its params, and is not of a higher level.
struct PlaybookCallRule: PlaybookRule {
    static let missing: RuleID = "callee-missing"
    static let params: RuleID = "callee-params"
    static let level: RuleID = "callee-level"

    static let descriptors = [
        RuleDescriptor(missing, .error, "a `playbook:` step whose file cannot be read or parsed"),
        RuleDescriptor(params, .error, "a `playbook:` step that passes an unknown param or misses a required one"),
        RuleDescriptor(level, .error, "a `playbook:` step calling a playbook of a higher level"),
    ]

    func check(_ context: CheckContext) {
        for step in context.allSteps {
            guard case .playbook(let call) = step.action else { continue }
            guard let callee = context.callees.load(call.path.value, context.playbook.path) else {
                context.error(Self.missing, "cannot load the playbook '\(call.path.value)'", at: call.path.range,
                              notes: [DiagnosticNote("the path is relative to this playbook's folder; the file must exist and lint clean")])
                continue
            }
            if callee.level.value > context.playbook.level.value {
                context.error(Self.level,
                              "a level-\(context.playbook.level.value) playbook cannot call '\(callee.id.value)', which is level \(callee.level.value)",
                              at: call.path.range,
                              notes: [DiagnosticNote("escalate instead: run the level-\(callee.level.value) playbook with its own authorization")])
            }
            let passed = Set(call.params.map(\.name.value))
            for param in call.params {
                guard let declared = callee.param(named: param.name.value) else { continue }
                if let literal = param.value.literal,
                   let problem = ParamValidator.problem(with: literal, for: declared, checkFiles: false)
                {
                    context.error(Self.params, "'\(callee.id.value)': \(problem)", at: param.value.range)
                }
            }
            for param in call.params where callee.param(named: param.name.value) == nil {
                var notes: [DiagnosticNote] = []
                if let guess = Suggestion.closest(to: param.name.value, in: callee.params.map(\.name.value)) {
                    notes.append(DiagnosticNote("did you mean '\(guess)'?"))
                }
                context.error(Self.params, "'\(callee.id.value)' has no param '\(param.name.value)'",
                              at: param.name.range, notes: notes)
            }
            for param in callee.params where param.isRequired && !passed.contains(param.name.value) {
                context.error(Self.params, "'\(callee.id.value)' needs the param '\(param.name.value)'",
                              at: call.path.range,
                              notes: [DiagnosticNote("declared here", at: param.name.range)])
            }
        }
    }
}
