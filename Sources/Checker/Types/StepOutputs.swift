import Language

/// The outputs each kind of step offers to later expressions (`steps.ID.OUTPUT`).
enum StepOutputs {
    static func outputs(of kind: ActionKind) -> [String: ValueType] {
        switch kind {
        case .shell: ["exit_code": .integer, "stdout": .string, "stderr": .string]
        case .postgres: ["rows": .json, "value": .json, "row_count": .integer]
        case .redis: ["reply": .json, "value": .json]
        case .http: ["status": .integer, "body": .string, "json": .json, "latency_ms": .integer]
        case .manual: ["confirmed_by": .string]
        case .message: ["text": .string]
        case .wait: [:]
        case .playbook: [:]
        }
    }

    /// `run.*` names.
    static let run: [String: ValueType] = ["id": .string, "started_at": .string, "executor": .string]
}
