import BackendKit
import BackendTestSupport
import Foundation
import RedisBackend

/// Opening sessions to the shared test Redis and running argv requests on them.
enum Redis {
    static var configuration: RedisConfiguration {
        get throws { try RedisConfiguration(url: TestServers.redisURL) }
    }

    /// The shared server's URL with another database.
    static func url(database: Int) throws -> String {
        let config = try configuration
        return "redis://:\(config.password ?? "")@\(config.endpoint)/\(database)"
    }

    /// Fails (never skips) when the shared server is not running, then connects.
    static func session(url: String? = nil, timeout: Duration? = nil) async throws -> any BackendSession {
        try TestServers.requireListening(port: configuration.port, name: "Redis")
        return try await RedisBackend().connect(TargetSpec(name: "cache", url: url ?? TestServers.redisURL, timeout: timeout))
    }

    /// A key no other test uses.
    static func key(_ name: String) -> String { "runbook-test:\(UUID().uuidString):\(name)" }
}

extension BackendSession {
    /// Runs one argv, as a `redis` step with `command: [...]` would.
    @discardableResult
    func redis(_ argv: String..., timeout: Duration? = nil, maxKeys: Int? = nil) async throws -> BackendResult {
        try await redis(argv, timeout: timeout, maxKeys: maxKeys)
    }

    @discardableResult
    func redis(_ argv: [String], timeout: Duration? = nil, maxKeys: Int? = nil) async throws -> BackendResult {
        let request = BackendRequest(
            kind: "redis",
            fields: ["command": .array(argv.map(Value.string))],
            timeout: timeout,
            limits: .init(maxKeys: maxKeys)
        )
        return try await run(request, output: { _, _ in })
    }
}

extension BackendResult {
    var reply: Value? { outputs["reply"] }
}
