import Engine
import Synchronization

/// Starts a runner in its own task and cancels it on Ctrl-C or SIGTERM.
enum RunLauncher {
    static func launch(_ runner: Runner, resume: ResumePoint? = nil) async -> RunStatus {
        let task = Task { await runner.run(resume: resume) }
        let trap = SignalTrap { task.cancel() }
        let status = await task.value
        withExtendedLifetime(trap) {}
        return status
    }
}
