import Language

/// The names an expression may use at one place in a playbook.
struct Scope {
    var params: [String: (type: ValueType, secret: Bool)] = [:]
    var env: [String: Bool] = [:]
    /// Steps that have run before this point, with their kind.
    var earlierSteps: [String: ActionKind] = [:]
    /// Every step id with its kind, to tell "later" from "unknown".
    var allSteps: [String: ActionKind] = [:]
    /// Why `steps.*` is unavailable here, when it is (e.g. in preconditions).
    var stepsUnavailableReason: String?

    init(_ context: CheckContext) {
        let playbook = context.playbook
        for param in playbook.params {
            params[param.name.value] = (ValueType(param.type.value, choices: param.choices.map(\.value)), param.secret)
        }
        for variable in playbook.env {
            env[variable.name.value] = variable.secret
        }
        allSteps.reserveCapacity(context.allSteps.count)
        for step in context.allSteps {
            allSteps[step.id.value] = step.action.kind
        }
    }
}
