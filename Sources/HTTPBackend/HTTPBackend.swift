import BackendKit

/// Serves `http` targets and steps: requests relative to the target's base URL, over one
/// keep-alive client per session. Redirects are not followed, so a playbook sees the 3xx.
public struct HTTPBackend: Backend {
    public let kind = "http"

    public init() {}

    /// Checks the target URL and headers and creates the session's client; nothing is sent
    /// until the first request, so an unreachable server fails that request, not the connect.
    public func connect(_ target: TargetSpec) async throws -> any BackendSession {
        guard let url = target.url else {
            throw BackendError(.invalidRequest, "http target \(target.name) has no url")
        }
        let endpoint = try HTTPEndpoint(url: url)
        // Rejects a bad target header (name or value) before any step runs.
        _ = try HTTPCall(BackendRequest(kind: kind, fields: [:]), endpoint: endpoint, targetHeaders: target.headers)
        return HTTPSession(name: target.name, endpoint: endpoint, headers: target.headers, timeout: target.timeout)
    }
}
