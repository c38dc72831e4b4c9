import BackendKit
import Checker
import Diagnostics
import Foundation
import Language

/// Runs one step: its condition, confirmation, retries and action, journaling each attempt.
struct StepExecutor: Sendable {
    let setup: RunSetup
    let runID: String
    let journal: JournalWriter
    let pool: SessionPool
    let prefix: String

    enum Result: Sendable {
        case succeeded, skipped, failed, interrupted
    }

    struct Outcome: Sendable {
        var result: Result
        var row: RunEvent.SummaryRow
    }

    /// Runs `step` and records its outputs in `bindings`; journal failures throw.
    func execute(_ step: Step, index: Int, total: Int, bindings: inout Bindings) async throws -> Outcome {
        let id = prefix + step.id.value
        let title = step.title?.value ?? step.id.value
        let effect = setup.effects[step.id.value] ?? step.effect?.value ?? .read
        let evaluator = Evaluator(bindings: bindings)
        let clock = ContinuousClock()
        let started = clock.now

        if let condition = step.when, !Evaluator.truthy(evaluator.evaluate(condition)) {
            try await finish(id, .skipped, outputs: [:], error: nil, ms: 0)
            setup.observer.handle(.stepFinished(index: index, id: id, status: .skipped, durationMs: 0, error: nil))
            return Outcome(result: .skipped, row: .init(id: id, title: title, status: .skipped, durationMs: 0))
        }
        if let refusal = setup.grant?.refusal(step: id, effect: effect) {
            let message = setup.bound.redactor.redact("refused by the policy: \(refusal.message)")
            try await finish(id, .failed, outputs: [:], error: message, ms: 0)
            setup.observer.handle(.stepFinished(index: index, id: id, status: .failed, durationMs: 0, error: message))
            return Outcome(result: .failed, row: .init(id: id, title: title, status: .failed, durationMs: 0))
        }
        if step.needsConfirmation {
            try await journal.sync()
            let approved = await setup.operatorIO.confirm(stepID: step.id.value, title: title, effect: effect)
            var event = JournalEvent(type: .confirmation, run: runID)
            event.step = id
            event.status = approved ? "approved" : "declined"
            event.executor = setup.executor
            try await journal.append(event)
            if Task.isCancelled { return Outcome(result: .interrupted, row: .init(id: id, title: title, status: .failed, durationMs: 0)) }
            guard approved else {
                let message = "not confirmed: run it with --confirm \(step.id.value) or answer y"
                try await finish(id, .failed, outputs: [:], error: message, ms: 0)
                setup.observer.handle(.stepFinished(index: index, id: id, status: .declined, durationMs: 0, error: message))
                return Outcome(result: .failed, row: .init(id: id, title: title, status: .declined, durationMs: 0))
            }
        }

        let attempts = max(1, step.retry?.attempts.value ?? 1)
        var lastError: String?
        var outputs: [String: Value] = [:]
        for attempt in 1...attempts {
            var event = JournalEvent(type: .stepStarted, run: runID)
            event.step = id
            event.title = setup.bound.redactor.redact(title)
            event.effect = effect.rawValue
            event.attempt = attempt
            do {
                let result = try await begin(event, step, effect: effect) {
                    setup.observer.handle(.stepStarted(index: index, total: total, id: id, title: title, effect: effect, attempt: attempt))
                } perform: {
                    try await perform(step, id: id, evaluator: evaluator, bindings: bindings)
                }
                outputs = result.outputs
                lastError = result.failure
            } catch let error as JournalError {
                throw error
            } catch is CancellationError {
                return try await interrupted(id, title, index, clock.now - started)
            } catch let error as BackendError where error.reason == .cancelled || Task.isCancelled {
                return try await interrupted(id, title, index, clock.now - started)
            } catch {
                lastError = "\(error)"
                outputs = [:]
            }
            if lastError == nil || attempt == attempts { break }
            let wait = Self.delay(step.retry, attempt: attempt)
            setup.observer.handle(.note(setup.bound.redactor.redact("\(id): attempt \(attempt) failed (\(lastError ?? "")); retrying in \(wait)")))
            do {
                try await Task.sleep(for: .milliseconds(wait.milliseconds))
            } catch {
                return try await interrupted(id, title, index, clock.now - started)
            }
        }
        bindings.steps[step.id.value] = outputs
        let ms = Runner.milliseconds(clock.now - started)
        let status: StepStatus = lastError == nil ? .succeeded : .failed
        let shownError = lastError.map(setup.bound.redactor.redact)
        try await finish(id, status, outputs: outputs, error: shownError, ms: ms)
        setup.observer.handle(.stepFinished(index: index, id: id, status: status, durationMs: ms, error: shownError))
        return Outcome(result: status == .succeeded ? .succeeded : .failed,
                       row: .init(id: id, title: title, status: status, durationMs: ms))
    }

