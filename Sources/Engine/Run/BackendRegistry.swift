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
    private let registry: BackendRegistry
    private var sessions: [String: any BackendSession] = [:]

    init(registry: BackendRegistry) {
        self.registry = registry
    }

    func session(kind: String, target: TargetSpec) async throws -> any BackendSession {
        let key = "\(kind)/\(target.name)"
        if let open = sessions[key] { return open }
        guard let backend = registry.backend(for: kind) else {
            throw BackendError(.invalidRequest, "no \(kind) backend is registered")
        }
        let session = try await backend.connect(target)
        sessions[key] = session
        return session
    }

    func closeAll() async {
        for session in sessions.values { await session.close() }
        sessions = [:]
    }
}
