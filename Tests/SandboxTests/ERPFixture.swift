import BackendTestSupport
import Foundation
import TestSupport

/// A running `school-erp` of its own for one test: a fresh database seeded from Sandbox/seed.sql,
/// a Redis database seeded from Sandbox/seed.lua, and the built binary listening on a port the
/// kernel chose. Torn down (process killed, database dropped, Redis database flushed) on deinit.
///
/// The database name is unique per fixture and the Redis database is one of 10…15, so the tests
/// never touch a running sandbox (`school_erp`, Redis db 1). The suite runs serialized, so two
/// fixtures never share a Redis database.
final class ERPFixture {
    /// Where one of the servers is unreachable, for the failure tests.
    enum Outage: String, CaseIterable, Sendable {
        case database, redis
    }

    let databaseName = "school_erp_test_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let redisDatabase = Int.random(in: 10...15)
    let folder: URL
    private(set) var port = 0
    private let process = Process()

    var databaseURL: String { "postgres://runbook:runbook-test-pw@127.0.0.1:54329/\(databaseName)" }
    var base: URL { URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }
    var logFile: URL { folder.appendingPathComponent("school-erp.log") }

    /// Seeds both servers and starts the ERP; with `outage`, the ERP is pointed at a closed port
    /// in place of that server. `environment` adds to the ERP's (thresholds, for instance).
    init(outage: Outage? = nil, environment: [String: String] = [:]) async throws {
        try TestServers.requireListening(port: 54329, name: "PostgreSQL")
        try TestServers.requireListening(port: 63799, name: "Redis")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("school-erp-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = Fixtures.repositoryRoot()
        try Tool.psql(TestServers.postgresURL, "CREATE DATABASE \(databaseName)")
        try Tool.run(["psql", databaseURL, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                      "-f", root.appendingPathComponent("Sandbox/seed.sql").path])
        try Tool.redis(redisDatabase, "FLUSHDB")
        try Tool.run(Tool.redisCLI(redisDatabase) + ["--eval", root.appendingPathComponent("Sandbox/seed.lua").path])

        let closed = try Tool.closedPort()
        let database = outage == .database ? "postgres://runbook:runbook-test-pw@127.0.0.1:\(closed)/\(databaseName)" : databaseURL
        let redis = "redis://:runbook-test-pw@127.0.0.1:\(outage == .redis ? closed : 63799)/\(redisDatabase)"
        process.executableURL = Self.binary
        process.arguments = ["--host", "127.0.0.1", "--port", "0", "--database-url", database, "--redis-url", redis]
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            .merging(environment) { $1 }
        guard FileManager.default.createFile(atPath: logFile.path, contents: nil) else {
            throw TestServers.Missing(description: "cannot create \(logFile.path)")
        }
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        port = try await waitForPort()
    }

    deinit {
        // SIGKILL: a child started from a Swift worker thread may inherit a mask blocking SIGTERM.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = try? Tool.psql(TestServers.postgresURL, "DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)")
        _ = try? Tool.redis(redisDatabase, "FLUSHDB")
        try? FileManager.default.removeItem(at: folder)
    }

    func get(_ path: String) async throws -> HTTPReply {
        try await HTTPReply.send("GET", base.appendingPathComponent(path))
    }

    func post(_ path: String, json: String, headers: [String: String] = [:]) async throws -> HTTPReply {
        try await HTTPReply.send("POST", base.appendingPathComponent(path), json: json, headers: headers)
    }

    /// SQL on this fixture's database.
    @discardableResult
    func sql(_ statement: String) throws -> String { try Tool.psql(databaseURL, statement) }

    /// A Redis command on this fixture's Redis database.
    @discardableResult
    func redis(_ arguments: String...) throws -> String { try Tool.run(Tool.redisCLI(redisDatabase) + arguments) }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// The port from the ERP's `started` log line, written once it listens.
    private func waitForPort() async throws -> Int {
        for _ in 0..<600 {
            for line in log.split(separator: "\n") where line.contains(#""event":"started""#) {
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if let port = object?["port"] as? Int { return port }
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestServers.Missing(description: "school-erp did not start; its log:\n\(log)")
    }

    /// The built `school-erp`, next to the test bundle (SwiftPM builds both into one folder).
    static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("school-erp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return Fixtures.repositoryRoot().appendingPathComponent(".build/debug/school-erp")
    }
}
