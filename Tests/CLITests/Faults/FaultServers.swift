import BackendTestSupport
import Foundation
import TestSupport

/// A second PostgreSQL and Redis, started by `scripts/test-services` on their own ports, that
/// a test may stop or kill in the middle of a run without disturbing the shared servers.
final class FaultServers {
    static let postgresPort = 54349
    static let redisPort = 63819
    private static let state = "/tmp/runbook-fault-services"

    var postgresURL: String { "postgres://runbook:runbook-test-pw@127.0.0.1:\(Self.postgresPort)/runbook" }
    var redisURL: String { "redis://:runbook-test-pw@127.0.0.1:\(Self.redisPort)/0" }

    init() throws {
        try Self.services("start")
        try TestServers.requireListening(port: Self.postgresPort, name: "the fault-test PostgreSQL")
        try TestServers.requireListening(port: Self.redisPort, name: "the fault-test Redis")
    }

    deinit { try? Self.services("stop") }

    /// An immediate shutdown, as when the database host goes away; the data stays.
    func stopPostgres() throws { try Self.services("stop-postgres") }
    func startPostgres() throws { try Self.services("start-postgres") }
    /// SIGKILL, as a crash or the OOM killer would; it comes back empty.
    func killRedis() throws { try Self.services("kill-redis") }
    func startRedis() throws { try Self.services("start-redis") }

    private static func services(_ command: String) throws {
        let script = Fixtures.repositoryRoot().appendingPathComponent("scripts/test-services").path
        let environment = ProcessInfo.processInfo.environment.merging([
            "RUNBOOK_TEST_PG_PORT": String(postgresPort), "RUNBOOK_TEST_REDIS_PORT": String(redisPort),
            "RUNBOOK_TEST_STATE": state,
        ]) { $1 }
        guard try Spawn.run("/bin/bash", [script, command], environment: environment) == 0 else {
            throw TestServers.Missing(description: "scripts/test-services \(command) failed for the fault-test servers")
        }
    }
}
