import BackendTestSupport
import Foundation
import TestSupport
import Testing

/// `scripts/sandbox` itself, on a sandbox of its own beside the shared one (its own state dir,
/// port, database and Redis database, through SANDBOX_* variables): start, restart, deploy, reset
/// and stop, checking the process, the data and the snapshots after each.
@Suite("scripts/sandbox", .serialized)
final class SandboxScriptTests {
    let state = "/tmp/runbook-sandbox-test-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let database = "school_erp_script_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let redisDatabase = Int.random(in: 10...15)
    let port: Int

    init() throws {
        try TestServers.requireListening(port: 54329, name: "PostgreSQL")
        try TestServers.requireListening(port: 63799, name: "Redis")
        port = try Tool.closedPort()
    }

    deinit {
        _ = try? sandbox("stop")
        try? FileManager.default.removeItem(atPath: state)
    }

    /// Runs `scripts/sandbox arguments…` as an operator would, with this sandbox's settings.
    @discardableResult
    func sandbox(_ arguments: String...) throws -> String {
        let script = Fixtures.repositoryRoot().appendingPathComponent("scripts/sandbox").path
        return try Tool.run([
            "SANDBOX_STATE=\(state)", "SANDBOX_PORT=\(port)", "SANDBOX_DATABASE=\(database)",
            "SANDBOX_REDIS_DB=\(redisDatabase)", "SCHOOL_ERP_BIN=\(ERPFixture.binary.path)", script,
        ] + arguments)
    }

    func get(_ path: String) async throws -> HTTPReply {
        try await HTTPReply.send("GET", URL(fileURLWithPath: "/").resolvingAgainst(port: port, path: path))
    }

    var pid: Int32? { Int32((try? String(contentsOfFile: "\(state)/school-erp.pid", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") }

    @Test func startRestartDeployResetStop() async throws {
        try sandbox("start")
        #expect(try await get("/health").status == 200)
        #expect(try await get("/health/golive").string("overallHealth") == "GREEN")
        #expect(try await get("/health/queues").int("total.failed") == 5)
        for tenant in ["greenwood_high", "riverside_academy"] {
            let snapshot = try String(contentsOfFile: "\(state)/snapshots/\(tenant).sql", encoding: .utf8)
            #expect(snapshot.contains("CREATE SCHEMA \(tenant);"))
        }
        let env = try sandbox("env")
        #expect(env.contains("export APP_URL=http://127.0.0.1:\(port)\n"))
        #expect(env.contains("export DATABASE_URL=postgres://runbook:runbook-test-pw@127.0.0.1:54329/\(database)\n"))
        #expect(env.contains("export REDIS_URL=redis://:runbook-test-pw@127.0.0.1:63799/\(redisDatabase)\n"))
        #expect(env.contains("export SNAPSHOT_DIR=\(state)/snapshots"))
        #expect(env.contains("RESTART_COMMAND=env\\ SANDBOX_STATE=\(state)\\ "))

        let first = try #require(pid)
        try sandbox("restart")
        let second = try #require(pid)
        #expect(second != first)
        #expect(kill(first, 0) != 0)
        #expect(try await get("/version").int("pid") == Int(second))

        try sandbox("deploy", "v1.4.2")
        #expect(try await get("/version").string("version") == "v1.4.2")
        #expect(pid != second)
        #expect(throws: (any Error).self) { try self.sandbox("deploy", "v9.9.9") }
        #expect(try sandbox("logs", "5").split(separator: "\n").count == 5)

        try Tool.redis(redisDatabase, "SET", "tenant:blocked:greenwood_high", "true")
        try sandbox("reset")
        #expect(try await get("/version").string("version") == "v1.5.0")
        #expect(try await get("/api/tenants/greenwood_high/dashboard").status == 200)

        let last = try #require(pid)
        try sandbox("stop")
        #expect(kill(last, 0) != 0)
        #expect(!FileManager.default.fileExists(atPath: state))
        #expect((try? TestServers.requireListening(port: port, name: "school-erp")) == nil)
        #expect(try Tool.psql(TestServers.postgresURL, "SELECT count(*) FROM pg_database WHERE datname = '\(database)'") == "0")
        #expect(try Tool.redis(redisDatabase, "DBSIZE") == "0")
    }
}

private extension URL {
    /// `http://127.0.0.1:port/path`.
    func resolvingAgainst(port: Int, path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)") ?? self
    }
}
