import BackendKit
import Foundation
import Language

/// Drives a run: asks the state machine what is next, does it, journals it, reports it.
public struct Runner: Sendable {
    let setup: RunSetup
    public let runID: String
    let journal: JournalWriter
    /// Step ids of a child run are prefixed with the calling step's id.
    var stepPrefix = ""

    public init(setup: RunSetup, runID: String, journal: JournalWriter) {
        self.setup = setup
        self.runID = runID
        self.journal = journal
    }

    /// Runs the playbook to its end (or until interrupted) and returns how it ended.
    public func run(resume: ResumePoint? = nil) async -> RunStatus {
        let clock = ContinuousClock()
        let started = clock.now
        let playbook = setup.playbook
        let pool = SessionPool(registry: setup.registry)
        var bindings = Bindings(
            params: setup.bound.params, env: setup.bound.env,
            steps: resume?.finished ?? [:],
            run: ["id": .string(runID), "started_at": .string(resume?.startedAt ?? Timestamp.now()),
                  "executor": .string(setup.executor)])
        var summary: [RunEvent.SummaryRow] = []
        let status: RunStatus
        do {
            if resume == nil, stepPrefix.isEmpty {
                var event = JournalEvent(type: .runStarted, run: runID)
                // Absolute, so `resume` works from any folder.
                event.playbook = URL(fileURLWithPath: playbook.path).standardizedFileURL.path
                event.playbookID = playbook.id.value
                event.playbookSHA256 = setup.playbookSHA256
                event.title = playbook.title.value
                event.level = playbook.level.value
                event.params = setup.bound.shownParams
                event.executor = setup.executor
                event.executorKey = setup.grant?.executorKey.description
                event.approvals = setup.grant?.approvals
                event.policy = setup.policyPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                try await journal.append(event)
            } else if resume != nil, stepPrefix.isEmpty {
                var event = JournalEvent(type: .runResumed, run: runID)
                event.executor = setup.executor
                event.executorKey = setup.grant?.executorKey.description
                try await journal.append(event)
            }
            if stepPrefix.isEmpty {
                setup.observer.handle(.started(runID: runID, title: playbook.title.value, level: playbook.level.value,
                                               steps: playbook.steps.count, resumed: resume != nil))
            }
            let done = Set((resume?.finished.keys).map(Array.init) ?? []).union(resume?.skipped ?? [])
            var machine = RunStateMachine(steps: playbook.steps, alreadyDone: done)
            var action = machine.start()
            let executor = StepExecutor(setup: setup, runID: runID, journal: journal, pool: pool, prefix: stepPrefix)
            let probes = ProbeRunner(setup: setup, runID: runID, journal: journal, pool: pool)
            let deadline = playbook.timeout.map { started + .milliseconds($0.value.milliseconds) }
            loop: while true {
                switch action {
                case .runPreconditions:
                    if !playbook.preconditions.isEmpty { setup.observer.handle(.phase(.preconditions)) }
                    let passed = try await probes.run(playbook.preconditions, phase: .preconditions, bindings: bindings)
                    action = machine.preconditionsFinished(passed: passed)
                case .runStep(let index):
                    if Task.isCancelled { action = machine.interrupted(); continue }
                    if let deadline, clock.now > deadline {
                        setup.observer.handle(.note("the playbook's timeout of \(playbook.timeout?.value.description ?? "") has passed; stopping"))
                        action = .finish(.failed)
                        continue
                    }
                    let step = playbook.steps[index]
                    if let resume, resume.unfinished.contains(step.id.value), !step.isIdempotent,
                       !resume.confirmedRerun.contains(step.id.value) {
                        setup.observer.handle(.note("step '\(step.id.value)' started before the interruption and may have run: it is not idempotent, so resume stops here. Check it by hand, then resume with --confirm \(step.id.value) to run it again."))
                        action = .finish(.refused)
                        continue
                    }
                    let outcome = try await executor.execute(step, index: index, total: playbook.steps.count,
                                                             bindings: &bindings)
                    summary.append(outcome.row)
                    switch outcome.result {
                    case .interrupted: action = machine.interrupted()
                    case .succeeded: action = machine.stepFinished(.succeeded)
                    case .skipped: action = machine.stepFinished(.skipped)
                    case .failed: action = machine.stepFinished(.failed)
                    }
                case .runRollback(let ids):
                    setup.observer.handle(.phase(.rollback))
                    var event = JournalEvent(type: .rollbackStarted, run: runID)
                    event.message = ids.joined(separator: ", ")
                    try await journal.append(event)
                    let all = playbook.allSteps
                    for (offset, id) in ids.enumerated() {
                        guard let step = all.first(where: { $0.id.value == id }) else { continue }
                        let outcome = try await executor.execute(step, index: offset, total: ids.count, bindings: &bindings)
                        summary.append(outcome.row)
                        if case .interrupted = outcome.result { break }
                    }
                    action = machine.rollbackFinished()
                case .runVerify:
                    if !playbook.verify.isEmpty { setup.observer.handle(.phase(.verify)) }
                    let passed = try await probes.run(playbook.verify, phase: .verify, bindings: bindings)
                    action = machine.verifyFinished(passed: passed)
                case .finish(let finalStatus):
                    status = finalStatus
                    break loop
                }
            }
        } catch {
            let hint = error is JournalError
                ? "; nothing more was run, and the journal keeps every line written before it: fix the cause, then `runbook resume \(runID)`"
                : ""
            setup.observer.handle(.note(setup.bound.redactor.redact("the run stopped: \(error)\(hint)")))
            await pool.closeAll()
            return .failed
        }
        await pool.closeAll()
        let elapsed = Self.milliseconds(clock.now - started)
        if stepPrefix.isEmpty {
            var event = JournalEvent(type: .runFinished, run: runID)
            event.status = status.rawValue
            event.durationMs = elapsed
            event.executor = setup.executor
            event.executorKey = setup.grant?.executorKey.description
            _ = try? await journal.append(event)
            setup.observer.handle(.finished(runID: runID, status: status, durationMs: elapsed, summary: summary))
        }
        return status
    }

    static func milliseconds(_ duration: Swift.Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
