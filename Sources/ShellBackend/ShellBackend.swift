import BackendKit

/// The `shell` backend: runs a step's bash script locally, its values passed as
/// environment variables, and stops the whole process group on timeout or cancellation.
public struct ShellBackend: Backend {
    public let kind = "shell"
    /// How long a stopped script's process group has between SIGTERM and SIGKILL.
    public let grace: Duration

    public init() {
        self.init(grace: .seconds(5))
    }

    /// - Parameter grace: time between SIGTERM and SIGKILL when a script is stopped.
    public init(grace: Duration) {
        self.grace = grace
    }

    /// The shell needs no address: the target's URL is ignored.
    public func connect(_ target: TargetSpec) async throws -> any BackendSession {
        ShellSession(grace: grace)
    }
}