    /// Journals an attempt's start, announces it and performs it. A read-only step that calls
    /// a backend has its start line written while its request is out (the child task runs
    /// when this one first waits, on the same thread): the line then costs no wall time, and
    /// a crash before it is written only means resume runs a step that changes nothing again.
    private func begin(
        _ event: JournalEvent, _ step: Step, effect: Effect, announce: () -> Void,
        perform: () async throws -> BackendResult
    ) async throws -> BackendResult {
        let durable = Self.changesSomething(step, effect: effect)
        guard !durable, ActionKind.probeKinds.contains(step.action.kind) else {
            try await journal.append(event, durable: durable)
            announce()
            return try await perform()
        }
        announce()
        async let recorded = journal.append(event, durable: false)
        let performed: Swift.Result<BackendResult, any Error>
        do {
            performed = .success(try await perform())
        } catch {
            performed = .failure(error)
        }
        _ = try await recorded
        return try performed.get()
    }

    private func perform(_ step: Step, id: String, evaluator: Evaluator, bindings: Bindings) async throws -> BackendResult {
        let redactor = setup.bound.redactor
        switch step.action {
        case .manual(let manual):
            try await journal.sync()
            let done = await setup.operatorIO.complete(
                stepID: step.id.value, instructions: manual.instructions.map { redactor.redact(evaluator.render($0)) },
                checklist: manual.checklist.map { redactor.redact(evaluator.render($0)) })
            try Task.checkCancellation()
            return done ? BackendResult(outputs: ["confirmed_by": .string(setup.executor)])
                : BackendResult(outputs: [:], failure: "the checklist was not confirmed (pass --confirm \(step.id.value) without a terminal)")
        case .message(let message):
            let text = evaluator.render(message.template)
            let destination = message.to.map(evaluator.render) ?? "stdout"
            if destination == "stdout" {
                setup.observer.handle(.message(stepID: id, text: redactor.redact(text)))
            } else {
                try Self.append(text + "\n", to: destination)
            }
            return BackendResult(outputs: ["text": .string(text)])
        case .wait(let wait):
            try await Task.sleep(for: .milliseconds(wait.duration.value.milliseconds))
            return BackendResult(outputs: [:])
        case .playbook(let call):
            return try await child(call, id: id, evaluator: evaluator)
        case .shell, .postgres, .redis, .http:
            let renderer = ActionRenderer(evaluator: evaluator)
            let playbook = setup.playbook
            let (session, target) = try await pool.session(
                kind: step.action.kind.rawValue, target: ActionRenderer.targetName(of: step.action)
            ) { renderer.target(for: step.action, in: playbook) }
            let request = renderer.request(for: step.action, timeout: step.timeout?.value ?? target.timeout.map {
                Duration(milliseconds: Int64($0.components.seconds * 1000))
            }, limits: step.limits)
            let observer = setup.observer
            return try await session.run(request) { stream, line in
                observer.handle(.output(stepID: id, stream: stream, line: redactor.redact(line)))
            }
        }
    }

