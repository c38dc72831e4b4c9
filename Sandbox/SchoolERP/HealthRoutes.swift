import Foundation
import Hummingbird

/// `/health`, `/health/ready`, `/health/queues` and `/version`: the checks the seeds' level 1
/// runs before and after a restart. Each request queries the servers; nothing is cached.
struct HealthRoutes: Sendable {
    let erp: SchoolERP

    /// `GET /version`.
    struct Version: Encodable {
        var version: String
        var deployedAt: Date
        var pid: Int32
        var startedAt: Date
    }

    func register(on router: Router<ERPRequestContext>) {
        router.get("/health") { _, _ in JSONReply.make(["status": "ok"]) }
        router.get("/health/ready") { _, _ in await ready() }
        router.get("/health/queues") { _, _ in await queues() }
        router.get("/version") { _, _ in await version() }
    }

    /// 200 when `select 1` and `PING` both answer, else 503 naming the failing check.
    private func ready() async -> Response {
        async let database = erp.probe.pingDatabase()
        async let redis = erp.probe.pingRedis()
        let (db, cache) = await (database, redis)
        struct Ready: Encodable {
            var status: String
            var checks: [String: String]
            var errors: [String: String]?
        }
        var errors: [String: String] = [:]
        if let error = db.error { errors["database"] = error }
        if let error = cache.error { errors["redis"] = error }
        let body = Ready(
            status: errors.isEmpty ? "ready" : "not ready",
            checks: ["database": db.isReachable ? "ok" : "down", "redis": cache.isReachable ? "ok" : "down"],
            errors: errors.isEmpty ? nil : errors
        )
        return JSONReply.make(body, status: errors.isEmpty ? .ok : .serviceUnavailable)
    }

    private func queues() async -> Response {
        do {
            return JSONReply.make(try await erp.probe.queues())
        } catch {
            return JSONReply.error(.serviceUnavailable, "redis unavailable", ["status": "down", "detail": "\(error)"])
        }
    }

    private func version() async -> Response {
        do {
            guard let deployment = try await erp.store.currentDeployment() else {
                return JSONReply.error(.serviceUnavailable, "no deployment is marked current")
            }
            return JSONReply.make(Version(
                version: deployment.version, deployedAt: deployment.deployedAt, pid: getpid(), startedAt: erp.startedAt
            ))
        } catch {
            return JSONReply.error(.serviceUnavailable, "database unavailable", ["detail": "\(error)"])
        }
    }
}
