import ArgumentParser
import Engine
import Foundation

/// `runbook log RUN_ID`: one run's journal, as a readable timeline or raw JSON lines.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print one run's journal.")

    @Argument(help: "The run (see `runbook runs`).")
    var runID: String

    @Flag(help: "Print the journal's JSON lines as they are stored.")
    var json = false

    @Option(name: .customLong("state-dir"), help: "Where runs are journaled.")
    var stateDir: String?

    func run() throws {
        let path = StateDirectory(explicit: stateDir).journalPath(for: runID)
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
            Terminal.error("error: \(error)\n")
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
            return "\(time)  started \(event.playbook ?? "") (\(event.title ?? ""), level \(event.level ?? 0)) by \(event.executor ?? "?") \(params)"
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
}
