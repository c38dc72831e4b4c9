import BackendKit
import Logging
import PostgresNIO
import Synchronization

/// One connection to a postgres target, reused by every request of a run.
///
/// Requests are served one at a time, in arrival order (the actor alone would interleave
/// them at every `await`). A request whose client-side deadline passes, or whose caller is
/// cancelled, closes the connection: the server-side query is then terminated from a
/// throwaway connection, and the next request connects again.
actor PostgresSession: BackendSession {
    /// How long past `request.timeout` the client waits for the server's statement_timeout
    /// before it gives up on the connection.
    static let clientGrace: Duration = .milliseconds(500)

    private struct Link {
        var connection: PostgresConnection
        /// The server process serving the connection, to terminate an abandoned query.
        var backendPID: Int?
    }

    private enum Attempt: Sendable {
        case connected(Result<PostgresConnection, any Error>)
        case expired
        case stopped
    }

    /// The longest an abandoned query's termination may hold up the caller.
    static let terminateLimit: Duration = .seconds(3)

    let target: PostgresTarget
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private var link: Link?
    private var isClosed = false
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(target: PostgresTarget) throws {
        self.target = target
        self.configuration = try target.configuration()
        // The run's own output must stay clean, so postgres-nio's logging goes nowhere; a
        // no-op handler also skips re-rendering the metadata postgres-nio sets on every query.
        self.logger = Logger(label: "runbook.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// Opens the connection; throws `BackendError(.connection)` saying why, without the password.
    func open() async throws {
        link = try await connect()
    }

    func run(_ request: BackendRequest, output: OutputSink) async throws -> BackendResult {
        let plan = try PostgresRequestPlan(request)
        await acquire()
        defer { release() }
        if Task.isCancelled { throw BackendError(.cancelled, "the postgres request was cancelled before it started") }
        guard !isClosed else { throw BackendError(.connection, "the session to postgres at \(target.location) is closed") }
        let current: Link
        if let link, !link.connection.isClosed {
            current = link
        } else {
            if let stale = link?.connection { try? await stale.close() }
            link = nil
            current = try await connect()
            link = current
        }
        return try await withoutActuallyEscaping(output) { output in
            try await execute(plan, on: current, output: output)
        }
    }

    func close() async {
        isClosed = true
        if let connection = link?.connection {
            link = nil
            try? await connection.close()
        }
    }

    private func execute(_ plan: PostgresRequestPlan, on current: Link, output: @escaping OutputSink) async throws -> BackendResult {
        let runner = PostgresRequestRunner(connection: current.connection, logger: logger, location: target.location)
        let connection = current.connection
        // postgres-nio does not cancel a running query; closing the channel makes it fail at
        // once. The deadline is a timer on the connection's event loop, so a query runs
        // inline in this task, without a racing child task and its thread hops.
        let expired = DeadlineFlag()
        let timer = plan.timeout.map { timeout in
            connection.eventLoop.scheduleTask(in: .nanoseconds(PostgresTarget.nanoseconds(timeout + Self.clientGrace))) {
                expired.set()
                connection.close().whenComplete { _ in }
            }
        }
        let result: Result<BackendResult, any Error> = await withTaskCancellationHandler {
            do {
                return .success(try await runner.run(plan, output: output))
            } catch {
                return .failure(error)
            }
        } onCancel: {
            connection.close().whenComplete { _ in }
        }
        timer?.cancel()
        let abandoned = expired.isSet

        let cancelled = Task.isCancelled
        if abandoned || cancelled || connection.isClosed {
            link = nil
            if !connection.isClosed { try? await connection.close() }
            await terminate(current)
        }
        switch result {
        case .success(let value):
            return value
        case .failure where abandoned:
            let limit = plan.timeout?.shortText ?? "?"
            throw BackendError(
                .timeout,
                "postgres at \(target.location) did not answer within \(limit); the connection was closed and the query terminated"
            )
        case .failure where cancelled:
            throw BackendError(.cancelled, "the postgres request was cancelled; the connection was closed and the query terminated")
        case .failure(let error as BackendError):
            throw error
        case .failure(let error):
            throw BackendError(.connection, target.scrub("lost the connection to postgres at \(target.location): \(PostgresErrorText.reason(error))"))
        }
    }

    /// Ends the server process of an abandoned connection, which may still be running the
    /// query and holding its locks, from a throwaway connection. Not cancelled with the
    /// caller (that is when it matters most), but bounded in time.
    private func terminate(_ abandoned: Link) async {
        guard let pid = abandoned.backendPID else { return }
        let configuration = configuration, logger = logger, target = target
        let limit = min(target.connectTimeout, Self.terminateLimit)
        await Task {
            guard let fresh = try? await Self.connect(configuration, target: target, logger: logger, within: limit) else {
                return
            }
            let future: EventLoopFuture<PostgresQueryResult> = fresh.connection.query(
                PostgresQuery(unsafeSQL: "SELECT pg_terminate_backend(\(pid))"), logger: logger
            )
            _ = try? await future.get()
            try? await fresh.connection.close()
        }.value
    }

    private func connect() async throws -> Link {
        try await Self.connect(configuration, target: target, logger: logger, within: target.connectTimeout)
    }

    private static func connect(
        _ configuration: PostgresConnection.Configuration, target: PostgresTarget, logger: Logger, within limit: Duration
    ) async throws -> Link {
        let connection: PostgresConnection
        do {
            connection = try await establish(configuration, logger: logger, within: limit).get()
        } catch {
            throw BackendError(
                .connection,
                target.scrub("cannot connect to postgres at \(target.location): \(PostgresErrorText.reason(error))")
            )
        }
        var pid: Int?
        do {
            let future: EventLoopFuture<PostgresQueryResult> = connection.query(
                PostgresQuery(unsafeSQL: "SELECT pg_backend_pid()"), logger: logger
            )
            if let cell = try await future.get().rows.first?.first {
                pid = try? Int(cell.decode(Int32.self))
            }
        } catch {
            try? await connection.close()
            throw BackendError(
                .connection,
                target.scrub("cannot use the connection to postgres at \(target.location): \(PostgresErrorText.reason(error))")
            )
        }
        return Link(connection: connection, backendPID: pid)
    }

    /// `PostgresConnection.connect` bounded as a whole: its own timeout covers only the TCP
    /// handshake, not a server that accepts and then never answers.
    private static func establish(
        _ configuration: PostgresConnection.Configuration, logger: Logger, within limit: Duration
    ) async -> Result<PostgresConnection, any Error> {
        await withTaskGroup(of: Attempt.self) { group in
            group.addTask {
                do {
                    return .connected(.success(try await PostgresConnection.connect(
                        configuration: configuration, id: 1, logger: logger
                    )))
                } catch {
                    return .connected(.failure(error))
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: limit)
                } catch {
                    return .stopped
                }
                return .expired
            }
            var outcome: Result<PostgresConnection, any Error>?
            while let attempt = await group.next() {
                switch attempt {
                case .connected(let result):
                    if outcome == nil {
                        outcome = result
                    } else if case .success(let late) = result {
                        try? await late.close()
                    }
                    group.cancelAll()
                case .expired:
                    if outcome == nil {
                        outcome = .failure(BackendError(.timeout, "no answer within \(limit.shortText)"))
                        group.cancelAll()
                    }
                case .stopped:
                    break
                }
            }
            return outcome ?? .failure(BackendError(.cancelled, "cancelled"))
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Set once by a query's deadline timer on the event loop, read by the waiting task.
private final class DeadlineFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }

    var isSet: Bool { value.load(ordering: .acquiring) }
}
