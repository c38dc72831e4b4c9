import Foundation

/// How this ERP instance runs: where it listens, what it talks to, and the alert thresholds.
///
/// Command-line options win over the environment, so `scripts/sandbox` can start the ERP from a
/// playbook step whose environment names other servers. Every threshold has the seeds' meaning.
struct ERPSettings: Sendable {
    var host = "127.0.0.1"
    var port = 3000
    var databaseURL = "postgres://runbook:runbook-test-pw@127.0.0.1:54329/school_erp"
    var redisURL = "redis://:runbook-test-pw@127.0.0.1:63799/1"
    /// Where to write this process's pid once it listens (scripts/sandbox stops it by this pid).
    var pidFile: String?
    /// A queue whose failed jobs exceed this is degraded and raises DLQ_SPIKE.
    var dlqThreshold = 50
    /// Failed logins in the current minute above this raise LOGIN_FAILURE_SPIKE (seeds: >20/minute).
    var loginFailureThreshold = 20
    /// A database probe slower than this raises DB_HIGH_LATENCY (seeds: >1000 ms).
    var databaseLatencyThreshold = Duration.milliseconds(1000)
    /// The pilot limits the go-live checklist asks for (`PILOT_MODE=true`, `MAX_SCHOOLS=2`).
    var pilotMode = true
    var maxSchools = 2

    /// A usage error: `description` says which option and why.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static let usage = """
        usage: school-erp [--host H] [--port N] [--database-url URL] [--redis-url URL] [--pid-file PATH]
        environment: DATABASE_URL, REDIS_URL, PORT, DLQ_THRESHOLD, LOGIN_FAILURE_THRESHOLD,
                     DB_LATENCY_THRESHOLD_MS, PILOT_MODE, MAX_SCHOOLS
        """

    /// Reads the environment, then `arguments` (without the program name).
    init(arguments: [String], environment: [String: String]) throws {
        if let url = environment["DATABASE_URL"] { databaseURL = url }
        if let url = environment["REDIS_URL"] { redisURL = url }
        if let port = environment["PORT"] { self.port = try Self.number(port, "PORT", in: 0...65_535) }
        if let value = environment["DLQ_THRESHOLD"] { dlqThreshold = try Self.number(value, "DLQ_THRESHOLD") }
        if let value = environment["LOGIN_FAILURE_THRESHOLD"] {
            loginFailureThreshold = try Self.number(value, "LOGIN_FAILURE_THRESHOLD")
        }
        if let value = environment["DB_LATENCY_THRESHOLD_MS"] {
            databaseLatencyThreshold = .milliseconds(try Self.number(value, "DB_LATENCY_THRESHOLD_MS"))
        }
        if let value = environment["PILOT_MODE"] { pilotMode = value.lowercased() != "false" && value != "0" }
        if let value = environment["MAX_SCHOOLS"] { maxSchools = try Self.number(value, "MAX_SCHOOLS") }

        var rest = arguments[...]
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw Invalid(description: "\(option) needs a value") }
            switch option {
            case "--host": host = value
            case "--port": port = try Self.number(value, option, in: 0...65_535)
            case "--database-url": databaseURL = value
            case "--redis-url": redisURL = value
            case "--pid-file": pidFile = value
            default: throw Invalid(description: "unknown option \(option)")
            }
        }
    }

    private static func number(_ text: String, _ name: String, in range: ClosedRange<Int> = 0...1_000_000) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw Invalid(description: "\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        return value
    }
}
