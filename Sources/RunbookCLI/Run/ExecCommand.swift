import ArgumentParser
import Engine

/// `runbook exec PLAYBOOK`: checks, validates params, then runs preconditions, steps and verify.
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a playbook.",
        discussion: """
        The playbook is linted first; any error refuses the run. Exit status: 0 succeeded, \
        1 a step failed, 3 verification failed, 4 refused before the first step (lint, params, \
        a precondition), 130 interrupted (resume it with `runbook resume RUN_ID`).
        """)

    @Argument(help: "The playbook to run.")
    var playbook: String

    @Option(name: .customLong("as"), help: "Who runs it (default: $USER).")
    var executor: String?

    @Option(help: "The policy file, instead of the nearest runbook.policy.yaml.")
    var policy: String?

    @OptionGroup var options: RunOptions

    func run() async throws {
        let given = try options.parsedParams()
        guard let loaded = PlaybookLoader(policyPath: policy).load(playbook) else {
            throw ExitStatus.refused.exitCode
        }
        let bound = try RunLauncher.bind(loaded, given)
        let runID = RunRecord.newID(playbookID: loaded.playbook.id.value)
        let journal: JournalWriter
        do {
            journal = try JournalWriter(path: options.stateDirectory.journalPath(for: runID))
        } catch {
            Terminal.error("error: \(error)\nrefused: nothing was run\n")
            throw ExitStatus.refused.exitCode
        }
        let setup = RunLauncher.setup(loaded, bound: bound, executor: executor, options: options)
        try await RunLauncher.launch(Runner(setup: setup, runID: runID, journal: journal))
    }
}
