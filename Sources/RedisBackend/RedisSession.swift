import BackendKit
import CHiredis
import Dispatch
import Foundation

/// One hiredis connection to a Redis target, shared by every step and probe of a run.
///
/// hiredis blocks, so its calls run on `queue`, a serial dispatch queue of this session, off
/// Swift's cooperative pool; callers wait through a checked continuation, and concurrent requests
/// run one after another in arrival order. A connection that broke or timed out is dropped (its
/// late reply must never answer the next command) and the next request reconnects, sending AUTH
/// and SELECT again. An idle connection the server closed (a restart, its idle timeout) is found
/// before the next command is sent and replaced without failing that request. Cancelling the
/// waiting task shuts the socket down, which ends a blocked call at once.
///
/// `@unchecked Sendable` is safe: `context` and the other connection state are touched only on
/// `queue`, which is serial, and the cancellation state is touched only while holding `lock`.
final class RedisSession: BackendSession, @unchecked Sendable {
    let configuration: RedisConfiguration
    private let connectTimeout: Duration
    /// The deadline of a request without its own; nil waits as long as the command takes.
    private let defaultTimeout: Duration?
    private let queue: DispatchQueue

    // Confined to `queue`.
    private var context: UnsafeMutablePointer<redisContext>?
    /// The database a new connection selects: the URL's, then that of the last successful `SELECT`.
    private var database: Int
    private var inTransaction = false
    private var watching = false
    /// A connection was lost inside MULTI or WATCH: the next request fails instead of silently
    /// running outside the transaction the playbook opened.
    private var transactionLost = false
    private var closed = false

    // Guarded by `lock`.
    private let lock = NSLock()
    private var nextTicket: UInt64 = 0
    /// Requests not yet sent, and whether their task was cancelled meanwhile.
    private var waiting: [UInt64: Bool] = [:]
    /// The request being sent or awaiting its reply, and its socket.
    private var running: (ticket: UInt64, socket: Int32)?
    private var interrupted = false

