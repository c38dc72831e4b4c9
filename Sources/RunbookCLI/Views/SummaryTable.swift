import Engine

/// The table printed at the end of a run: step, status, duration.
enum SummaryTable {
    static func render(_ rows: [RunEvent.SummaryRow], status: RunStatus, durationMs: Int, runID: String) -> String {
        var out = ""
        if !rows.isEmpty {
            let width = min(60, max(4, rows.map { $0.id.count + 2 + $0.title.count }.max() ?? 4))
            out += "\n" + pad("STEP", width) + "  " + pad("STATUS", 10) + "  DURATION\n"
            for row in rows {
                let name = TerminalText.safe(row.id == row.title ? row.id : "\(row.id)  \(row.title)")
                out += pad(String(name.prefix(width)), width) + "  " + pad(row.status.rawValue, 10) + "  "
                    + TerminalText.seconds(row.durationMs) + "\n"
            }
        }
        out += "\nrun \(runID) \(status.rawValue) in \(TerminalText.seconds(durationMs))\n"
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
