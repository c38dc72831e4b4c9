import Foundation
import Testing

/// The ERP when its servers are gone or drop its connections: it keeps answering, says which
/// dependency failed, and reconnects without a restart.
@Suite("school-erp: outages", .serialized)
struct OutageTests {
    @Test("an unreachable server makes readiness 503 and go-live RED", arguments: ERPFixture.Outage.allCases)
    func unreachable(_ outage: ERPFixture.Outage) async throws {
        let erp = try await ERPFixture(outage: outage)
        #expect(try await erp.get("/health").status == 200)

        let ready = try await erp.get("/health/ready")
        #expect(ready.status == 503)
        #expect(ready.string("status") == "not ready")
        #expect(ready.string("checks.database") == (outage == .database ? "down" : "ok"))
        #expect(ready.string("checks.redis") == (outage == .redis ? "down" : "ok"))
        #expect(ready.string("errors.\(outage.rawValue)") != nil)

        let golive = try await erp.get("/health/golive")
        #expect(golive.status == 200)
        #expect(golive.string("overallHealth") == "RED")
        #expect(golive.alertNames == [outage == .database ? "DB_DOWN" : "REDIS_DISCONNECT"])

        let dashboard = try await erp.get("/api/tenants/greenwood_high/dashboard")
        #expect(dashboard.status == 503)
        #expect(dashboard.string("error") == (outage == .database ? "database unavailable" : "tenant flags unavailable"))
        #expect(try await erp.get("/health/golive/pilot").string("verdict") == "DO NOT ONBOARD")
        // Still serving after every failure above.
        #expect(try await erp.get("/health").status == 200)
    }

    @Test func reconnectsAfterTheServersDropItsConnections() async throws {
        let erp = try await ERPFixture()
        #expect(try await erp.get("/health/ready").status == 200)

        let terminated = try erp.sql("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'school-erp'
            """)
        #expect(terminated == "1")
        let clients = try erp.redis("CLIENT", "LIST")
            .split(separator: "\n")
            .filter { $0.contains(" db=\(erp.redisDatabase) ") && !$0.contains("cmd=client") }
            .compactMap { $0.split(separator: " ").first { $0.hasPrefix("id=") }?.dropFirst(3) }
        #expect(clients.count == 1)
        for id in clients { try erp.redis("CLIENT", "KILL", "ID", String(id)) }

        let ready = try await erp.get("/health/ready")
        #expect(ready.status == 200, "\(ready.text)")
        #expect(try await erp.get("/api/tenants/greenwood_high/dashboard").status == 200)
    }

    @Test func aProbeOverTheLatencyThresholdIsSlowNotDown() async throws {
        let erp = try await ERPFixture(environment: ["DB_LATENCY_THRESHOLD_MS": "0"])
        // With a zero threshold every probe is over it: DB_HIGH_LATENCY, YELLOW, the database still up.
        let golive = try await erp.get("/health/golive")
        #expect(golive.string("checks.database.status") == "slow")
        #expect(golive.alertNames == ["DB_HIGH_LATENCY"])
        #expect(golive.string("overallHealth") == "YELLOW")
        #expect(try await erp.get("/health/ready").status == 200)
    }

    @Test func aProbeStuckBehindALockIsSlowNotDown() async throws {
        let erp = try await ERPFixture()
        // A long-running transaction holds public.tenants, as in the seeds' DB_HIGH_LATENCY playbook;
        // the ERP's statement timeout cancels its probe, which counts as slow.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["psql", erp.databaseURL, "-X", "-q", "-c",
                            "BEGIN; LOCK TABLE public.tenants IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;"]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        let lockHeld = """
            SELECT count(*) FROM pg_locks WHERE relation = 'public.tenants'::regclass AND mode = 'AccessExclusiveLock' AND granted
            """
        var attempts = 0
        while try erp.sql(lockHeld) != "1", attempts < 600 {
            attempts += 1
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try erp.sql(lockHeld) == "1")

        let golive = try await erp.get("/health/golive")
        #expect(golive.string("checks.database.status") == "slow")
        #expect(golive.alertNames == ["DB_HIGH_LATENCY"])
        #expect(golive.string("overallHealth") == "YELLOW")

        // Ending the blocker (what the playbook does with pg_terminate_backend) brings it back.
        try erp.sql("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()
            """)
        #expect(try await erp.get("/health/golive").string("overallHealth") == "GREEN")
    }
}
