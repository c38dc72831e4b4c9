import BackendKit
import PostgresNIO

/// A `postgres` request checked and turned into the statements to send.
///
/// `sql` is split into statements (see `SQLScript`) and, like the simple-query protocol's
/// implicit transaction, several statements run all-or-nothing unless they manage their own
/// transaction. `query` is one statement with `args` bound as untyped text (`NULL` for null).
struct PostgresRequestPlan: Sendable {
    var statements: [PostgresQuery]
    /// Whether the backend wraps the statements in `BEGIN … COMMIT` itself.
    var transactional: Bool
    var maxRows: Int?
    var timeout: Duration?

    init(_ request: BackendRequest) throws {
        let sql = request.fields["sql"]
        let query = request.fields["query"]
        let args = request.fields["args"]
        let script: SQLScript
        switch (sql, query) {
        case (.some, .some):
            throw BackendError(.invalidRequest, "a postgres action takes either sql or query, not both")
        case (.some(.string(let text)), nil):
            guard args == nil || args == .null else {
                throw BackendError(.invalidRequest, "args need query: sql runs without parameters")
            }
            script = SQLScript(text)
            statements = script.statements.map { PostgresQuery(unsafeSQL: $0.text) }
        case (nil, .some(.string(let text))):
            script = SQLScript(text)
            statements = [PostgresQuery(unsafeSQL: text, binds: try Self.bindings(args))]
        case (nil, nil):
            throw BackendError(.invalidRequest, "a postgres action needs sql or query")
        default:
            throw BackendError(.invalidRequest, "sql and query must be strings")
        }

        guard !script.copiesThroughClient else {
            throw BackendError(
                .invalidRequest,
                "COPY FROM STDIN / TO STDOUT streams through the client, which this backend cannot: use a shell step with psql"
            )
        }
        if let maxRows = request.limits.maxRows {
            guard maxRows >= 0 else {
                throw BackendError(.invalidRequest, "max_rows must not be negative (got \(maxRows))")
            }
            guard !script.controlsTransaction else {
                throw BackendError(
                    .invalidRequest,
                    "max_rows runs the step in a transaction of its own: remove BEGIN, COMMIT, ROLLBACK and SAVEPOINT from it"
                )
            }
        }
        maxRows = request.limits.maxRows
        timeout = request.timeout
        transactional = maxRows != nil || (statements.count > 1 && !script.controlsTransaction)
    }

    private static func bindings(_ args: Value?) throws -> PostgresBindings {
        let items: [Value]
        switch args {
        case nil, .null?: items = []
        case .array(let values)?: items = values
        default: throw BackendError(.invalidRequest, "args must be a list")
        }
        var bindings = PostgresBindings(capacity: items.count)
        for item in items {
            if item == .null {
                bindings.appendNull()
            } else {
                bindings.append(UntypedTextParameter(text: item.text))
            }
        }
        return bindings
    }
}
