import ArgumentParser
import Engine
import Foundation

/// `runbook report RUN_ID`: one run as post-incident material — who ran and approved it, the
/// timeline, steps, verification, durations and the seeds' post-mortem template, filled in.
struct ReportCommand: ParsableCommand {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case markdown, json
    }

    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Render one run as an incident report with a post-mortem template.",
        discussion: """
        The report is built from the run's journal alone, which holds no secret values. It says \
        whether the journal passes `runbook log RUN_ID --verify`; it exits 0 whenever it could \
        render the run, even one whose journal fails verification, and 2 for an unknown run.
        """)

    @Argument(help: "The run (see `runbook runs`).")
    var runID: String

    @Option(help: "markdown (default) or json (see docs/report.md).")
    var format: Format = .markdown

    @Option(help: "The policy whose people's keys verify the journal (default: the one the run used).")
    var policy: String?

    @Option(name: .customLong("state-dir"), help: "Where runs are journaled.")
    var stateDir: String?

    func run() throws {
        let report: RunReport
        do {
            report = try Self.build(runID: runID, stateDir: stateDir, policy: policy)
        } catch let error as JournalError {
            Terminal.error(TerminalText.safe("error: \(error.description)\n", keepingNewlines: true))
            throw ExitStatus.usage.exitCode
        }
        switch format {
        case .markdown: Terminal.write(MarkdownReportRenderer.render(report))
        case .json: Terminal.write(JSONReportRenderer.render(report))
        }
    }

    /// Reads and checks the journal of `runID`; throws when there is no such run.
    static func build(runID: String, stateDir: String?, policy: String?) throws -> RunReport {
        let state = StateDirectory(explicit: stateDir)
        // A run id names a file in the runs folder, never a path elsewhere.
        guard !runID.isEmpty, !runID.contains("/"), !runID.hasPrefix(".") else {
            throw JournalError("'\(runID)' is not a run id (see `runbook runs`)")
        }
        let path = state.journalPath(for: runID)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError("no run \(runID) in \(state.runsFolder) (see `runbook runs`)")
        }
        var unreadable: [Int] = []
        let events: [JournalEvent]
        if let read = try? JournalReader.read(path) {
            events = read
        } else {
            // A line edited into something that is not an event: report the rest, and say so.
            events = Self.readable(data, unreadable: &unreadable)
        }
        let journal: RunReport.JournalState
        switch JournalCheck.verify(data, start: events.first { $0.type == .runStarted }, policy: policy) {
        case .noPolicy:
            journal = .init(checked: false, problem: JournalCheck.noPolicyMessage(runID), notes: [], lines: nil,
                            signatures: [], policy: nil, unreadableLines: unreadable)
        case .checked(let verdict, let policyPath):
            journal = .init(checked: true, problem: verdict.problem, notes: verdict.notes, lines: verdict.lines,
                            signatures: verdict.signatures, policy: policyPath, unreadableLines: unreadable)
        }
        return RunReport(runID: runID, events: events, journal: journal)
    }

    /// The lines of `data` that decode as journal events; the numbers of the others.
    static func readable(_ data: Data, unreadable: inout [Int]) -> [JournalEvent] {
        let decoder = JSONDecoder()
        var events: [JournalEvent] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let event = try? decoder.decode(JournalEvent.self, from: Data(line)) {
                events.append(event)
            } else {
                unreadable.append(index + 1)
            }
        }
        return events
    }
}
