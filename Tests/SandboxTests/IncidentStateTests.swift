import Foundation
import Testing

/// What the playbooks change, seen through the ERP: tenant flags, a DLQ spike, failed logins,
/// revoked sessions, a dropped schema. Each test changes the real servers and reads the result.
@Suite("school-erp: incidents", .serialized)
struct IncidentStateTests {
    /// A tenant flag as levels 2 and 4 set it, and what the flagged school's route must say.
    struct Flag: Sendable, CustomTestStringConvertible {
        var keys: [(String, String)]
        var error: String
        var message: String?
        var testDescription: String { keys.map(\.0).joined(separator: " + ") }
    }

    static let flags = [
        Flag(keys: [("tenant:blocked:greenwood_high", "true")], error: "tenant blocked"),
        Flag(keys: [("tenant:maintenance:greenwood_high", "true")], error: "tenant in maintenance",
             message: "System maintenance in progress."),
        Flag(keys: [("tenant:maintenance:greenwood_high", "true"),
                    ("tenant:maintenance:message:greenwood_high", "Back at 14:00.")],
             error: "tenant in maintenance", message: "Back at 14:00."),
    ]

    @Test("a tenant flag closes only that school, and deleting it reopens it", arguments: flags)
    func tenantFlag(_ flag: Flag) async throws {
        let erp = try await ERPFixture()
        for (key, value) in flag.keys { try erp.redis("SET", key, value) }

        let closed = try await erp.get("/api/tenants/greenwood_high/dashboard")
        #expect(closed.status == 503)
        #expect(closed.string("error") == flag.error)
        #expect(closed.string("message") == flag.message)
        let other = try await erp.get("/api/tenants/riverside_academy/dashboard")
        #expect(other.status == 200)
        #expect(other.string("tenant") == "riverside_academy")

        let golive = try await erp.get("/health/golive")
        #expect(golive.string("overallHealth") == "YELLOW")
        #expect(golive.alertNames == [])
        let tenant = try await erp.get("/health/golive/tenant/greenwood_high")
        #expect(tenant.string("health") == "YELLOW")
        #expect(tenant.bool("ready") == false)
        let pilot = try await erp.get("/health/golive/pilot")
        #expect(pilot.string("verdict") == "DO NOT ONBOARD")

        for (key, _) in flag.keys { try erp.redis("DEL", key) }
        #expect(try await erp.get("/api/tenants/greenwood_high/dashboard").status == 200)
        #expect(try await erp.get("/health/golive").string("overallHealth") == "GREEN")
    }

    @Test("a DLQ over the threshold degrades the queues and turns go-live YELLOW", arguments: [
        (50, false), (51, true),
    ])
    func deadLetterQueue(_ failed: Int, _ spike: Bool) async throws {
        let erp = try await ERPFixture()
        // The seed has 3 failed notifications (ids 5…7); add ids from 1000 up to reach `failed`.
        let members = (0..<(failed - 3)).flatMap { ["\($0)", "\(1000 + $0)"] }
        try Tool.run(Tool.redisCLI(erp.redisDatabase) + ["ZADD", "bull:notifications:failed"] + members)

        let queues = try await erp.get("/health/queues")
        #expect(queues.int("queues.notifications.failed") == failed)
        #expect(queues.string("status") == (spike ? "degraded" : "ok"))
        let golive = try await erp.get("/health/golive")
        #expect(golive.string("overallHealth") == (spike ? "YELLOW" : "GREEN"))
        #expect(golive.alertNames == (spike ? ["DLQ_SPIKE"] : []))
        #expect(try await erp.get("/health/golive/alerts").alertNames == (spike ? ["DLQ_SPIKE"] : []))
    }

    @Test func failedLoginsRaiseTheSpikeAlertAndAreLogged() async throws {
        let erp = try await ERPFixture()
        let wrong = #"{"email":"admin1@greenwood-high.example","password":"guess"}"#
        for _ in 1...21 {
            let reply = try await erp.post("/api/tenants/greenwood_high/login", json: wrong, headers: ["X-Forwarded-For": "203.0.113.9"])
            #expect(reply.status == 401)
        }
        #expect(try erp.redis("GET", "metrics:login_failures") == "21")
        let golive = try await erp.get("/health/golive")
        #expect(golive.alertNames == ["LOGIN_FAILURE_SPIKE"])
        #expect(golive.string("overallHealth") == "YELLOW")
        let failures = erp.log.split(separator: "\n").filter { $0.contains(#""event":"login_failures""#) }
        #expect(failures.count == 21)
        #expect(failures.allSatisfy { $0.contains(#""ip":"203.0.113.9""#) })
    }

    @Test func aGoodLoginAddsAnActiveSession() async throws {
        let erp = try await ERPFixture()
        let login = try await erp.post(
            "/api/tenants/riverside_academy/login", json: #"{"email":"teacher2@riverside-academy.example","password":"school-erp-sandbox"}"#
        )
        #expect(login.status == 200)
        #expect(login.string("role") == "teacher")
        let token = try #require(login.string("token"))
        #expect(try erp.sql("SELECT count(*) FROM riverside_academy.user_sessions WHERE token_hash = md5('\(token)')") == "1")
        #expect(try await erp.get("/health/golive/tenant/riverside_academy").int("activeSessions") == 15)
    }

    @Test func revokedSessionsLeaveTheActiveCount() async throws {
        let erp = try await ERPFixture()
        try erp.sql("""
            UPDATE greenwood_high.user_sessions SET revoked_at = now(), revoked_reason = 'Tenant isolated for maintenance'
            WHERE revoked_at IS NULL
            """)
        #expect(try await erp.get("/health/golive/tenant/greenwood_high").int("activeSessions") == 0)
        #expect(try await erp.get("/health/golive/tenant/riverside_academy").int("activeSessions") == 14)
    }

    @Test func aDroppedSchemaIsRedAndItsRouteUnavailable() async throws {
        let erp = try await ERPFixture()
        try erp.sql("DROP SCHEMA greenwood_high CASCADE")
        let tenant = try await erp.get("/health/golive/tenant/greenwood_high")
        #expect(tenant.status == 200)
        #expect(tenant.bool("exists") == false)
        #expect(tenant.string("health") == "RED")
        let dashboard = try await erp.get("/api/tenants/greenwood_high/dashboard")
        #expect(dashboard.status == 503)
        #expect(dashboard.string("error") == "tenant data unavailable")
        #expect(try await erp.get("/api/tenants/riverside_academy/dashboard").status == 200)
    }
}
