import BackendKit
import Language

/// What a run reports as it goes, already redacted, for the live view, plain output and `--output json`.
public enum RunEvent: Sendable {
    case started(runID: String, title: String, level: Int, steps: Int, resumed: Bool)
    case phase(Phase)
    case probeFinished(phase: Phase, name: String, passed: Bool, detail: String?)
    case stepStarted(index: Int, total: Int, id: String, title: String, effect: Effect, attempt: Int)
    case output(stepID: String, stream: OutputStream, line: String)
    case stepFinished(index: Int, id: String, status: StepStatus, durationMs: Int, error: String?)
    /// A `message` step's rendered text for the terminal.
    case message(stepID: String, text: String)
    case note(String)
    case finished(runID: String, status: RunStatus, durationMs: Int, summary: [SummaryRow])

    public enum Phase: String, Sendable {
        case preconditions, steps, verify, rollback
    }

    public struct SummaryRow: Sendable {
        public var id: String
        public var title: String
        public var status: StepStatus
        public var durationMs: Int
    }
}

/// Receives run events; the terminal views and the JSON event stream implement it.
public protocol RunObserver: Sendable {
    func handle(_ event: RunEvent)
}

/// Asks the person at the keyboard; the command line implements it for a terminal or flags.
public protocol Operator: Sendable {
    /// `confirm: true`: may this step run now?
    func confirm(stepID: String, title: String, effect: Effect) async -> Bool
    /// A `manual` step: the instructions are shown; every checklist item must be ticked.
    func complete(stepID: String, instructions: String?, checklist: [String]) async -> Bool
}
