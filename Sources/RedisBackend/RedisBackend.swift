import BackendKit

/// Runs `redis` steps and probes through hiredis: each `command` element is sent as one
/// argument, byte for byte, so interpolated text can never split into more arguments.
///
/// A target's `timeout` bounds connecting (5 s without it) and is the deadline of a request
/// that has none of its own. `limits.maxKeys` applies to `DEL` and `UNLINK` only (see `RedisKeyBudget`).
public struct RedisBackend: Backend {
    public let kind = "redis"

    public init() {}

    /// Connects, authenticates (`AUTH [user] password`) and selects the URL's database.
    public func connect(_ target: TargetSpec) async throws -> any BackendSession {
        guard let url = target.url, !url.isEmpty else {
            throw BackendError(.invalidRequest, "redis target \(target.name) has no url")
        }
        let configuration: RedisConfiguration
        do {
            configuration = try RedisConfiguration(url: url)
        } catch let error as BackendError {
            throw BackendError(error.reason, "target \(target.name): \(error.message)")
        }
        let session = RedisSession(
            configuration: configuration,
            name: target.name,
            connectTimeout: target.timeout ?? .seconds(5),
            defaultTimeout: target.timeout
        )
        try await session.open()
        return session
    }
}
