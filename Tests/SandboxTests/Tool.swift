import BackendTestSupport
import Foundation
import TestSupport

/// Runs the command-line clients the sandbox tests drive the servers with (psql, redis-cli).
enum Tool {
    /// Runs `arguments` through `/usr/bin/env`, and returns what it printed; throws when it fails.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let result = try TestProcess.run("/usr/bin/env", arguments)
        guard result.status == 0 else {
            throw TestServers.Missing(description: "\(arguments.prefix(2).joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// psql on `url`: unaligned, tuples only, stopping at the first error.
    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        try run(["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// redis-cli on the test server's database `database`.
    @discardableResult
    static func redis(_ database: Int, _ arguments: String...) throws -> String {
        try run(redisCLI(database) + arguments)
    }

    static func redisCLI(_ database: Int) -> [String] {
        ["redis-cli", "-h", "127.0.0.1", "-p", "63799", "-a", "runbook-test-pw", "--no-auth-warning", "-n", String(database)]
    }

    /// A port on 127.0.0.1 that nothing listens on: bound by the kernel's choice, then released.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServers.Missing(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TestServers.Missing(description: "cannot bind a port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
