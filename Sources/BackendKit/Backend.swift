/// A kind of system steps and probes talk to (a shell, PostgreSQL, Redis, HTTP).
///
/// The engine knows no backend by name: the command line registers each one, and the
/// engine finds it by the action kind it serves. Adding a backend is one new target that
/// conforms to this protocol plus one registration.
public protocol Backend: Sendable {
    /// The action kind (and target `backend:` name) it serves, e.g. `postgres`.
    var kind: String { get }
    /// Opens a session to a target; one session per target serves every step and probe of a run.
    func connect(_ target: TargetSpec) async throws -> any BackendSession
}

/// A live connection to one target.
public protocol BackendSession: Sendable {
    /// Runs one request. Throws `BackendError` when the call could not be made (connection
    /// refused, timeout); returns a result with `failure` set when it was made and failed.
    func run(_ request: BackendRequest, output: OutputSink) async throws -> BackendResult
    /// Releases the connection; called once at the end of a run.
    func close() async
}

/// Where a target is, with every template rendered. The URL may hold a password: never print it.
public struct TargetSpec: Sendable {
    public var name: String
    /// nil for backends that need no address (the shell).
    public var url: String?
    public var headers: [String: String]
    public var timeout: Duration?

    public init(name: String, url: String?, headers: [String: String] = [:], timeout: Duration? = nil) {
        self.name = name
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }
}

/// Receives output lines as a backend produces them, for the live view and the journal.
public typealias OutputSink = @Sendable (OutputStream, String) -> Void

public enum OutputStream: String, Sendable, Codable {
    case stdout, stderr
}
