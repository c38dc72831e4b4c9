import Testing

/// The ERP against freshly seeded data: every endpoint answers as Sandbox/README.md says, with
/// the counts the seed files promise.
@Suite("school-erp: seeded state", .serialized)
struct SeededStateTests {
    /// One tenant's row counts as Sandbox/README.md lists them.
    struct SeededTenant: Sendable, CustomTestStringConvertible {
        var schema: String
        var name: String
        var users: Int
        var admins: Int
        var students: Int
        var sessions: Int
        var activeSessions: Int
        var testDescription: String { schema }
    }

    static let tenants = [
        SeededTenant(schema: "greenwood_high", name: "Greenwood High School", users: 24, admins: 2, students: 36,
                     sessions: 30, activeSessions: 20),
        SeededTenant(schema: "riverside_academy", name: "Riverside Academy", users: 18, admins: 1, students: 28,
                     sessions: 22, activeSessions: 14),
    ]

    @Test func healthAndReadinessAreOK() async throws {
        let erp = try await ERPFixture()
        let health = try await erp.get("/health")
        #expect(health.status == 200)
        #expect(health.text == #"{"status":"ok"}"#)
        let ready = try await erp.get("/health/ready")
        #expect(ready.status == 200)
        #expect(ready.text == #"{"checks":{"database":"ok","redis":"ok"},"status":"ready"}"#)
    }

    @Test func queuesCountTheSeededJobs() async throws {
        let erp = try await ERPFixture()
        let queues = try await erp.get("/health/queues")
        #expect(queues.status == 200)
        #expect(queues.string("status") == "ok")
        #expect(queues.int("threshold") == 50)
        #expect([queues.int("queues.notifications.waiting"), queues.int("queues.notifications.failed"),
                 queues.int("queues.notifications.completed")] == [4, 3, 12])
        #expect([queues.int("queues.emails.waiting"), queues.int("queues.emails.failed"),
                 queues.int("queues.emails.completed")] == [2, 2, 8])
        #expect(queues.int("total.failed") == 5)
    }

    @Test func goLiveIsGreenWithoutAlerts() async throws {
        let erp = try await ERPFixture()
        let golive = try await erp.get("/health/golive")
        #expect(golive.status == 200)
        #expect(golive.string("overallHealth") == "GREEN")
        #expect(golive.alertNames == [])
        for check in ["database", "redis", "queues", "tenants", "logins"] {
            #expect(golive.string("checks.\(check).status") == "ok", "checks.\(check)")
        }
        let alerts = try await erp.get("/health/golive/alerts")
        #expect(alerts.text == #"{"alerts":[]}"#)
        let pilot = try await erp.get("/health/golive/pilot")
        #expect(pilot.string("verdict") == "GO")
        #expect(pilot.bool("ready") == true)
        #expect(pilot.int("schools") == 2)
    }

    @Test("tenant health and dashboard show the seeded counts", arguments: tenants)
    func tenantCounts(_ tenant: SeededTenant) async throws {
        let erp = try await ERPFixture()
        let health = try await erp.get("/health/golive/tenant/\(tenant.schema)")
        #expect(health.status == 200)
        #expect(health.string("name") == tenant.name)
        #expect(health.string("status") == "active")
        #expect(health.bool("exists") == true)
        #expect(health.bool("blocked") == false)
        #expect(health.bool("maintenance") == false)
        #expect(health.string("health") == "GREEN")
        #expect(health.int("activeSessions") == tenant.activeSessions)
        #expect(health.int("admins") == tenant.admins)
        #expect(health.int("tables.users") == tenant.users)
        #expect(health.int("tables.user_sessions") == tenant.sessions)
        #expect(health.int("tables.students") == tenant.students)
        #expect(health.int("tables.attendance") == tenant.students * 2)
        #expect(health.int("tables.grades") == tenant.students * 2)

        let dashboard = try await erp.get("/api/tenants/\(tenant.schema)/dashboard")
        #expect(dashboard.status == 200)
        #expect(dashboard.int("students") == tenant.students)
        #expect(dashboard.int("activeSessions") == tenant.activeSessions)
    }

    @Test("an unknown or malformed tenant is 404", arguments: [
        "/health/golive/tenant/nowhere_school", "/api/tenants/nowhere_school/dashboard",
        "/health/golive/tenant/Greenwood-High", "/api/tenants/x%22%3Bdrop/dashboard",
    ])
    func unknownTenant(_ path: String) async throws {
        let erp = try await ERPFixture()
        let reply = try await erp.get(path)
        #expect(reply.status == 404)
        #expect(reply.string("error") == "unknown tenant")
    }

    @Test func versionFollowsTheCurrentDeployment() async throws {
        let erp = try await ERPFixture()
        #expect(try await erp.get("/version").string("version") == "v1.5.0")
        try erp.sql("BEGIN; UPDATE public.deployments SET current = false; UPDATE public.deployments SET current = true WHERE version = 'v1.4.2'; COMMIT;")
        #expect(try await erp.get("/version").string("version") == "v1.4.2")
    }
}
