import ArgumentParser
import Engine

/// `runbook runs`: the journaled runs, newest first.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List journaled runs, newest first.")

    @Option(name: .customLong("state-dir"), help: "Where runs are journaled.")
    var stateDir: String?

    func run() throws {
        let state = StateDirectory(explicit: stateDir)
        let ids = state.runIDs()
        guard !ids.isEmpty else {
            Terminal.write("no runs in \(state.runsFolder)\n")
            return
        }
        var out = SummaryTable.pad("RUN", 48) + "  " + SummaryTable.pad("STATUS", 20) + "  " + SummaryTable.pad("BY", 12) + "  STARTED\n"
        for id in ids {
            let events = (try? JournalReader.read(state.journalPath(for: id))) ?? []
            let record = RunRecord(id: id, events: events)
            out += SummaryTable.pad(id, 48) + "  " + SummaryTable.pad(record.status, 20) + "  "
                + SummaryTable.pad(record.start?.executor ?? "?", 12) + "  " + (record.start?.time ?? "?") + "\n"
        }
        Terminal.write(out)
    }
}
