import CHiredis
import Dispatch
import Foundation

/// The ERP's connection to Redis: one hiredis connection, opened on first use and opened again
/// after it broke, so a Redis restart never needs an ERP restart.
///
/// hiredis blocks, so every command runs on `queue`, a serial dispatch queue, off Swift's
/// cooperative pool; callers wait through a continuation. Connecting gives up after
/// `connectTimeout` and a command after `commandTimeout`, so a dead Redis answers health checks
/// quickly instead of hanging them. `@unchecked Sendable` is safe: `context` is touched only on `queue`.
final class RedisClient: @unchecked Sendable {
    /// Redis could not be reached, or the command did not get a usable reply.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let endpoint: RedisEndpoint
    private let connectTimeout: timeval
    private let commandTimeout: timeval
    private let queue = DispatchQueue(label: "school-erp.redis")
    /// Confined to `queue`.
    private var context: UnsafeMutablePointer<redisContext>?

    init(endpoint: RedisEndpoint, connectTimeout: Duration = .seconds(1), commandTimeout: Duration = .seconds(2)) {
        self.endpoint = endpoint
        self.connectTimeout = Self.socketTimeout(connectTimeout)
        self.commandTimeout = Self.socketTimeout(commandTimeout)
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// Sends one command and returns the reply, error replies included; throws only when
    /// Redis could not be reached or the connection broke.
    func send(_ argv: [String]) async throws -> RedisValue {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try self.perform(argv) }) }
        }
    }

    /// Sends one command; an error reply is thrown as a `Failure` too.
    func command(_ argv: String...) async throws -> RedisValue {
        let reply = try await send(argv)
        if case .error(let text) = reply {
            throw Failure(description: "redis \(argv.first ?? "command") failed: \(text)")
        }
        return reply
    }

    // MARK: On the queue

    private func perform(_ argv: [String]) throws -> RedisValue {
        // A connection the server closed while it sat idle (a restart, CLIENT KILL) is
        // readable at EOF: replace it before sending, so no request fails because of it.
        if let context, Self.isReadable(context) { drop() }
        let reused = context != nil
        do {
            return try attempt(argv)
        } catch where reused {
            // It broke between the check and the command: one more try on a fresh connection.
            return try attempt(argv)
        }
    }

    private func attempt(_ argv: [String]) throws -> RedisValue {
        let context = try connected()
        guard let raw = Self.send(argv, on: context) else {
            let reason = Self.errorText(of: context)
            drop()
            throw Failure(description: "redis \(argv.first ?? "command") at \(endpoint) failed: \(reason)")
        }
        defer { freeReplyObject(raw) }
        return RedisValue(raw.assumingMemoryBound(to: redisReply.self))
    }

    private func connected() throws -> UnsafeMutablePointer<redisContext> {
        if let context { return context }
        guard let fresh = redisConnectWithTimeout(endpoint.host, Int32(endpoint.port), connectTimeout) else {
            throw Failure(description: "cannot connect to \(endpoint): out of memory")
        }
        guard fresh.pointee.err == 0 else {
            let reason = Self.errorText(of: fresh)
            redisFree(fresh)
            throw Failure(description: "cannot connect to \(endpoint): \(reason)")
        }
        _ = redisSetTimeout(fresh, commandTimeout)
        var login: [[String]] = []
        if let auth = endpoint.authCommand { login.append(auth) }
        if endpoint.database != 0 { login.append(["SELECT", String(endpoint.database)]) }
        for argv in login {
            guard let raw = Self.send(argv, on: fresh) else {
                let reason = Self.errorText(of: fresh)
                redisFree(fresh)
                throw Failure(description: "cannot \(argv[0]) at \(endpoint): \(reason)")
            }
            let reply = RedisValue(raw.assumingMemoryBound(to: redisReply.self))
            freeReplyObject(raw)
            if case .error(let text) = reply {
                redisFree(fresh)
                throw Failure(description: "cannot \(argv[0]) at \(endpoint): \(text)")
            }
        }
        context = fresh
        return fresh
    }

    private func drop() {
        guard let context else { return }
        self.context = nil
        redisFree(context)
    }

    // MARK: hiredis helpers

    /// Sends `argv` with explicit lengths, so no argument is ever parsed as a command line.
    private static func send(_ argv: [String], on context: UnsafeMutablePointer<redisContext>) -> UnsafeMutableRawPointer? {
        let copies = argv.compactMap { strdup($0) }
        defer { copies.forEach { free($0) } }
        guard copies.count == argv.count, let count = Int32(exactly: argv.count) else { return nil }
        var pointers = copies.map { UnsafePointer<CChar>?($0) }
        var lengths = argv.map { $0.utf8.count }
        return redisCommandArgv(context, count, &pointers, &lengths)
    }

    /// True when the idle socket has something to read, which for an idle connection means EOF.
    private static func isReadable(_ context: UnsafeMutablePointer<redisContext>) -> Bool {
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    private static func errorText(of context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func socketTimeout(_ duration: Duration) -> timeval {
        let (seconds, attoseconds) = duration.components
        return timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
