import ArgumentParser
import Checker
import Engine
import Foundation

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
        let environment = ProcessInfo.processInfo.environment
        let bound: ParamBinder.Bound
        switch ParamBinder(playbook: loaded.playbook).bind(given, environment: environment) {
        case .success(let value): bound = value
        case .failure(let problems):
            Terminal.error(problems.messages.map { "error: \($0)\n" }.joined() + "refused: nothing was run\n")
            throw ExitStatus.refused.exitCode
        }
        let runID = RunRecord.newID(playbookID: loaded.playbook.id.value)
        let journal: JournalWriter
        do {
            journal = try JournalWriter(path: options.stateDirectory.journalPath(for: runID))
        } catch {
            Terminal.error("error: \(error)\nrefused: nothing was run\n")
            throw ExitStatus.refused.exitCode
        }
        var setup = RunSetup(
            playbook: loaded.playbook, playbookSHA256: RunRecord.sha256(loaded.source.bytes), bound: bound,
            registry: Backends.registry, observer: options.observer(), operatorIO: options.operatorIO(),
            callees: loaded.workspace.callees,
            executor: executor ?? environment["USER"] ?? environment["LOGNAME"] ?? "unknown",
            environment: environment)
        setup.effects = Checker.stepEffects(loaded.playbook, source: loaded.source, callees: loaded.workspace.callees)
        let status = await RunLauncher.launch(Runner(setup: setup, runID: runID, journal: journal))
        if status == .interrupted { Terminal.error("resume with: runbook resume \(runID)\n") }
        if status != .succeeded { throw ExitStatus(status).exitCode }
    }
}
