import BackendKit
import HTTPBackend
import NIOConcurrencyHelpers

/// Starts a test server and a session on it for one test, and stops both however the test ends.
enum HTTPTestHarness {
    static func withServer<T>(_ body: (TestHTTPServer) async throws -> T) async throws -> T {
        let server = try await TestHTTPServer.start()
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    static func withSession<T>(
        _ server: TestHTTPServer, url: String? = nil, headers: [String: String] = [:], timeout: Duration? = nil,
        _ body: (any BackendSession) async throws -> T
    ) async throws -> T {
        let target = TargetSpec(name: "app", url: url ?? server.url(), headers: headers, timeout: timeout)
        let session = try await HTTPBackend().connect(target)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// A server and a session on its plain base URL.
    static func withSession<T>(
        headers: [String: String] = [:], timeout: Duration? = nil,
        _ body: (TestHTTPServer, any BackendSession) async throws -> T
    ) async throws -> T {
        try await withServer { server in
            try await withSession(server, headers: headers, timeout: timeout) { try await body(server, $0) }
        }
    }

    static func request(
        _ path: String, method: String? = nil, headers: [String: String] = [:], body: String? = nil, json: Value? = nil,
        timeout: Duration? = nil
    ) -> BackendRequest {
        var fields: [String: Value] = ["path": .string(path)]
        if let method { fields["method"] = .string(method) }
        if !headers.isEmpty { fields["headers"] = .object(headers.mapValues(Value.string)) }
        if let body { fields["body"] = .string(body) }
        if let json { fields["json"] = json }
        return BackendRequest(kind: "http", fields: fields, timeout: timeout)
    }

    /// A port nothing listens on: one a test server had a moment ago.
    static func closedPort() async throws -> Int {
        let server = try await TestHTTPServer.start()
        try await server.stop()
        return server.port
    }
}

/// Collects what a backend writes to its output sink.
final class OutputLines: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    var all: [String] { lines.withLockedValue { $0 } }

    var sink: OutputSink {
        { _, line in self.lines.withLockedValue { $0.append(line) } }
    }
}
