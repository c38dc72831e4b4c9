import BackendTestSupport
import Foundation

/// A private `redis-server` on its own 127.0.0.1 port (63800 and up), for tests that stop and
/// restart the server under a live session. No persistence: a restart empties it.
///
/// Use it through `withServer`, which stops the server however the body ends.
final class RedisServerProcess: @unchecked Sendable {
    let port: Int
    let password: String
    private let directory: URL
    private let lock = NSLock()
    private var process: Process?

    private init(password: String) throws {
        self.password = password
        port = try PortAllocator.shared.next()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-redis-\(port)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = """
            port \(port)
            bind 127.0.0.1
            save ""
            appendonly no
            requirepass \(password)
            dir \(directory.path)
            daemonize no
            logfile ""

            """
        try config.write(to: directory.appendingPathComponent("redis.conf"), atomically: true, encoding: .utf8)
    }

    /// Starts a server, runs `body`, and stops the server (and deletes its folder) afterwards.
    static func withServer<T>(password: String, _ body: (RedisServerProcess) async throws -> T) async throws -> T {
        let server = try RedisServerProcess(password: password)
        defer { try? FileManager.default.removeItem(at: server.directory) }
        do {
            try await server.start()
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    func url(database: Int = 0) -> String { "redis://:\(password)@127.0.0.1:\(port)/\(database)" }

    /// Starts the server and waits until it accepts connections.
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = [directory.appendingPathComponent("redis.conf").path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try Self.launchWithSignalsUnblocked(process)
        lock.withLock { self.process = process }
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                try TestServers.requireListening(port: port, name: "test redis-server")
                return
            } catch {
                guard ContinuousClock.now < deadline, process.isRunning else { throw error }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// Stops the server (SIGTERM, or SIGKILL when `abruptly` or when it lingers) and waits for it to exit.
    func stop(abruptly: Bool = false) async {
        guard let process = lock.withLock({ () -> Process? in
            defer { self.process = nil }
            return self.process
        }) else { return }
        kill(process.processIdentifier, abruptly ? SIGKILL : SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning {
            if ContinuousClock.now > deadline { kill(process.processIdentifier, SIGKILL) }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// A child inherits the spawning thread's signal mask, and dispatch worker threads block
    /// SIGTERM: spawned as is, the server would ignore `stop()`.
    private static func launchWithSignalsUnblocked(_ process: Process) throws {
        var none = sigset_t()
        var previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }
}

struct NoFreePort: Error, CustomStringConvertible {
    var description: String { "no free port from 63800 up for a test redis-server" }
}

/// Hands out ports from 63800 up, skipping any already in use, once each per test process.
final class PortAllocator: @unchecked Sendable {
    static let shared = PortAllocator()
    private let lock = NSLock()
    private var candidate = 63_800

    func next() throws -> Int {
        try lock.withLock {
            while candidate < 64_800 {
                let port = candidate
                candidate += 1
                if (try? TestServers.requireListening(port: port, name: "probe")) == nil { return port }
            }
            throw NoFreePort()
        }
    }
}
