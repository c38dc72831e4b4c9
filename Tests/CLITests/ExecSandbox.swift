import BackendTestSupport
import Foundation
import TestSupport

/// A folder with the repository's policy (plus test people and their keys), a state dir, and
/// a real HTTP server, for tests that run `runbook exec` against the real PostgreSQL and Redis.
final class ExecSandbox {
    /// Test people by role; each gets a key under `config` and a `people:` line in the policy.
    static let people = [
        ("sam", "senior_engineer"), ("olivia", "on_call"), ("tara", "tech_lead"), ("cora", "cto"),
        ("carl", "cto, incident_commander"), ("ian", "incident_commander"),
    ]

    let folder: URL
    let state: URL
    /// `XDG_CONFIG_HOME` of the runs: keys live in `config/runbook/keys/NAME.key`.
    let config: URL
    private let server: PythonHTTPServer
    var httpPort: Int { server.port }
    /// Unique per sandbox, so tests running side by side never share tables or keys.
    let tag = "t" + String(UInt32.random(in: 0...UInt32.max), radix: 16)

    init() throws {
        try TestServers.requireListening(port: 54329, name: "PostgreSQL")
        try TestServers.requireListening(port: 63799, name: "Redis")
        folder = try temporaryFolder()
        state = folder.appendingPathComponent("state")
        let root = Fixtures.repositoryRoot()
        config = folder.appendingPathComponent("config")
        var policy = try String(contentsOf: root.appendingPathComponent("playbooks/runbook.policy.yaml"), encoding: .utf8)
        policy += "\npeople:\n"
        for (name, role) in Self.people {
            let made = try RunbookBinary.run(["keygen", name], environment: ["XDG_CONFIG_HOME": config.path])
            guard made.status == 0 else { throw TestServers.Missing(description: "keygen failed: \(made.stderr)") }
            policy += made.stdout.replacingOccurrences(of: "[ROLE]", with: "[\(role)]")
        }
        try policy.write(to: folder.appendingPathComponent("runbook.policy.yaml"), atomically: true, encoding: .utf8)
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("health"), withIntermediateDirectories: true)
        try "ok".write(to: site.appendingPathComponent("health/index.html"), atomically: true, encoding: .utf8)
        try #"{"overallHealth":"GREEN","alerts":[]}"#.write(to: site.appendingPathComponent("golive.json"), atomically: true, encoding: .utf8)
        server = try PythonHTTPServer(["-m", "http.server", "--bind", "127.0.0.1", "--directory", site.path, "0"])
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    var environment: [String: String] {
        ["DATABASE_URL": TestServers.postgresURL, "REDIS_URL": TestServers.redisURL,
         "APP_URL": "http://127.0.0.1:\(httpPort)", "RUNBOOK_STATE_DIR": state.path,
         "XDG_CONFIG_HOME": config.path, "USER": "sam"]
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func runbook(_ arguments: [String], environment extra: [String: String] = [:]) throws -> RunbookBinary.Output {
        try RunbookBinary.run(arguments, in: folder, environment: environment.merging(extra) { $1 })
    }

    /// The only journal in the state dir, as text.
    func journals() throws -> [String] {
        let runs = state.appendingPathComponent("runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted()
        return try names.map { try String(contentsOf: runs.appendingPathComponent($0), encoding: .utf8) }
    }

    func psql(_ sql: String, url: String = TestServers.postgresURL) throws -> String {
        try TestProcess.run("/usr/bin/env", ["psql", url, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func listening(_ port: Int) -> Bool {
        (try? TestServers.requireListening(port: port, name: "http")) != nil
    }
}
