import BackendKit
import PostgresNIO

/// Runs one planned request on a connection: statement timeout, the transaction around it,
/// the row budget, and the outputs. Server errors become failed results; anything else
/// (a lost connection) is thrown for the session to handle.
struct PostgresRequestRunner: Sendable {
    var connection: PostgresConnection
    var logger: Logger
    /// `host:port/database`, for messages.
    var location: String

    private static let countedVerbs: Set<String> = ["INSERT", "UPDATE", "DELETE", "MERGE", "COPY"]

    func run(_ plan: PostgresRequestPlan, output: OutputSink) async throws -> BackendResult {
        guard !plan.statements.isEmpty else { return Self.success(rows: [], count: 0) }
        var timeoutSet = false
        var outcomes: [Outcome] = []
        var position = 0
        do {
            if let timeout = plan.timeout {
                try await control("SET statement_timeout = \(Self.milliseconds(timeout))")
                timeoutSet = true
            }
            if plan.transactional { try await control("BEGIN") }
            for statement in plan.statements {
                position += 1
                let outcome = try await execute(statement)
                output(.stdout, outcome.tag)
                outcomes.append(outcome)
            }
            position = 0
            if let maxRows = plan.maxRows {
                let changed = outcomes.reduce(0) { $0 + ($1.changedRows ?? 0) }
                if changed > maxRows {
                    try await control("ROLLBACK")
                    await resetTimeout(timeoutSet)
                    return Self.failure(
                        "would change \(changed) rows, more than the step's budget of \(maxRows); rolled back"
                    )
                }
            }
            if plan.transactional { try await control("COMMIT") }
        } catch let error as PSQLError where error.code == .server {
            // Also ends a transaction the statements opened themselves, so the session stays usable.
            try? await control("ROLLBACK")
            await resetTimeout(timeoutSet)
            let state = PostgresErrorText.sqlState(error)
            let message = error.serverInfo?[.message] ?? ""
            if timeoutSet, state == "57014", message.contains("statement timeout"), let timeout = plan.timeout {
                throw BackendError(
                    .timeout,
                    "postgres at \(location): the statement did not finish within \(timeout.shortText) (statement_timeout)"
                        + (plan.transactional ? "; rolled back" : "")
                )
            }
            var text = PostgresErrorText.server(error) ?? "\(error.code)"
            if plan.statements.count > 1 && position > 0 {
                text += " (statement \(position) of \(plan.statements.count))"
            } else if position == 0 && !outcomes.isEmpty {
                text += " (at COMMIT)"
            }
            return Self.failure(text)
        }
        await resetTimeout(timeoutSet)
        return await result(of: outcomes)
    }

    private struct Outcome {
        var rows: PostgresQueryResult
        var tag: String
        var verb: String
        /// The number in the command tag (`UPDATE 3`, `SELECT 2`, `INSERT 0 5`), if any.
        var count: Int?

        var changedRows: Int? { PostgresRequestRunner.countedVerbs.contains(verb) ? count : nil }
        var hasResult: Bool { !rows.rows.isEmpty || count != nil }
    }

    private func execute(_ query: PostgresQuery) async throws -> Outcome {
        let future: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        let result = try await future.get()
        let metadata = result.metadata
        let verb = metadata.command.split(separator: " ").first.map(String.init) ?? metadata.command
        var count = metadata.rows
        var tag = metadata.command
        if let rows = metadata.rows {
            tag = verb == "INSERT" ? "INSERT \(metadata.oid ?? 0) \(rows)" : "\(verb) \(rows)"
        } else if let last = metadata.command.split(separator: " ").last, let number = Int(last),
                  metadata.command.utf8.contains(UInt8(ascii: " ")) {
            count = number
        }
        return Outcome(rows: result, tag: tag, verb: verb, count: count)
    }

    private func control(_ sql: String) async throws {
        let future: EventLoopFuture<PostgresQueryResult> = connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        _ = try await future.get()
    }

    private func resetTimeout(_ wasSet: Bool) async {
        if wasSet { try? await control("RESET statement_timeout") }
    }

    /// The outputs come from the last statement that returned rows or a row count, as psql
    /// shows the last result: `BEGIN; UPDATE …; COMMIT` reports the update.
    private func result(of outcomes: [Outcome]) async -> BackendResult {
        guard let shown = outcomes.last(where: \.hasResult) else { return Self.success(rows: [], count: 0) }
        var pending = PostgresValueDecoder.Pending()
        // One object per row, keyed by column name; a repeated name keeps its first column.
        let decoded = shown.rows.rows.map { row in
            row.map { cell in (cell.columnName, PostgresValueDecoder.decode(cell, pending: &pending)) }
        }
        var texts: [Int: String] = [:]
        if !pending.items.isEmpty {
            texts = await PostgresTextResolver(connection: connection, logger: logger).texts(for: pending)
        }
        let rows: [Value] = decoded.map { cells in
            var object: [String: Value] = [:]
            for (name, cell) in cells where object[name] == nil {
                object[name] = PostgresValueDecoder.resolve(cell, texts: texts, pending: pending)
            }
            return .object(object)
        }
        var result = Self.success(rows: rows, count: rows.isEmpty ? shown.count ?? 0 : rows.count)
        if let first = decoded.first?.first {
            result.outputs["value"] = PostgresValueDecoder.resolve(first.1, texts: texts, pending: pending)
        }
        return result
    }

    private static func success(rows: [Value], count: Int) -> BackendResult {
        BackendResult(outputs: ["rows": .array(rows), "value": .null, "row_count": .int(count)])
    }

    private static func failure(_ message: String) -> BackendResult {
        BackendResult(outputs: ["rows": .array([]), "value": .null, "row_count": .int(0)], failure: message)
    }

    /// Rounded up, at least 1 (0 would mean no limit).
    static func milliseconds(_ duration: Duration) -> Int64 {
        let nanoseconds = PostgresTarget.nanoseconds(duration)
        return max(1, nanoseconds / 1_000_000 + (nanoseconds % 1_000_000 > 0 ? 1 : 0))
    }
}