    init(configuration: RedisConfiguration, name: String, connectTimeout: Duration, defaultTimeout: Duration?) {
        self.configuration = configuration
        self.connectTimeout = connectTimeout
        self.defaultTimeout = defaultTimeout
        database = configuration.database
        queue = DispatchQueue(label: "runbook.redis.\(name)")
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// Connects now, so that a wrong address or password fails before the first step.
    func open() async throws {
        try await onQueue { _ = try self.connectedContext() }
    }

    func run(_ request: BackendRequest, output: OutputSink) async throws -> BackendResult {
        guard let argv = request.strings("command"), let name = argv.first, !name.isEmpty else {
            throw BackendError(.invalidRequest, "a redis request needs `command`: a non-empty list, the command name first")
        }
        if let refusal = RedisKeyBudget.refusal(for: argv, maxKeys: request.limits.maxKeys) {
            return BackendResult(outputs: ["reply": .null, "value": .null], failure: refusal)
        }
        let reply = try await execute(argv, timeout: request.timeout ?? defaultTimeout)
        return BackendResult(outputs: ["reply": reply.value, "value": reply.value], failure: reply.error)
    }

    func close() async {
        try? await onQueue {
            self.closed = true
            self.dropConnection()
        }
    }

    // MARK: Waiting for the queue

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result(catching: body)) }
        }
    }

    private func execute(_ argv: [String], timeout: Duration?) async throws -> RedisReply {
        let ticket = lock.withLock {
            nextTicket += 1
            waiting[nextTicket] = false
            return nextTicket
        }
        return try await withTaskCancellationHandler {
            try await onQueue { try self.perform(argv, timeout: timeout, ticket: ticket) }
        } onCancel: {
            self.interrupt(ticket)
        }
    }

    private func interrupt(_ ticket: UInt64) {
        lock.withLock {
            if let running, running.ticket == ticket {
                interrupted = true
                _ = shutdown(running.socket, Int32(SHUT_RDWR))
            } else if waiting[ticket] != nil {
                waiting[ticket] = true
            }
        }
    }

    /// Marks the request as running on `socket`; false when its task was cancelled while it waited.
    private func begin(_ ticket: UInt64, socket: Int32) -> Bool {
        lock.withLock {
            let cancelled = waiting.removeValue(forKey: ticket) ?? false
            if !cancelled {
                running = (ticket, socket)
                interrupted = false
            }
            return !cancelled
        }
    }

    /// Ends the request; true when a cancellation shut its socket down.
    private func end(_ ticket: UInt64) -> Bool {
        lock.withLock {
            waiting[ticket] = nil
            guard running?.ticket == ticket else { return false }
            running = nil
            return interrupted
        }
    }

    // MARK: On the queue

    private func perform(_ argv: [String], timeout: Duration?, ticket: UInt64) throws -> RedisReply {
        defer { _ = end(ticket) }
        let command = Self.commandName(argv)
        guard !closed else {
            throw BackendError(.connection, "the redis session to \(configuration.location) is closed")
        }
        if let context, Self.isIdleButReadable(context) { dropConnection() }
        if transactionLost {
            transactionLost = false
            throw BackendError(
                .connection,
                "the connection to redis at \(configuration.location) was lost inside MULTI or WATCH; the transaction was discarded"
            )
        }
        let context = try connectedContext()
        guard redisSetTimeout(context, timeout?.socketTimeout ?? timeval()) == REDIS_OK else {
            throw failure(of: context, errno: errno, interrupted: false, command: command, timeout: timeout)
        }
        guard begin(ticket, socket: context.pointee.fd) else {
            throw BackendError(.cancelled, "redis \(command) was cancelled before it was sent")
        }
        let raw = Self.send(argv, on: context)
        let code = errno
        let interrupted = end(ticket)
        guard let raw else {
            throw failure(of: context, errno: code, interrupted: interrupted, command: command, timeout: timeout)
        }
        defer { freeReplyObject(raw) }
        let reply = RedisReply(raw.assumingMemoryBound(to: redisReply.self))
        track(command, argv, reply)
        return reply
    }

    private func connectedContext() throws -> UnsafeMutablePointer<redisContext> {
        if let context { return context }
        let endpoint = configuration.endpoint
        guard let fresh = redisConnectWithTimeout(configuration.host, Int32(configuration.port), connectTimeout.socketTimeout) else {
            throw BackendError(.connection, "cannot connect to redis at \(endpoint): out of memory")
        }
        if fresh.pointee.err != 0 {
            let code = errno
            let detail = Self.errorText(of: fresh)
            redisFree(fresh)
            if code == ETIMEDOUT || detail == String(cString: strerror(ETIMEDOUT)) {
                throw BackendError(.timeout, "cannot connect to redis at \(endpoint): no answer within \(connectTimeout.shortText)")
            }
            throw BackendError(.connection, "cannot connect to redis at \(endpoint): \(redacted(detail))")
        }
        do {
            if let auth = configuration.authArguments {
                try handshake(fresh, auth, action: "authenticate to")
            }
            if database != 0 {
                try handshake(fresh, ["SELECT", String(database)], action: "select database \(database) on")
            }
        } catch {
            redisFree(fresh)
            throw error
        }
        context = fresh
        inTransaction = false
        watching = false
        return fresh
    }

    private func handshake(_ context: UnsafeMutablePointer<redisContext>, _ argv: [String], action: String) throws {
        let prefix = "cannot \(action) redis at \(configuration.endpoint)"
        guard let raw = Self.send(argv, on: context) else {
            if Self.isTimeout(context, errno: errno) {
                throw BackendError(.timeout, "\(prefix): no answer within \(connectTimeout.shortText)")
            }
            throw BackendError(.connection, "\(prefix): \(redacted(Self.errorText(of: context)))")
        }
        defer { freeReplyObject(raw) }
        if let error = RedisReply(raw.assumingMemoryBound(to: redisReply.self)).error {
            throw BackendError(.connection, "\(prefix): \(redacted(error))")
        }
    }

    /// Drops the broken connection and says why the command did not finish.
    private func failure(
        of context: UnsafeMutablePointer<redisContext>, errno code: Int32, interrupted: Bool, command: String, timeout: Duration?
    ) -> BackendError {
        let timedOut = Self.isTimeout(context, errno: code)
        let detail = Self.errorText(of: context)
        dropConnection()
        let location = configuration.location
        if interrupted {
            return BackendError(.cancelled, "redis \(command) at \(location) was cancelled; the connection was closed")
        }
        if timedOut {
            let limit = timeout.map { " after \($0.shortText)" } ?? ""
            return BackendError(.timeout, "redis \(command) at \(location) timed out\(limit); the connection was closed")
        }
        return BackendError(.connection, "redis \(command) at \(location) failed: \(redacted(detail)); the connection was closed")
    }

    /// Keeps what a reconnect must restore, or refuse to hide, in step with the server.
    private func track(_ command: String, _ argv: [String], _ reply: RedisReply) {
        let ok = reply.status == "OK"
        switch command {
        case "SELECT":
            if ok, argv.count == 2, let selected = Int(argv[1]) { database = selected }
        case "MULTI":
            if ok { inTransaction = true }
        case "WATCH":
            if ok { watching = true }
        case "UNWATCH":
            if ok { watching = false }
        case "EXEC", "DISCARD":
            inTransaction = false
            watching = false
        case "RESET":
            if reply.status == "RESET" {
                database = 0
                inTransaction = false
                watching = false
            }
        default:
            break
        }
    }

    private func dropConnection() {
        guard let context else { return }
        if inTransaction || watching { transactionLost = true }
        inTransaction = false
        watching = false
        self.context = nil
        redisFree(context)
    }

    private func redacted(_ text: String) -> String {
        var text = text
        for secret in [configuration.password].compactMap({ $0 }) where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "***")
        }
        return text
    }

    // MARK: hiredis helpers

    /// Sends the argv with explicit lengths, so spaces, quotes, newlines and NUL bytes stay inside their argument.
    private static func send(_ argv: [String], on context: UnsafeMutablePointer<redisContext>) -> UnsafeMutableRawPointer? {
        guard let count = Int32(exactly: argv.count) else { return nil }
        var bytes: [CChar] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        for argument in argv {
            offsets.append(bytes.count)
            lengths.append(argument.utf8.count)
            bytes.append(contentsOf: argument.utf8.map { CChar(bitPattern: $0) })
        }
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            return pointers.withUnsafeMutableBufferPointer { argvPointer in
                lengths.withUnsafeBufferPointer { lengthPointer in
                    redisCommandArgv(context, count, argvPointer.baseAddress, lengthPointer.baseAddress)
                }
            }
        }
    }

    /// True when the server closed the idle connection (or sent something unasked): it must be replaced.
    private static func isIdleButReadable(_ context: UnsafeMutablePointer<redisContext>) -> Bool {
        var descriptor = pollfd(fd: context.pointee.fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) != 0
    }

    /// A socket timeout shows as an I/O error with EAGAIN.
    private static func isTimeout(_ context: UnsafeMutablePointer<redisContext>, errno code: Int32) -> Bool {
        guard context.pointee.err == REDIS_ERR_IO else { return false }
        return code == EAGAIN || code == EWOULDBLOCK || errorText(of: context) == String(cString: strerror(EAGAIN))
    }

    private static func errorText(of context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The command name for messages; never an argument, which may hold a secret.
    private static func commandName(_ argv: [String]) -> String {
        let name = (argv.first ?? "").uppercased()
        let plain = name.count <= 32 && name.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || $0 == "_" }
        return plain && !name.isEmpty ? name : "command"
    }
}

extension RedisSession: CustomStringConvertible, CustomDebugStringConvertible {
    var description: String { "redis session to \(configuration)" }
    var debugDescription: String { "redis session to \(configuration.debugDescription)" }
}
