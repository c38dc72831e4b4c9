import Foundation
import Hummingbird
import Logging

// school-erp: the stand-in of the seeds' school ERP that `scripts/sandbox` runs on 127.0.0.1.
// See Sandbox/README.md for the endpoints, the data and the flags it honours.

// A process started from a Swift worker thread can inherit a mask that blocks SIGTERM; unblock
// it before any thread starts, so `scripts/sandbox stop` and `restart` shut the ERP down cleanly.
var shutdownSignals = sigset_t()
sigemptyset(&shutdownSignals)
sigaddset(&shutdownSignals, SIGTERM)
sigaddset(&shutdownSignals, SIGINT)
pthread_sigmask(SIG_UNBLOCK, &shutdownSignals, nil)
// A closed log pipe must not kill the server: a failed write is dropped instead.
signal(SIGPIPE, SIG_IGN)

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("school-erp: \(message)\n".utf8))
    exit(status)
}

let settings: ERPSettings
do {
    settings = try ERPSettings(
        arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment
    )
} catch {
    fail("\(error)\n\(ERPSettings.usage)", status: 2)
}
guard let postgres = PostgresEndpoint(url: settings.databaseURL) else {
    fail("the database URL must look like postgres://user:password@host:port/database", status: 2)
}
guard let redis = RedisEndpoint(url: settings.redisURL) else {
    fail("the Redis URL must look like redis://:password@host:port/db", status: 2)
}

var logger = Logger(label: "school-erp")
logger.logLevel = .notice
let erp = SchoolERP(settings: settings, database: postgres, redis: redis, logger: logger)
let pidFile = settings.pidFile
let app = Application(
    router: erp.router(),
    configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "school-erp"),
    onServerRunning: { channel in
        let port = channel.localAddress?.port ?? settings.port
        if let pidFile {
            try? "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8)
        }
        EventLog.write("started", [
            "pid": Int(getpid()), "host": settings.host, "port": port,
            "database": postgres.description, "redis": redis.description,
        ])
    },
    logger: logger
)
do {
    try await app.runService()
} catch {
    fail("\(error)", status: 1)
}
if let pidFile, (try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "\(getpid())" {
    try? FileManager.default.removeItem(atPath: pidFile)
}
EventLog.write("stopped", ["pid": Int(getpid())])
