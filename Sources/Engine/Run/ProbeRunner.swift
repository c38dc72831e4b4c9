import BackendKit
import Foundation
import Language

/// Runs preconditions and verify probes: one call each, checked against `expect`, with
/// `retry` (pass on any attempt) or `hold` (pass on every check for the whole span).
struct ProbeRunner: Sendable {
    let setup: RunSetup
    let runID: String
    let journal: JournalWriter
    let pool: SessionPool

    /// Runs every probe (all of them, so the operator sees every problem) and says whether all passed.
    func run(_ probes: [Probe], phase: RunEvent.Phase, bindings: Bindings) async throws -> Bool {
        var allPassed = true
        for probe in probes {
            try Task.checkCancellation()
            let problem = await check(probe, bindings: bindings)
            let detail = problem.map(setup.bound.redactor.redact)
            var event = JournalEvent(type: phase == .preconditions ? .preconditionFinished : .verifyFinished, run: runID)
            event.title = probe.name.value
            event.status = problem == nil ? "passed" : "failed"
            event.message = detail
            try await journal.append(event)
            setup.observer.handle(.probeFinished(phase: phase, name: probe.name.value, passed: problem == nil, detail: detail))
            if problem != nil { allPassed = false }
        }
        return allPassed
    }

    /// Why the probe failed, or nil when it passed.
    func check(_ probe: Probe, bindings: Bindings) async -> String? {
        if let hold = probe.hold { return await holdCheck(probe, hold, bindings) }
        let attempts = max(1, probe.retry?.attempts.value ?? 1)
        var problem: String?
        for attempt in 1...attempts {
            problem = await once(probe, bindings)
            if problem == nil || attempt == attempts || Task.isCancelled { break }
            let wait = StepExecutor.delay(probe.retry, attempt: attempt)
            try? await Task.sleep(for: .milliseconds(wait.milliseconds))
        }
        if let problem, attempts > 1 { return "\(problem) (after \(attempts) attempts)" }
        return problem
    }

    /// Checks on a fixed schedule from the start (no drift), failing at the first failed check.
    private func holdCheck(_ probe: Probe, _ hold: Hold, _ bindings: Bindings) async -> String? {
        let clock = ContinuousClock()
        let start = clock.now
        let span = Swift.Duration.milliseconds(hold.span.value.milliseconds)
        let every = Swift.Duration.milliseconds(max(1, hold.every.value.milliseconds))
        var check = 0
        while true {
            if let problem = await once(probe, bindings) {
                return "\(problem) (check \(check + 1), after \(Runner.milliseconds(clock.now - start) / 1000)s of \(hold.span.value))"
            }
            check += 1
            let next = start + every * check
            if next > start + span { return nil }
            do {
                try await Task.sleep(until: next, clock: clock)
            } catch {
                return "interrupted"
            }
        }
    }

    private func once(_ probe: Probe, _ bindings: Bindings) async -> String? {
        let evaluator = Evaluator(bindings: bindings)
        let renderer = ActionRenderer(evaluator: evaluator)
        let playbook = setup.playbook
        let request = renderer.request(for: probe.action,
                                       timeout: probe.timeout?.value ?? Language.Duration(milliseconds: 30_000),
                                       limits: nil)
        do {
            let (session, _) = try await pool.session(
                kind: probe.action.kind.rawValue, target: ActionRenderer.targetName(of: probe.action)
            ) { renderer.target(for: probe.action, in: playbook) }
            let result = try await session.run(request) { _, _ in }
            return ExpectationCheck(evaluator: evaluator).failure(of: result, against: probe.expect)
        } catch {
            return "\(error)"
        }
    }
}