    /// A `playbook:` step: the callee runs as a child in the same journal, its step ids prefixed.
    private func child(_ call: PlaybookCall, id: String, evaluator: Evaluator) async throws -> BackendResult {
        guard let callee = setup.callees.load(call.path.value, setup.playbook.path) else {
            return BackendResult(outputs: [:], failure: "cannot load the playbook \(call.path.value)")
        }
        let given = Dictionary(call.params.map { ($0.name.value, evaluator.render($0.value)) }, uniquingKeysWith: { $1 })
        switch ParamBinder(playbook: callee).bind(given, environment: setup.environment) {
        case .failure(let problems):
            return BackendResult(outputs: [:], failure: problems.messages.joined(separator: "; "))
        case .success(var bound):
            bound.redactor = setup.bound.redactor.merged(with: bound.redactor)
            var childSetup = setup
            childSetup.playbook = callee
            childSetup.bound = bound
            // The child's own steps' effects: its step ids may repeat the parent's.
            let text = (try? String(contentsOfFile: callee.path, encoding: .utf8)) ?? ""
            childSetup.effects = Checker.stepEffects(callee, source: SourceFile(path: callee.path, text: text),
                                                     callees: setup.callees)
            var runner = Runner(setup: childSetup, runID: runID, journal: journal)
            runner.stepPrefix = id + "."
            let status = await runner.run()
            if status == .interrupted { throw CancellationError() }
            return BackendResult(outputs: ["status": .string(status.rawValue)],
                                 failure: status == .succeeded ? nil : "the child playbook ended \(status.rawValue)")
        }
    }

    private func interrupted(_ id: String, _ title: String, _ index: Int, _ elapsed: Swift.Duration) async throws -> Outcome {
        let ms = Runner.milliseconds(elapsed)
        setup.observer.handle(.stepFinished(index: index, id: id, status: .failed, durationMs: ms, error: "interrupted"))
        return Outcome(result: .interrupted, row: .init(id: id, title: title, status: .failed, durationMs: ms))
    }

    private func finish(_ id: String, _ status: StepStatus, outputs: [String: Value], error: String?, ms: Int) async throws {
        var event = JournalEvent(type: .stepFinished, run: runID)
        event.step = id
        event.status = status.rawValue
        event.durationMs = ms
        event.message = error
        event.outputs = outputs.mapValues { JournalRedaction.clean($0, setup.bound.redactor) }
        try await journal.append(event, durable: false)
    }

    /// Whether a step's start must be on disk before it runs. A read-only step's start may
    /// reach the disk with the next synced line: if a power cut loses it, resume runs that
    /// step again, which changes nothing; a step that may write is never run twice unasked.
    static func changesSomething(_ step: Step, effect: Effect) -> Bool {
        if case .message(let message) = step.action, message.to != nil { return true }
        return effect > .read
    }

    static func delay(_ retry: Retry?, attempt: Int) -> Language.Duration {
        let base = retry?.interval?.value ?? Language.Duration(milliseconds: 1000)
        guard retry?.backoff?.value == .exponential else { return base }
        return Language.Duration(milliseconds: base.milliseconds * Int64(1 << min(attempt - 1, 10)))
    }

    static func append(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}

/// Keeps the journal small and secret-free: strings redacted and capped.
enum JournalRedaction {
    static let maxText = 8 * 1024

    static func clean(_ value: Value, _ redactor: Redactor) -> Value {
        switch value {
        case .string(let text):
            let redacted = redactor.redact(text)
            return .string(redacted.count > maxText ? String(redacted.prefix(maxText)) + "… (truncated)" : redacted)
        case .array(let items): return .array(items.prefix(200).map { clean($0, redactor) })
        case .object(let fields): return .object(fields.mapValues { clean($0, redactor) })
        default: return value
        }
    }
}
