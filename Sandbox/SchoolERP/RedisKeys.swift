/// The Redis keys the ERP reads, named once so the routes, the probes and the sandbox's
/// documentation agree on them.
enum RedisKeys {
    /// The Bull queues the ERP reports on.
    static let queues = ["notifications", "emails"]

    /// Set (to anything) by level 2: the tenant's traffic is refused with 503.
    static func blocked(_ schema: String) -> String { "tenant:blocked:\(schema)" }
    /// Set (to anything) by level 4: the tenant sees the maintenance message with 503.
    static func maintenance(_ schema: String) -> String { "tenant:maintenance:\(schema)" }
    /// The text the maintenance page shows; a default is used when it is absent.
    static func maintenanceMessage(_ schema: String) -> String { "tenant:maintenance:message:\(schema)" }

    static let blockedPrefix = "tenant:blocked:"
    static let maintenancePrefix = "tenant:maintenance:"
    static let maintenanceMessagePrefix = "tenant:maintenance:message:"

    /// Bull's jobs waiting to run (a list).
    static func waiting(_ queue: String) -> String { "bull:\(queue):wait" }
    /// Bull's failed jobs, the dead-letter queue (a sorted set of job ids).
    static func failed(_ queue: String) -> String { "bull:\(queue):failed" }
    /// Bull's completed jobs (a sorted set of job ids).
    static func completed(_ queue: String) -> String { "bull:\(queue):completed" }

    /// Failed logins in the current window; the first failure gives it a 60-second lifetime.
    static let loginFailures = "metrics:login_failures"
}
