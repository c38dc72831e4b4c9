/// Turns what the probes saw into the go-live verdict and its alerts.
///
/// Pure, so the rules are in one place: RED when PostgreSQL or Redis is down (DB_DOWN,
/// REDIS_DISCONNECT, both P0); YELLOW for any other alert (DLQ_SPIKE, LOGIN_FAILURE_SPIKE,
/// DB_HIGH_LATENCY) or a tenant that is blocked or in maintenance; GREEN otherwise. Tenant flags
/// are states an operator chose, not alerts, so they colour the verdict without an alert.
struct GoLiveAssessment: Sendable {
    var settings: ERPSettings
    var database: HealthModels.Dependency
    var redis: HealthModels.Dependency
    /// Nil when Redis could not be read; then the checks that need it are `unknown`.
    var queues: HealthModels.Queues?
    var flags: HealthModels.Flags?
    var loginFailures: Int?

    var alerts: [HealthModels.Alert] {
        var alerts: [HealthModels.Alert] = []
        if database.status == "down" {
            alerts.append(.init(name: "DB_DOWN", severity: "P0", message: "PostgreSQL is unreachable: \(database.error ?? "no answer")"))
        } else if database.status == "slow" {
            let latency = database.latencyMs.map { "\($0) ms" } ?? "too long"
            let limit = settings.databaseLatencyThreshold / .milliseconds(1)
            alerts.append(.init(name: "DB_HIGH_LATENCY", severity: "P2", message: "database probe took \(latency) (threshold \(Int(limit)) ms)"))
        }
        if redis.status == "down" {
            alerts.append(.init(name: "REDIS_DISCONNECT", severity: "P0", message: "Redis is unreachable: \(redis.error ?? "no answer")"))
        }
        if let queues, !queues.degraded.isEmpty {
            let detail = queues.degraded.map { "\($0): \(queues.queues[$0]?.failed ?? 0) failed" }.joined(separator: ", ")
            alerts.append(.init(name: "DLQ_SPIKE", severity: "P1", message: "failed jobs over \(queues.threshold) (\(detail))"))
        }
        if let loginFailures, loginFailures > settings.loginFailureThreshold {
            alerts.append(.init(
                name: "LOGIN_FAILURE_SPIKE", severity: "P1",
                message: "\(loginFailures) failed logins this minute (threshold \(settings.loginFailureThreshold))"
            ))
        }
        return alerts
    }

    var report: HealthModels.GoLive {
        let alerts = alerts
        let flagged = flags.map { !$0.blocked.isEmpty || !$0.maintenance.isEmpty } ?? false
        let overall: String
        if alerts.contains(where: { $0.severity == "P0" }) {
            overall = "RED"
        } else if !alerts.isEmpty || flagged {
            overall = "YELLOW"
        } else {
            overall = "GREEN"
        }
        return HealthModels.GoLive(overallHealth: overall, alerts: alerts, checks: checks)
    }

    private var checks: HealthModels.Checks {
        var queueCheck = HealthModels.Summary(status: "unknown", threshold: settings.dlqThreshold)
        if let queues {
            queueCheck.status = queues.status
            queueCheck.failed = queues.total.failed
            queueCheck.degraded = queues.degraded
        }
        var tenantCheck = HealthModels.Summary(status: "unknown")
        if let flags {
            tenantCheck.status = flags.blocked.isEmpty && flags.maintenance.isEmpty ? "ok" : "degraded"
            tenantCheck.blocked = flags.blocked
            tenantCheck.maintenance = flags.maintenance
        }
        var loginCheck = HealthModels.Summary(status: "unknown", threshold: settings.loginFailureThreshold)
        if let loginFailures {
            loginCheck.status = loginFailures > settings.loginFailureThreshold ? "degraded" : "ok"
            loginCheck.failuresThisMinute = loginFailures
        }
        return HealthModels.Checks(database: database, redis: redis, queues: queueCheck, tenants: tenantCheck, logins: loginCheck)
    }
}
