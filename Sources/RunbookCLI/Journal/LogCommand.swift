import ArgumentParser
import Engine
import Foundation

/// `runbook log RUN_ID`: one run's journal, as a readable timeline or raw JSON lines.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Print one run's journal, or verify that it was not tampered with.",
        discussion: """
        --verify checks the hash chain of every line and the executor's signatures on the \
        start, resume and end lines against the people's keys in the policy the run used \
        (or --policy); it names the first line that was altered, removed or inserted and \
        exits 1, or exits 0 when the journal is intact.
        """)

    @Argument(help: "The run (see `runbook runs`).")
    var runID: String

    @Flag(help: "Print the journal's JSON lines as they are stored.")
    var json = false

    @Flag(help: "Verify the journal's hash chain and signatures instead of printing it.")
    var verify = false

    @Option(help: "The policy whose people's keys verify the signatures (default: the one the run used).")
    var policy: String?

    @Option(name: .customLong("state-dir"), help: "Where runs are journaled.")
    var stateDir: String?

    func run() throws {
        let path = StateDirectory(explicit: stateDir).journalPath(for: runID)
        if verify { return try verifyJournal(at: path) }
        if json {
            guard let data = FileManager.default.contents(atPath: path) else {
                Terminal.error("error: no run \(runID) in \(path)\n")
                throw ExitStatus.usage.exitCode
            }
            Terminal.write(TerminalText.safe(String(decoding: data, as: UTF8.self), keepingNewlines: true))
            return
        }
        let events: [JournalEvent]
        do {
            events = try JournalReader.read(path)
        } catch {
            Terminal.error(TerminalText.safe("error: \(error)\n", keepingNewlines: true))
            throw ExitStatus.usage.exitCode
        }
        Terminal.write(events.map { TerminalText.safe(Self.line($0)) }.joined(separator: "\n") + "\n")
    }

    static func line(_ event: JournalEvent) -> String {
        let time = event.time.count >= 23 ? String(event.time.dropFirst(11).prefix(12)) : event.time
        let step = event.step.map { " \($0)" } ?? ""
        switch event.type {
        case .runStarted:
            let params = (event.params ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let approvals = (event.approvals ?? []).map { " approved by \($0.approver) as \($0.role)" }.joined(separator: ",")
            return "\(time)  started \(event.playbook ?? "") (\(event.title ?? ""), level \(event.level ?? 0)) by \(event.executor ?? "?")\(approvals) \(params)"
        case .runResumed: return "\(time)  resumed by \(event.executor ?? "?")"
        case .stepStarted: return "\(time)  step\(step) started (attempt \(event.attempt ?? 1))"
        case .stepFinished:
            return "\(time)  step\(step) \(event.status ?? "") in \(event.durationMs ?? 0)ms\(event.message.map { ": \($0)" } ?? "")"
        case .confirmation: return "\(time)  step\(step) \(event.status ?? "") by \(event.executor ?? "?")"
        case .preconditionFinished, .verifyFinished:
            return "\(time)  \(event.type.rawValue) '\(event.title ?? "")' \(event.status ?? "")\(event.message.map { ": \($0)" } ?? "")"
        case .rollbackStarted: return "\(time)  rollback of \(event.message ?? "")"
        case .runFinished: return "\(time)  finished \(event.status ?? "") in \(event.durationMs ?? 0)ms"
        }
    }

    private func verifyJournal(at path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            Terminal.error("error: no run \(runID) in \(path)\n")
            throw ExitStatus.usage.exitCode
        }
        let start = try? JournalReader.read(path).first { $0.type == .runStarted }
        guard case .checked(let report, let policyPath) = JournalCheck.verify(data, start: start, policy: policy) else {
            Terminal.error("error: \(JournalCheck.noPolicyMessage(runID))\n")
            throw ExitStatus.usage.exitCode
        }
        let notes = report.notes.map { "note: \($0)\n" }.joined()
        if let problem = report.problem {
            Terminal.error(TerminalText.safe("\(path): \(problem)\n\(notes)journal \(runID) FAILED verification\n", keepingNewlines: true))
            throw ExitStatus.failure.exitCode
        }
        Terminal.write(TerminalText.safe("journal \(runID) verified: \(report.lines) lines, hash chain intact, signed by \(report.signatures.joined(separator: ", ")) (keys from \(policyPath))\n\(notes)", keepingNewlines: true))
    }
}
