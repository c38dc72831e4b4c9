import BackendKit

/// The `postgres` backend: one connection per target (postgres-nio), `sql` scripts and
/// `query` with bound `args`, rows decoded to values, statement timeouts and `max_rows` budgets.
public struct PostgresBackend: Backend {
    public let kind = "postgres"

    public init() {}

    /// Parses the target URL (`postgres://user:password@host:port/database?sslmode=…`) and opens
    /// the connection every request of the run reuses.
    public func connect(_ target: TargetSpec) async throws -> any BackendSession {
        guard let url = target.url else {
            throw BackendError(.invalidRequest, "postgres target \(target.name) has no url")
        }
        let parsed: PostgresTarget
        do {
            parsed = try PostgresTarget(url: url, connectTimeout: target.timeout ?? .seconds(10))
        } catch let error as BackendError {
            throw BackendError(error.reason, "target \(target.name): \(error.message)")
        }
        let session = try PostgresSession(target: parsed)
        try await session.open()
        return session
    }
}
