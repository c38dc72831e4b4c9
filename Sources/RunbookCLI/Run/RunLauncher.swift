import Engine
import Foundation

/// What `exec` and `resume` share: binding params, assembling the run, and running it
/// in its own task that Ctrl-C or SIGTERM cancels.
enum RunLauncher {
    /// The bound params and environment, or a refusal printed with every problem.
    static func bind(_ loaded: PlaybookLoader.Loaded, _ given: [String: String]) throws -> ParamBinder.Bound {
        switch ParamBinder(playbook: loaded.playbook).bind(given, environment: ProcessInfo.processInfo.environment) {
        case .success(let bound): return bound
        case .failure(let problems):
            let text = problems.messages.map { "error: \($0)\n" }.joined() + "refused: nothing was run\n"
            Terminal.error(TerminalText.safe(text, keepingNewlines: true))
            throw ExitStatus.refused.exitCode
        }
    }

    static func setup(
        _ loaded: PlaybookLoader.Loaded, bound: ParamBinder.Bound, executor: String, options: RunOptions
    ) -> RunSetup {
        let environment = ProcessInfo.processInfo.environment
        var setup = RunSetup(
            playbook: loaded.playbook, playbookSHA256: RunRecord.sha256(loaded.source.bytes), bound: bound,
            registry: Backends.registry, observer: options.observer(), operatorIO: options.operatorIO(),
            callees: loaded.workspace.callees,
            executor: executor,
            environment: environment)
        setup.effects = loaded.effects
        return setup
    }

    /// Runs to the end and throws the run's exit status unless it succeeded.
    static func launch(_ runner: Runner, resume: ResumePoint? = nil) async throws {
        let task = Task { await runner.run(resume: resume) }
        let trap = SignalTrap { task.cancel() }
        let status = await task.value
        withExtendedLifetime(trap) {}
        if status == .interrupted { Terminal.error("resume with: runbook resume \(runner.runID)\n") }
        if status != .succeeded { throw ExitStatus(status).exitCode }
    }
}
