import Hummingbird

/// `/health/golive` and below: the dashboard, alerts, tenant and pilot views that the seeds'
/// support tier checks first and the go-live checklist gates on.
struct GoLiveRoutes: Sendable {
    let erp: SchoolERP

    func register(on router: Router<ERPRequestContext>) {
        router.get("/health/golive") { _, _ in JSONReply.make(await assess().report) }
        router.get("/health/golive/alerts") { _, _ in
            struct Alerts: Encodable { var alerts: [HealthModels.Alert] }
            return JSONReply.make(Alerts(alerts: await assess().alerts))
        }
        router.get("/health/golive/tenant/:schema") { _, context in
            await tenant(context.parameters.get("schema") ?? "")
        }
        router.get("/health/golive/pilot") { _, _ in await pilot() }
    }

    /// Probes both servers at once, then reads what Redis holds when it answers.
    private func assess() async -> GoLiveAssessment {
        async let database = erp.probe.probeDatabase()
        async let redis = erp.probe.pingRedis()
        var assessment = GoLiveAssessment(settings: erp.settings, database: await database, redis: await redis)
        if assessment.redis.isReachable {
            assessment.queues = try? await erp.probe.queues()
            assessment.flags = try? await erp.probe.flags()
            assessment.loginFailures = try? await erp.probe.loginFailures()
        }
        return assessment
    }

    /// 200 with the tenant's health, 404 for a schema not in `public.tenants`, 503 without the database.
    private func tenant(_ schema: String) async -> Response {
        do {
            guard let tenant = try await erp.store.tenant(schema) else {
                return JSONReply.error(.notFound, "unknown tenant", ["schema": schema])
            }
            return JSONReply.make(try await health(of: tenant))
        } catch {
            return JSONReply.error(.serviceUnavailable, "database unavailable", ["detail": "\(error)"])
        }
    }

    /// Every tenant's health and the platform checks, ending in the checklist's verdict.
    private func pilot() async -> Response {
        let assessment = await assess()
        var checks = [
            "database": assessment.database.status,
            "redis": assessment.redis.status,
            "queues": assessment.queues?.status ?? "unknown",
        ]
        var issues: [String] = []
        var tenants: [HealthModels.TenantHealth] = []
        do {
            for tenant in try await erp.store.tenants() {
                tenants.append(try await health(of: tenant))
            }
        } catch {
            checks["database"] = "down"
            issues.append("cannot list tenants: \(error)")
        }
        for (name, status) in checks.sorted(by: { $0.key < $1.key }) where status != "ok" {
            issues.append("\(name) is \(status)")
        }
        if tenants.count > erp.settings.maxSchools {
            issues.append("\(tenants.count) schools exceed MAX_SCHOOLS=\(erp.settings.maxSchools)")
        }
        if !erp.settings.pilotMode { issues.append("PILOT_MODE is not true") }
        for tenant in tenants where !tenant.ready {
            issues.append("\(tenant.schema): " + tenant.issues.joined(separator: "; "))
        }
        let ready = issues.isEmpty
        return JSONReply.make(HealthModels.Pilot(
            verdict: ready ? "GO" : "DO NOT ONBOARD", ready: ready, pilotMode: erp.settings.pilotMode,
            maxSchools: erp.settings.maxSchools, schools: tenants.count, checks: checks, tenants: tenants, issues: issues
        ))
    }

    private func health(of tenant: TenantStore.Tenant) async throws -> HealthModels.TenantHealth {
        let inventory = try await erp.store.inventory(of: tenant.schema)
        let flags = try? await erp.probe.flags(of: tenant.schema)
        var issues: [String] = []
        var broken = false
        if !inventory.exists {
            issues.append("schema \(tenant.schema) does not exist")
            broken = true
        } else {
            let missing = TenantStore.requiredTables.filter { inventory.tables[$0] == nil }
            if !missing.isEmpty {
                issues.append("missing tables: " + missing.joined(separator: ", "))
                broken = true
            }
            if inventory.admins == 0 { issues.append("no admin user") }
        }
        if tenant.status != "active" { issues.append("status is \(tenant.status)") }
        if let flags {
            if flags.blocked { issues.append("blocked (\(RedisKeys.blocked(tenant.schema)) is set)") }
            if flags.maintenance { issues.append("in maintenance (\(RedisKeys.maintenance(tenant.schema)) is set)") }
        } else {
            issues.append("flags unknown: Redis is unreachable")
        }
        return HealthModels.TenantHealth(
            schema: tenant.schema, name: tenant.name, status: tenant.status, exists: inventory.exists,
            blocked: flags?.blocked, maintenance: flags?.maintenance, maintenanceMessage: flags?.message,
            activeSessions: inventory.activeSessions, admins: inventory.admins, tables: inventory.tables,
            health: broken ? "RED" : issues.isEmpty ? "GREEN" : "YELLOW", issues: issues, ready: issues.isEmpty
        )
    }
}
