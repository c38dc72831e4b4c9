/// One rendered action for a backend: the action's fields with every `${{ }}` replaced.
///
/// Fields by kind (the contract between the engine and the backends):
/// - `shell`: `run` (string, the bash script), `env` (object of strings), `cwd` (string, optional)
/// - `postgres`: `sql` (string, statements, simple protocol) or `query` (string, one statement)
///   with `args` (array of strings or null, bound as `$1…` over the extended protocol)
/// - `redis`: `command` (array of strings, the argv)
/// - `http`: `method` (string), `path` (string), `headers` (object of strings),
///   `body` (string, optional) or `json` (any value, optional)
public struct BackendRequest: Sendable {
    public var kind: String
    public var fields: [String: Value]
    /// The step's or probe's deadline; the backend stops the call when it passes.
    public var timeout: Duration?
    public var limits: Limits

    /// A blast-radius budget: past it the backend undoes the change and fails the call.
    public struct Limits: Sendable, Hashable {
        public var maxRows: Int?
        public var maxKeys: Int?

        public init(maxRows: Int? = nil, maxKeys: Int? = nil) {
            self.maxRows = maxRows
            self.maxKeys = maxKeys
        }
    }

    public init(kind: String, fields: [String: Value], timeout: Duration? = nil, limits: Limits = Limits()) {
        self.kind = kind
        self.fields = fields
        self.timeout = timeout
        self.limits = limits
    }

    public func string(_ name: String) -> String? {
        if case .string(let value)? = fields[name] { return value }
        return nil
    }

    public func strings(_ name: String) -> [String]? {
        guard case .array(let items)? = fields[name] else { return nil }
        return items.map(\.text)
    }

    public func stringMap(_ name: String) -> [String: String] {
        guard case .object(let map)? = fields[name] else { return [:] }
        return map.mapValues(\.text)
    }
}

/// What a call produced: the step outputs (`exit_code`, `rows`, `status` …) and whether it failed.
public struct BackendResult: Sendable {
    public var outputs: [String: Value]
    /// Why the call counts as failed (non-zero exit, SQL error, error reply, non-2xx); nil on success.
    public var failure: String?

    public init(outputs: [String: Value], failure: String? = nil) {
        self.outputs = outputs
        self.failure = failure
    }
}

/// The call could not be made or did not finish: connection refused, timeout, bad URL.
public struct BackendError: Error, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case connection, timeout, invalidRequest, limitExceeded, cancelled, failed
    }

    public var reason: Reason
    /// Says what failed without credentials: never include a password or a full URL.
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
