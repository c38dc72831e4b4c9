import Foundation
import Hummingbird
import Logging

/// The school ERP stand-in: its connections, and the router serving the seeds' endpoints.
///
/// Everything a route needs is here, built once at start; the routes themselves live in
/// `HealthRoutes`, `GoLiveRoutes` and `TenantRoutes`, grouped as the seeds' runbook uses them.
struct SchoolERP: Sendable {
    let settings: ERPSettings
    let database: ERPDatabase
    let redis: RedisClient
    let store: TenantStore
    let probe: HealthProbe
    let startedAt = Date()

    init(settings: ERPSettings, database: PostgresEndpoint, redis: RedisEndpoint, logger: Logger) {
        self.settings = settings
        self.database = ERPDatabase(endpoint: database, logger: logger)
        self.redis = RedisClient(endpoint: redis)
        store = TenantStore(database: self.database)
        probe = HealthProbe(settings: settings, database: self.database, redis: self.redis)
    }

    func router() -> Router<ERPRequestContext> {
        let router = Router(context: ERPRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        HealthRoutes(erp: self).register(on: router)
        GoLiveRoutes(erp: self).register(on: router)
        TenantRoutes(erp: self).register(on: router)
        return router
    }
}
