/// The JSON shapes of the health endpoints, shared by the probes, the assessment and the routes.
///
/// Field names are the contract playbooks are written against (Sandbox/README.md); change them
/// only together with it.
enum HealthModels {
    /// One dependency (PostgreSQL or Redis) as a health check saw it.
    struct Dependency: Encodable, Sendable {
        /// `ok`, `slow` (answered after the latency threshold, or the statement was cancelled) or `down`.
        var status: String
        var latencyMs: Int?
        var error: String?

        var isReachable: Bool { status != "down" }
    }

    /// The three Bull lists of one queue.
    struct QueueCounts: Encodable, Sendable, Equatable {
        var waiting = 0
        var failed = 0
        var completed = 0

        static func + (lhs: Self, rhs: Self) -> Self {
            Self(waiting: lhs.waiting + rhs.waiting, failed: lhs.failed + rhs.failed, completed: lhs.completed + rhs.completed)
        }
    }

    /// `GET /health/queues`.
    struct Queues: Encodable, Sendable {
        /// `ok`, or `degraded` when a queue's failed jobs exceed `threshold`.
        var status: String
        var threshold: Int
        var queues: [String: QueueCounts]
        var total: QueueCounts
        /// The queues over the threshold, by name.
        var degraded: [String]
    }

    /// The tenant flags set in Redis, found by scanning `tenant:*`.
    struct Flags: Encodable, Sendable {
        var blocked: [String]
        var maintenance: [String]
    }

    /// One alert of `/health/golive/alerts`; the names are the seeds' red flags.
    struct Alert: Encodable, Sendable {
        var name: String
        /// The seeds' severity: P0 (system down) to P2.
        var severity: String
        var message: String
    }

    /// The `checks` object of `/health/golive`.
    struct Checks: Encodable, Sendable {
        var database: Dependency
        var redis: Dependency
        var queues: Summary
        var tenants: Summary
        var logins: Summary
    }

    /// A derived check: its status (`ok`, `degraded` or `unknown` while Redis is down) and details.
    struct Summary: Encodable, Sendable {
        var status: String
        var failed: Int?
        var threshold: Int?
        var degraded: [String]?
        var blocked: [String]?
        var maintenance: [String]?
        var failuresThisMinute: Int?
    }

    /// `GET /health/golive`.
    struct GoLive: Encodable, Sendable {
        /// GREEN, YELLOW or RED.
        var overallHealth: String
        var alerts: [Alert]
        var checks: Checks
    }
}

extension HealthModels {
    /// One tenant's flags, read together with MGET for the tenant routes.
    struct TenantFlags: Sendable {
        var blocked: Bool
        var maintenance: Bool
        /// `tenant:maintenance:message:<schema>`, when set.
        var message: String?
    }

    /// `GET /health/golive/tenant/:schema`, and one entry of the pilot summary. What is unknown
    /// (flags while Redis is down, counts of a missing table) or unset (the maintenance message)
    /// is left out of the JSON.
    struct TenantHealth: Encodable, Sendable {
        var schema: String
        var name: String
        var status: String
        /// Whether the schema exists (a restore drops it for a moment).
        var exists: Bool
        /// Nil while Redis is unreachable.
        var blocked: Bool?
        var maintenance: Bool?
        var maintenanceMessage: String?
        var activeSessions: Int?
        var admins: Int?
        var tables: [String: Int]
        /// GREEN, YELLOW (flagged, or not ready) or RED (schema or tables missing).
        var health: String
        /// Why the tenant is not ready for traffic; empty when it is.
        var issues: [String]
        /// No issue: the schema is complete, has an admin, is active and is not flagged.
        var ready: Bool
    }

    /// `GET /health/golive/pilot`: the go-live checklist's automatable rows across tenants.
    struct Pilot: Encodable, Sendable {
        /// GO, or DO NOT ONBOARD when any item fails (the checklist's final gate).
        var verdict: String
        var ready: Bool
        var pilotMode: Bool
        var maxSchools: Int
        var schools: Int
        var checks: [String: String]
        var tenants: [TenantHealth]
        var issues: [String]
    }
}
