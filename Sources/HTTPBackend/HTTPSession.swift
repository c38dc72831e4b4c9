import AsyncHTTPClient
import BackendKit
import NIOCore
import NIOHTTP1

/// One target's HTTP client for a whole run: a keep-alive connection pool on the shared
/// event loops, the target's headers and basic auth on every request, redirects returned
/// to the playbook rather than followed.
actor HTTPSession: BackendSession, CustomStringConvertible, CustomDebugStringConvertible {
    /// The most of a response body kept as the `body` output; the rest is read and dropped.
    static let bodyLimit = 1 << 20
    static let defaultTimeout: Duration = .seconds(30)

    let name: String
    let endpoint: HTTPEndpoint
    let headers: [String: String]
    let timeout: Duration?
    private let client: HTTPClient
    private var closed = false

    init(name: String, endpoint: HTTPEndpoint, headers: [String: String], timeout: Duration?) {
        self.name = name
        self.endpoint = endpoint
        self.headers = headers
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        // A refused connection fails the call now; a playbook's `retry` decides about retrying.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    deinit {
        if !closed { client.shutdown { _ in } }
    }

    nonisolated var description: String { "http target \(name) (\(endpoint))" }

    nonisolated var debugDescription: String {
        let names = headers.keys.sorted().map { "\($0): <redacted>" }
        return "HTTPSession(\(name), \(endpoint.debugDescription), headers: [\(names.joined(separator: ", "))], "
            + "timeout: \(timeout.map(HTTPCall.format) ?? "default \(HTTPCall.format(Self.defaultTimeout))"))"
    }

    func run(_ request: BackendRequest, output: OutputSink) async throws -> BackendResult {
        let call = try HTTPCall(request, endpoint: endpoint, targetHeaders: headers)
        let limit = request.timeout ?? timeout ?? Self.defaultTimeout
        let exchange: HTTPExchange
        do {
            exchange = try await HTTPExchange.perform(call.request, on: client, within: limit, bodyLimit: Self.bodyLimit)
        } catch {
            throw call.backendError(for: error, endpoint: endpoint, timeout: limit)
        }
        if exchange.receivedBytes > exchange.body.count {
            output(.stderr, "\(call.label): kept the first 1 MiB of a \(exchange.receivedBytes)-byte response body")
        }
        return exchange.result
    }

    func close() async {
        guard !closed else { return }
        closed = true
        try? await client.shutdown()
    }
}
