import Logging
import PostgresNIO

/// The ERP's connection to PostgreSQL: one connection, opened on first use and opened again
/// after it broke, so a database restart never needs an ERP restart.
///
/// One connection is enough for a sandbox (PostgresNIO queues concurrent queries on it), and it
/// keeps failures plain: a server that is down refuses the connect at once and every request
/// says so, where a pool would park requests while it backs off. A query that outlives its
/// timeout closes the connection, so a wedged server cannot hold later requests behind it.
actor ERPDatabase {
    /// The database could not be reached, or the query failed; `description` says which and why.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// The server's SQLSTATE when the server answered with an error (57014: statement timeout).
        var sqlState: String?
    }

    let endpoint: PostgresEndpoint
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private var connection: PostgresConnection?
    private var opening: Task<PostgresConnection, any Error>?
    private var openedCount = 0

    init(endpoint: PostgresEndpoint, logger: Logger) {
        self.endpoint = endpoint
        var configuration = endpoint.configuration(connectTimeout: .seconds(2))
        // The server cancels any statement after 4 s (a lock wait, a runaway query), so one slow
        // query cannot hold the shared connection for long; the name shows in pg_stat_activity.
        configuration.options.additionalStartupParameters = [
            ("application_name", "school-erp"), ("statement_timeout", "4000"),
        ]
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs `query` and returns all its rows.
    ///
    /// A reused connection that turns out to be broken (the server restarted, or an operator
    /// terminated the backend) is replaced and the query sent once more, so that request succeeds.
    func rows(_ query: PostgresQuery, timeout: Duration = .seconds(5)) async throws -> [PostgresRow] {
        let (connection, reused) = try await open()
        do {
            return try await run(query, on: connection, timeout: timeout)
        } catch let error as Deadline.Exceeded {
            discard(connection)
            throw Failure(description: "query on \(endpoint) timed out: \(error)")
        } catch where Self.isConnectionLoss(error) || connection.isClosed {
            discard(connection)
            guard reused else { throw Failure(description: "query on \(endpoint) failed: \(Self.reason(error))") }
            let (fresh, _) = try await open()
            do {
                return try await run(query, on: fresh, timeout: timeout)
            } catch {
                discard(fresh)
                throw Failure(description: "query on \(endpoint) failed: \(Self.reason(error))")
            }
        } catch {
            throw Failure(
                description: "query on \(endpoint) failed: \(Self.reason(error))",
                sqlState: (error as? PSQLError)?.serverInfo?[.sqlState]
            )
        }
    }

    /// The open connection, or a new one; `reused` says whether it was already open.
    private func open() async throws -> (connection: PostgresConnection, reused: Bool) {
        if let connection, !connection.isClosed { return (connection, true) }
        connection = nil
        let task: Task<PostgresConnection, any Error>
        if let opening {
            task = opening
        } else {
            openedCount += 1
            let (configuration, logger, id) = (configuration, logger, openedCount)
            task = Task { try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger) }
            opening = task
        }
        do {
            let fresh = try await task.value
            if opening == task { opening = nil }
            connection = fresh
            return (fresh, false)
        } catch {
            if opening == task { opening = nil }
            throw Failure(description: "cannot connect to \(endpoint): \(Self.reason(error))")
        }
    }

    private func run(_ query: PostgresQuery, on connection: PostgresConnection, timeout: Duration) async throws -> [PostgresRow] {
        let logger = logger
        return try await Deadline.run(timeout) {
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(row)
            }
            return rows
        }
    }

    private func discard(_ broken: PostgresConnection) {
        if connection === broken { connection = nil }
        Task { try? await broken.close() }
    }

    private static func isConnectionLoss(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
    }

    /// What went wrong, in one line: the server's message, or the network error underneath.
    /// (PSQLError's own description is deliberately generic.)
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + code
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
