import Engine
import Foundation
import Synchronization

/// Line-by-line progress for logs and pipes (no terminal, or `--no-tty`).
final class PlainView: RunObserver {
    private let lock = Mutex(())

    func handle(_ event: RunEvent) {
        lock.withLock { _ in Terminal.write(Self.line(for: event)) }
    }

    static func line(for event: RunEvent) -> String {
        switch event {
        case .started(let runID, let title, let level, let steps, let resumed):
            return "\(resumed ? "resuming" : "run") \(runID): \(TerminalText.safe(title)) (level \(level), \(steps) steps)\n"
        case .phase(let phase):
            return "\(phase.rawValue)\n"
        case .probeFinished(_, let name, let passed, let detail):
            return "  \(passed ? "ok  " : "FAIL") \(TerminalText.safe(name))\(detail.map { ": " + TerminalText.safe($0) } ?? "")\n"
        case .stepStarted(let index, let total, let id, let title, let effect, let attempt):
            let retry = attempt > 1 ? " (attempt \(attempt))" : ""
            return "[\(index + 1)/\(total)] \(id): \(TerminalText.safe(title)) [\(effect.rawValue)]\(retry)\n"
        case .output(_, let stream, let line):
            return "    \(stream == .stderr ? "!" : "|") \(TerminalText.safe(line))\n"
        case .stepFinished(let index, let id, let status, let ms, let error):
            let detail = error.map { ": " + TerminalText.safe($0) } ?? ""
            return "[\(index + 1)] \(id) \(status.rawValue) in \(TerminalText.seconds(ms))\(detail)\n"
        case .message(_, let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  > " + TerminalText.safe(String($0)) }.joined(separator: "\n") + "\n"
        case .note(let text):
            return "note: \(TerminalText.safe(text))\n"
        case .finished(let runID, let status, let ms, let summary):
            return SummaryTable.render(summary, status: status, durationMs: ms, runID: runID)
        }
    }
}
