import Language

/// The order of a run as a plain state machine: it is told what happened and answers
/// what to do next, so sequencing, failure handling, rollback and resume are tested
/// without running anything.
public struct RunStateMachine: Sendable {
    public enum Action: Equatable, Sendable {
        case runPreconditions
        /// Run the step at this index of the playbook's `steps`.
        case runStep(Int)
        /// Run these rollback steps (ids), newest first, then finish as failed.
        case runRollback([String])
        case runVerify
        case finish(RunStatus)
    }

    public enum StepOutcome: Equatable, Sendable {
        case succeeded, skipped, failed
    }

    private let steps: [Step]
    /// Steps finished in an earlier attempt of this run (resume): not run again.
    private let alreadyDone: Set<String>
    private var index = 0
    private var completed: [Int] = []
    private var stopped = false

    public init(steps: [Step], alreadyDone: Set<String> = []) {
        self.steps = steps
        self.alreadyDone = alreadyDone
    }

    public mutating func start() -> Action { alreadyDone.isEmpty ? .runPreconditions : nextStep() }

    public mutating func preconditionsFinished(passed: Bool) -> Action {
        passed ? nextStep() : .finish(.refused)
    }

    public mutating func stepFinished(_ outcome: StepOutcome) -> Action {
        guard !stopped, index < steps.count else { return .finish(.failed) }
        let step = steps[index]
        switch outcome {
        case .succeeded, .skipped:
            if outcome == .succeeded { completed.append(index) }
            index += 1
            return nextStep()
        case .failed:
            switch step.failureAction {
            case .continue:  // the author expects this may fail; verify decides the run
                index += 1
                return nextStep()
            case .abort:
                stopped = true
                return .finish(.failed)
            case .rollback:
                stopped = true
                let ids = completed.reversed().flatMap { steps[$0].rollback.map(\.id.value) }
                return ids.isEmpty ? .finish(.failed) : .runRollback(ids)
            }
        }
    }

    public mutating func rollbackFinished() -> Action { .finish(.failed) }

    public mutating func verifyFinished(passed: Bool) -> Action {
        passed ? .finish(.succeeded) : .finish(.verificationFailed)
    }

    public mutating func interrupted() -> Action {
        stopped = true
        return .finish(.interrupted)
    }

    private mutating func nextStep() -> Action {
        while index < steps.count, alreadyDone.contains(steps[index].id.value) {
            completed.append(index)
            index += 1
        }
        return index < steps.count ? .runStep(index) : .runVerify
    }
}
