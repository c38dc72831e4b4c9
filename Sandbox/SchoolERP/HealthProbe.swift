/// Looks at the real state behind every health endpoint: it queries PostgreSQL and Redis on
/// each call and keeps nothing between calls, so a playbook sees the effect of its last step.
struct HealthProbe: Sendable {
    let settings: ERPSettings
    let database: ERPDatabase
    let redis: RedisClient

    /// `select 1`: what readiness asks of the database.
    func pingDatabase() async -> HealthModels.Dependency {
        await measure { _ = try await database.rows("select 1", timeout: .seconds(3)) }.check
    }

    /// `PING`: what readiness asks of Redis.
    func pingRedis() async -> HealthModels.Dependency {
        await measure { _ = try await redis.command("PING") }.check
    }

    /// A query on a real table, timed: what go-live asks of the database. Slower than the
    /// threshold is `slow`; so is a query the server cancelled after its statement timeout (a lock
    /// held by a long-running transaction), since the database is up, only stuck.
    func probeDatabase() async -> HealthModels.Dependency {
        let (check, elapsed) = await measure(slowWhen: { ($0 as? ERPDatabase.Failure)?.sqlState == "57014" }) {
            _ = try await database.rows("select count(*) from public.tenants")
        }
        guard check.status == "ok", elapsed > settings.databaseLatencyThreshold else { return check }
        return HealthModels.Dependency(status: "slow", latencyMs: check.latencyMs)
    }

    /// Counts of every queue's Bull lists.
    func queues() async throws -> HealthModels.Queues {
        var queues: [String: HealthModels.QueueCounts] = [:]
        for queue in RedisKeys.queues {
            queues[queue] = HealthModels.QueueCounts(
                waiting: try await size(of: RedisKeys.waiting(queue)),
                failed: try await size(of: RedisKeys.failed(queue)),
                completed: try await size(of: RedisKeys.completed(queue))
            )
        }
        let degraded = queues.filter { $0.value.failed > settings.dlqThreshold }.keys.sorted()
        return HealthModels.Queues(
            status: degraded.isEmpty ? "ok" : "degraded", threshold: settings.dlqThreshold, queues: queues,
            total: queues.values.reduce(HealthModels.QueueCounts(), +), degraded: degraded
        )
    }

    /// Every tenant with a block or maintenance flag, whether or not the tenant exists.
    func flags() async throws -> HealthModels.Flags {
        var blocked: Set<String> = []
        var maintenance: Set<String> = []
        var cursor = "0"
        repeat {
            let reply = try await redis.command("SCAN", cursor, "MATCH", "tenant:*", "COUNT", "500")
            guard case .array(let parts) = reply, parts.count == 2, let next = parts[0].string,
                  case .array(let keys) = parts[1]
            else { throw RedisClient.Failure(description: "redis SCAN gave an unexpected reply") }
            for key in keys.compactMap(\.string) {
                if key.hasPrefix(RedisKeys.blockedPrefix) {
                    blocked.insert(String(key.dropFirst(RedisKeys.blockedPrefix.count)))
                } else if key.hasPrefix(RedisKeys.maintenancePrefix), !key.hasPrefix(RedisKeys.maintenanceMessagePrefix) {
                    maintenance.insert(String(key.dropFirst(RedisKeys.maintenancePrefix.count)))
                }
            }
            cursor = next
        } while cursor != "0"
        return HealthModels.Flags(blocked: blocked.sorted(), maintenance: maintenance.sorted())
    }

    /// Failed logins counted in the current one-minute window.
    func loginFailures() async throws -> Int {
        try await redis.command("GET", RedisKeys.loginFailures).integer ?? 0
    }

    /// The number of members of a queue key, whichever Redis type a playbook left it as.
    private func size(of key: String) async throws -> Int {
        let type = try await redis.command("TYPE", key).string ?? "none"
        let command: String
        switch type {
        case "list": command = "LLEN"
        case "zset": command = "ZCARD"
        case "set": command = "SCARD"
        case "hash": command = "HLEN"
        default: return 0
        }
        return try await redis.command(command, key).integer ?? 0
    }

    /// Runs `work` and says how it went and how long it took; an error `slowWhen` accepts means
    /// `slow`, any other error `down`.
    private func measure(
        slowWhen isSlow: (any Error) -> Bool = { _ in false }, _ work: () async throws -> Void
    ) async -> (check: HealthModels.Dependency, elapsed: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await work()
            let elapsed = start.duration(to: clock.now)
            return (HealthModels.Dependency(status: "ok", latencyMs: Int(elapsed / .milliseconds(1))), elapsed)
        } catch {
            let elapsed = start.duration(to: clock.now)
            let status = isSlow(error) ? "slow" : "down"
            return (HealthModels.Dependency(status: status, latencyMs: Int(elapsed / .milliseconds(1)), error: "\(error)"), elapsed)
        }
    }
}

extension HealthProbe {
    /// One tenant's block and maintenance flags and message, in one round trip.
    func flags(of schema: String) async throws -> HealthModels.TenantFlags {
        let reply = try await redis.command(
            "MGET", RedisKeys.blocked(schema), RedisKeys.maintenance(schema), RedisKeys.maintenanceMessage(schema)
        )
        guard case .array(let values) = reply, values.count == 3 else {
            throw RedisClient.Failure(description: "redis MGET gave an unexpected reply")
        }
        return HealthModels.TenantFlags(blocked: values[0] != .null, maintenance: values[1] != .null, message: values[2].string)
    }
}
