import Engine
import Foundation
import Language

/// Asks the operator on the terminal; without one, only `--yes` and `--confirm STEP` answer.
struct TerminalOperator: Operator {
    /// Prompts can be answered (stdin is a terminal and `--no-tty` was not given).
    let interactive: Bool
    /// `--yes`: every `confirm: true` step may run.
    let assumeYes: Bool
    /// `--confirm STEP`: these steps (confirmations and manual checklists) are pre-approved.
    let confirmed: Set<String>

    func confirm(stepID: String, title: String, effect: Effect) async -> Bool {
        if assumeYes || confirmed.contains(stepID) { return true }
        guard interactive else {
            Terminal.error("step '\(stepID)' needs confirmation and there is no terminal: pass --confirm \(stepID) or --yes\n")
            return false
        }
        Terminal.error("\nRun step '\(stepID)' (\(effect.rawValue)): \(TerminalText.safe(title))? [y/N] ")
        return Self.isYes(await Self.readAnswer())
    }

    func complete(stepID: String, instructions: String?, checklist: [String]) async -> Bool {
        var text = "\nManual step '\(stepID)'\n"
        if let instructions { text += TerminalText.safe(instructions, keepingNewlines: true) + "\n" }
        Terminal.error(text)
        if confirmed.contains(stepID) {
            Terminal.error(checklist.map { "  [x] \(TerminalText.safe($0))\n" }.joined() + "  (confirmed with --confirm)\n")
            return true
        }
        guard interactive else {
            Terminal.error("manual step '\(stepID)' needs the operator and there is no terminal: pass --confirm \(stepID)\n")
            return false
        }
        for item in checklist {
            Terminal.error("  [ ] \(TerminalText.safe(item)) — done? [y/N] ")
            guard Self.isYes(await Self.readAnswer()) else { return false }
        }
        if checklist.isEmpty {
            Terminal.error("Done? [y/N] ")
            return Self.isYes(await Self.readAnswer())
        }
        return true
    }

    static func isYes(_ answer: String?) -> Bool {
        ["y", "yes"].contains(answer?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
    }

    /// Reads one line off the cooperative pool, so Ctrl-C can still cancel the run meanwhile.
    static func readAnswer() async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: readLine()) }
        }
    }
}
