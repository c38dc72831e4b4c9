import BackendKit
import BackendTestSupport
import Foundation
@testable import PostgresBackend

/// Sessions against the real server from `scripts/test-services`, and request builders.
enum PG {
    static var url: String { TestServers.postgresURL }

    /// Throws (never skips) when the server is not listening.
    static func requireServer() throws {
        let target = try PostgresTarget(url: url)
        try TestServers.requireListening(port: target.port, name: "PostgreSQL")
    }

    /// The test URL with its password replaced, for connection-failure tests.
    static func url(password: String? = nil, port: Int? = nil, query: String? = nil) throws -> String {
        let target = try PostgresTarget(url: url)
        var text = "postgres://\(target.user)"
        if let password { text += ":" + (password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password) }
        text += "@\(target.host):\(port ?? target.port)/\(target.database)"
        if let query { text += "?" + query }
        return text
    }

    /// Opens a session, runs `body`, and closes the session whatever happens.
    static func withSession<T>(
        url: String = PG.url, _ body: (any BackendSession) async throws -> T
    ) async throws -> T {
        try requireServer()
        let session = try await PostgresBackend().connect(TargetSpec(name: "db", url: url))
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    static func sql(_ text: String, timeout: Duration? = nil, maxRows: Int? = nil) -> BackendRequest {
        BackendRequest(kind: "postgres", fields: ["sql": .string(text)], timeout: timeout,
                       limits: .init(maxRows: maxRows))
    }

    static func query(_ text: String, _ args: [Value] = [], timeout: Duration? = nil, maxRows: Int? = nil) -> BackendRequest {
        BackendRequest(kind: "postgres", fields: ["query": .string(text), "args": .array(args)], timeout: timeout,
                       limits: .init(maxRows: maxRows))
    }

    /// A table or type name no other test uses.
    static func unique(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    }

    /// Runs a request and requires it to succeed.
    @discardableResult
    static func ok(_ session: any BackendSession, _ request: BackendRequest) async throws -> BackendResult {
        let result = try await session.run(request, output: { _, _ in })
        if let failure = result.failure {
            throw Failed(description: "request failed: \(failure)")
        }
        return result
    }

    /// How many other server processes are still running a query containing `marker`,
    /// polled for up to three seconds until none is.
    static func serverProcesses(running marker: String, _ session: any BackendSession) async throws -> Int {
        var count = -1
        for _ in 0..<30 {
            let result = try await ok(session, query(
                "select count(*) from pg_stat_activity where query like $1 and pid <> pg_backend_pid()",
                [.string("%" + marker + "%")]
            ))
            guard case .int(let value)? = result.outputs["value"] else { return -1 }
            count = value
            if count == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return count
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }
}

/// Collects what a backend writes to its output sink.
final class OutputLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    var lines: [String] { lock.withLock { storage } }

    var sink: OutputSink {
        { [self] _, line in lock.withLock { storage.append(line) } }
    }
}
