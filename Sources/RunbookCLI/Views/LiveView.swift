import Dispatch
import Engine
import Foundation
import Synchronization

/// The terminal view of a run: step n/N, title, effect badge, a spinner with elapsed time,
/// output indented under the step, and a summary table at the end.
final class LiveView: RunObserver {
    private struct State {
        var current: (label: String, started: ContinuousClock.Instant)?
        var frame = 0
    }

    private let state = Mutex(State())
    private let color: Bool
    /// Only touched in init and deinit; the timer's own queue calls `tick`, which locks `state`.
    nonisolated(unsafe) private let timer: DispatchSourceTimer
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    init(color: Bool) {
        self.color = color
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "runbook.live-view"))
        timer.schedule(deadline: .now(), repeating: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
    }

    deinit { timer.cancel() }

    func handle(_ event: RunEvent) {
        state.withLock { state in
            var out = "\r\u{1B}[2K"
            switch event {
            case .stepStarted(let index, let total, _, let title, let effect, let attempt):
                let retry = attempt > 1 ? dim(" attempt \(attempt)") : ""
                state.current = ("\(dim("[\(index + 1)/\(total)]")) \(TerminalText.safe(title)) \(badge(effect.rawValue))\(retry)",
                                 ContinuousClock.now)
            case .stepFinished(let index, let id, let status, let ms, let error):
                let mark: String = switch status {
                case .succeeded: paint("✔", "32")
                case .skipped: dim("○")
                case .failed, .declined: paint("✘", "31")
                }
                out += "\(mark) \(dim("[\(index + 1)]")) \(id) \(dim(TerminalText.seconds(ms)))"
                if let error { out += "\n    " + paint(TerminalText.safe(error), "31") }
                out += "\n"
                state.current = nil
            case .output(_, let stream, let line):
                out += "    " + (stream == .stderr ? paint("│", "33") : dim("│")) + " " + TerminalText.safe(line) + "\n"
            case .finished(let runID, let status, let ms, let summary):
                state.current = nil
                out += SummaryTable.render(summary, status: status, durationMs: ms, runID: runID)
            default:
                out += PlainView.line(for: event)
            }
            out += statusLine(&state)
            Terminal.write(out)
        }
    }

    private func tick() {
        state.withLock { state in
            guard state.current != nil else { return }
            state.frame += 1
            Terminal.write("\r\u{1B}[2K" + statusLine(&state))
        }
    }

    private func statusLine(_ state: inout State) -> String {
        guard let current = state.current else { return "" }
        let elapsed = ContinuousClock.now - current.started
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return paint(Self.frames[state.frame % Self.frames.count], "36") + " " + current.label + " " + dim(TerminalText.seconds(ms))
    }

    private func badge(_ effect: String) -> String {
        let code = effect == "destructive" ? "41;97" : effect == "write" ? "43;30" : "42;30"
        return color ? "\u{1B}[\(code)m \(effect) \u{1B}[0m" : "[\(effect)]"
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
