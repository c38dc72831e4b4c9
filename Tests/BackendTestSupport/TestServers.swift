import Foundation

/// Where the integration tests find the real servers that `scripts/test-services` starts.
///
/// Under `CI=true` a missing server is a failure, never a skip: the tests call `require…`,
/// which throws with a message saying how to start the servers.
public enum TestServers {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// `postgres://runbook:runbook@127.0.0.1:54329/runbook` unless `RUNBOOK_TEST_POSTGRES_URL` says otherwise.
    public static var postgresURL: String {
        ProcessInfo.processInfo.environment["RUNBOOK_TEST_POSTGRES_URL"]
            ?? "postgres://runbook:runbook-test-pw@127.0.0.1:54329/runbook"
    }

    /// `redis://:runbook-test-pw@127.0.0.1:63799/0` unless `RUNBOOK_TEST_REDIS_URL` says otherwise.
    public static var redisURL: String {
        ProcessInfo.processInfo.environment["RUNBOOK_TEST_REDIS_URL"] ?? "redis://:runbook-test-pw@127.0.0.1:63799/0"
    }

    /// Throws unless something listens on `port` of 127.0.0.1.
    public static func requireListening(port: Int, name: String) throws {
        guard isListening(port: port) else {
            throw Missing(description: "\(name) is not running on 127.0.0.1:\(port): run `scripts/test-services start` (make test does)")
        }
    }

    static func isListening(port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}
