import BackendKit

/// The backends a run may use, registered by the command line; the engine finds each by kind.
public struct BackendRegistry: Sendable {
    private var backends: [String: any Backend] = [:]

    public init(_ backends: [any Backend] = []) {
        for backend in backends { register(backend) }
    }

    public mutating func register(_ backend: any Backend) {
        backends[backend.kind] = backend
    }

    public func backend(for kind: String) -> (any Backend)? { backends[kind] }
}

/// One open session per target for the length of a run, opened on first use.
actor SessionPool {
    private struct Key: Hashable {
        var kind: String
        var target: String
    }

    private let registry: BackendRegistry
    private var sessions: [Key: (session: any BackendSession, target: TargetSpec)] = [:]

    init(registry: BackendRegistry) {
        self.registry = registry
    }

    /// The session for `kind` and the target named `name`, with the target as rendered when it
    /// was opened: targets reference only params, env and run values, fixed for the run, so
    /// `render` runs once per target rather than once per step.
    func session(
        kind: String, target name: String, render: @Sendable () -> TargetSpec
    ) async throws -> (session: any BackendSession, target: TargetSpec) {
        let key = Key(kind: kind, target: name)
        if let open = sessions[key] { return open }
        guard let backend = registry.backend(for: kind) else {
            throw BackendError(.invalidRequest, "no \(kind) backend is registered")
        }
        let target = render()
        let session = try await backend.connect(target)
        sessions[key] = (session, target)
        return (session, target)
    }

    func closeAll() async {
        for open in sessions.values { await open.session.close() }
        sessions = [:]
    }
}
