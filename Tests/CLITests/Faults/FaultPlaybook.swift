import Foundation
import Testing
import TestSupport

/// Playbook parts and journal checks the fault tests share.
enum FaultPlaybook {
    /// The header of a level-2 playbook run by sam, with the targets' URLs and the gate's file from env.
    static func header(_ id: String, env: [String] = []) -> String {
        """
        runbook: 1
        id: \(id)
        title: Fault \(id)
        level: 2
        authorization: { executor: senior_engineer }
        env:
          GO_FILE: { default: "" }
        \(env.map { "  \($0): { secret: true }" }.joined(separator: "\n"))
        """
    }

    /// A step that waits until the test creates `$GO_FILE`: the test breaks something meanwhile.
    static let gate = """
          - id: gate
            title: Wait while the test breaks something
            idempotent: true
            timeout: 60s
            shell:
              run: 'while [ ! -e "$GO" ]; do sleep 0.05; done'
              env: { GO: "${{ env.GO_FILE }}" }
        """

    static func goFile(_ box: ExecSandbox) -> URL { box.folder.appendingPathComponent("go") }

    static func release(_ box: ExecSandbox) {
        FileManager.default.createFile(atPath: goFile(box).path, contents: Data())
    }

    /// The run id of the only run in the sandbox's state dir.
    static func runID(_ box: ExecSandbox) throws -> String {
        let runs = try FileManager.default.contentsOfDirectory(atPath: box.state.appendingPathComponent("runs").path)
        return try #require(runs.first).replacingOccurrences(of: ".jsonl", with: "")
    }

    /// How many times the journal says step `id` started (every attempt, every resume).
    static func starts(of id: String, in box: ExecSandbox) throws -> Int {
        try box.journals().joined(separator: "\n").split(separator: "\n")
            .filter { $0.contains("\"type\":\"step_started\"") && $0.contains("\"step\":\"\(id)\"") }.count
    }

    /// The statuses the journal gives step `id`'s finish lines, in order.
    static func finishes(of id: String, in box: ExecSandbox) throws -> [String] {
        try box.journals().joined(separator: "\n").split(separator: "\n")
            .filter { $0.contains("\"type\":\"step_finished\"") && $0.contains("\"step\":\"\(id)\"") }
            .compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["status"] as? String
            }
    }

    /// `runbook log RUN --verify` passes: every line is whole, chained and signed as it should be.
    static func expectIntact(_ box: ExecSandbox, _ runID: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verified = try box.runbook(["log", runID, "--verify"])
        #expect(verified.status == 0, "the journal failed verification: \(verified.stdout)\(verified.stderr)",
                sourceLocation: sourceLocation)
    }

    /// What a crash or a stack trace would print; a fault must produce a sentence instead.
    static func expectNoCrash(_ output: RunbookBinary.Output, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in [output.stdout, output.stderr] {
            for sign in ["Fatal error", "Stack dump", "Segmentation fault", "backtrace", "Current stack trace"] {
                #expect(!text.contains(sign), "the run crashed: \(text)", sourceLocation: sourceLocation)
            }
        }
    }
}
