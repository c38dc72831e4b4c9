import Foundation

/// Where runs are journaled: `--state-dir`, else `RUNBOOK_STATE_DIR`, else
/// `$XDG_STATE_HOME/runbook`, else `~/.local/state/runbook`.
public struct StateDirectory: Sendable {
    public let path: String

    public init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicit, !explicit.isEmpty {
            path = explicit
        } else if let fromEnv = environment["RUNBOOK_STATE_DIR"], !fromEnv.isEmpty {
            path = fromEnv
        } else if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            path = xdg + "/runbook"
        } else {
            path = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/runbook"
        }
    }

    public var runsFolder: String { path + "/runs" }

    public func journalPath(for runID: String) -> String { runsFolder + "/\(runID).jsonl" }

    /// Run ids, newest first (ids start with their UTC start time).
    public func runIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsFolder)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted(by: >)
    }
}
