import BackendKit
import Engine
import Synchronization

/// `--output json`: one JSON object per event and line, for machines.
final class JSONEventView: RunObserver {
    private let lock = Mutex(())

    func handle(_ event: RunEvent) {
        let line = Value.object(Self.fields(of: event)).json + "\n"
        lock.withLock { _ in Terminal.write(line) }
    }

    static func fields(of event: RunEvent) -> [String: Value] {
        switch event {
        case .started(let runID, let title, let level, let steps, let resumed):
            ["event": "started", "run": .string(runID), "title": .string(title), "level": .int(level),
             "steps": .int(steps), "resumed": .bool(resumed)]
        case .phase(let phase):
            ["event": "phase", "phase": .string(phase.rawValue)]
        case .probeFinished(let phase, let name, let passed, let detail):
            ["event": "probe", "phase": .string(phase.rawValue), "name": .string(name), "passed": .bool(passed),
             "detail": detail.map(Value.string) ?? .null]
        case .stepStarted(let index, let total, let id, let title, let effect, let attempt):
            ["event": "step_started", "index": .int(index + 1), "total": .int(total), "step": .string(id),
             "title": .string(title), "effect": .string(effect.rawValue), "attempt": .int(attempt)]
        case .output(let id, let stream, let line):
            ["event": "output", "step": .string(id), "stream": .string(stream.rawValue), "line": .string(line)]
        case .stepFinished(let index, let id, let status, let ms, let error):
            ["event": "step_finished", "index": .int(index + 1), "step": .string(id), "status": .string(status.rawValue),
             "duration_ms": .int(ms), "error": error.map(Value.string) ?? .null]
        case .message(let id, let text):
            ["event": "message", "step": .string(id), "text": .string(text)]
        case .note(let text):
            ["event": "note", "text": .string(text)]
        case .finished(let runID, let status, let ms, let summary):
            ["event": "finished", "run": .string(runID), "status": .string(status.rawValue), "duration_ms": .int(ms),
             "steps": .array(summary.map { .object(["step": .string($0.id), "status": .string($0.status.rawValue),
                                                    "duration_ms": .int($0.durationMs)]) })]
        }
    }
}
