// The floor `runbook exec` is measured against (docs/performance.md): the same backend calls
// a playbook's steps make, made directly, N times each, with nothing around them.
//
//   exec-floor --count 100 [--nio-executor] [--shell] [--postgres URL] [--redis URL] [--http URL]
//
// `--nio-executor` runs Swift Concurrency's jobs on NIO's event loops, as runbook does, so
// that the floor pays no thread hop between the caller and the connection that runbook does not.
//
// Prints one JSON object: for each backend asked for, the seconds to connect (once) and the
// seconds for the N calls, measured inside the process with a monotonic clock.
import AsyncHTTPClient
import CHiredis
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

struct Options {
    var count = 100
    var nioExecutor = false
    var shell = false
    var postgres: String?
    var redis: String?
    var http: String?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw Failure("\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--count":
                let text = try value(flag)
                guard let number = Int(text), number > 0 else { throw Failure("--count must be a positive number, not \(text)") }
                count = number
            case "--nio-executor": nioExecutor = true
            case "--shell": shell = true
            case "--postgres": postgres = try value(flag)
            case "--redis": redis = try value(flag)
            case "--http": http = try value(flag)
            default: throw Failure("unknown argument \(flag)")
            }
        }
    }
}

/// One backend's figures.
struct Timing {
    var connect: Duration
    var calls: Duration

    func json(count: Int) -> String {
        let perCall = calls.seconds / Double(count) * 1000
        return #"{"connect_s": \#(format(connect.seconds)), "calls_s": \#(format(calls.seconds)), "per_call_ms": \#(format(perCall))}"#
    }

    private func format(_ value: Double) -> String { String(format: "%.6f", value) }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

let clock = ContinuousClock()

/// `/bin/bash --noprofile --norc -c true` in a new session, stdout and stderr collected: what
/// the shell backend spawns for a `run: "true"` step, without its supervisor and timeout.
func spawnShell(count: Int) async throws -> Timing {
    var options = PlatformOptions()
    options.createSession = true
    let start = clock.now
    for _ in 0..<count {
        let result = try await Subprocess.run(
            .path(FilePath("/bin/bash")),
            arguments: ["--noprofile", "--norc", "-c", "true"],
            platformOptions: options,
            output: .string(limit: 1 << 20),
            error: .string(limit: 1 << 20)
        )
        guard case .exited(0) = result.terminationStatus else { throw Failure("bash -c true ended with \(result.terminationStatus)") }
    }
    return Timing(connect: .zero, calls: clock.now - start)
}

/// `select 1` over the extended protocol on one postgres-nio connection, rows read.
func queryPostgres(url: String, count: Int) async throws -> Timing {
    guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user else {
        throw Failure("expected --postgres postgres://user:password@host:port/database")
    }
    let configuration = PostgresConnection.Configuration(
        host: host, port: parts.port ?? 5432, username: user, password: parts.password,
        database: String(parts.path.dropFirst()), tls: .disable
    )
    // Logging off, as runbook's postgres backend has it: the no-op handler also skips the
    // metadata postgres-nio sets on every query.
    let logger = Logger(label: "exec-floor", factory: { _ in SwiftLogNoOpLogHandler() })
    let start = clock.now
    let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    let connected = clock.now
    var total = 0
    for _ in 0..<count {
        let rows = try await connection.query("select 1", logger: logger)
        for try await row in rows {
            total += try row.decode(Int.self)
        }
    }
    let done = clock.now
    try await connection.close()
    guard total == count else { throw Failure("select 1 returned \(total) in all, expected \(count)") }
    return Timing(connect: connected - start, calls: done - connected)
}

/// `PING` on one hiredis connection (AUTH first when the URL has a password).
func pingRedis(url: String, count: Int) throws -> Timing {
    guard let parts = URLComponents(string: url), let host = parts.host else {
        throw Failure("expected --redis redis://[:password@]host:port/db")
    }
    let start = clock.now
    guard let context = redisConnect(host, Int32(parts.port ?? 6379)) else { throw Failure("redisConnect: out of memory") }
    defer { redisFree(context) }
    guard context.pointee.err == 0 else { throw Failure("cannot connect to redis at \(host)") }
    if let password = parts.password {
        _ = try command(context, ["AUTH", password], expect: "OK")
    }
    let connected = clock.now
    for _ in 0..<count {
        _ = try command(context, ["PING"], expect: "PONG")
    }
    return Timing(connect: connected - start, calls: clock.now - connected)
}

/// Sends argv with explicit lengths (as the redis backend does) and checks the status reply.
func command(_ context: UnsafeMutablePointer<redisContext>, _ argv: [String], expect: String) throws -> String {
    var bytes: [CChar] = []
    var offsets: [Int] = []
    let lengths = argv.map { $0.utf8.count }
    for argument in argv {
        offsets.append(bytes.count)
        bytes.append(contentsOf: argument.utf8.map { CChar(bitPattern: $0) })
    }
    bytes.append(0)
    let raw: UnsafeMutableRawPointer? = bytes.withUnsafeBufferPointer { buffer -> UnsafeMutableRawPointer? in
        guard let base = buffer.baseAddress else { return nil }
        var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
        return redisCommandArgv(context, Int32(argv.count), &pointers, lengths)
    }
    guard let raw else { throw Failure("redis \(argv[0]) failed: connection error") }
    defer { freeReplyObject(raw) }
    let reply = raw.assumingMemoryBound(to: redisReply.self).pointee
    let text = reply.str.map { String(cString: $0) } ?? ""
    guard text == expect else { throw Failure("redis \(argv[0]) answered \(text)") }
    return text
}

/// `GET /health` on one keep-alive AsyncHTTPClient, body read.
func getHTTP(base: String, count: Int) async throws -> Timing {
    let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
    let url = base.hasSuffix("/") ? base + "health" : base + "/health"
    var timing = Timing(connect: .zero, calls: .zero)
    do {
        // The first request opens the connection: counted as connect, as the others reuse it.
        var start = clock.now
        try await get(url, on: client)
        timing.connect = clock.now - start
        start = clock.now
        for _ in 0..<count {
            try await get(url, on: client)
        }
        timing.calls = clock.now - start
    } catch {
        try await client.shutdown()
        throw error
    }
    try await client.shutdown()
    return timing
}

func get(_ url: String, on client: HTTPClient) async throws {
    let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
    var received = 0
    for try await chunk in response.body { received += chunk.readableBytes }
    guard response.status == .ok else { throw Failure("GET \(url) answered \(response.status.code)") }
    _ = received
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    if options.nioExecutor, !NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() {
        throw Failure("cannot run Swift Concurrency on NIO's event loops here")
    }
    var fields = [#""count": \#(options.count)"#]
    if options.shell {
        fields.append(#""shell": \#(try await spawnShell(count: options.count).json(count: options.count))"#)
    }
    if let url = options.postgres {
        fields.append(#""postgres": \#(try await queryPostgres(url: url, count: options.count).json(count: options.count))"#)
    }
    if let url = options.redis {
        fields.append(#""redis": \#(try pingRedis(url: url, count: options.count).json(count: options.count))"#)
    }
    if let url = options.http {
        fields.append(#""http": \#(try await getHTTP(base: url, count: options.count).json(count: options.count))"#)
    }
    print("{" + fields.joined(separator: ", ") + "}")
} catch {
    FileHandle.standardError.write(Data("exec-floor: \(error)\n".utf8))
    exit(1)
}
