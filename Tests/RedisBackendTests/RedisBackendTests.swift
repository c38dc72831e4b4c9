import BackendKit
import BackendTestSupport
import Foundation
import RedisBackend
import Testing

struct RedisBackendTests {
    @Test func everydayCommands() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let key = Redis.key("k"), counter = Redis.key("n"), list = Redis.key("l"), hash = Redis.key("h")

        let expectations: [([String], Value)] = [
            (["PING"], .string("PONG")),
            (["SET", key, "v1"], .string("OK")),
            (["GET", key], .string("v1")),
            (["EXPIRE", key, "100"], .int(1)),
            (["INCR", counter], .int(1)),
            (["INCR", counter], .int(2)),
            (["RPUSH", list, "a", "b", "c"], .int(3)),
            (["LRANGE", list, "0", "-1"], .array([.string("a"), .string("b"), .string("c")])),
            (["HSET", hash, "f1", "v1"], .int(1)),
            (["HGETALL", hash], .array([.string("f1"), .string("v1")])),
            (["DEL", key, counter, list, hash], .int(4)),
            (["GET", key], .null),
        ]
        for (argv, expected) in expectations {
            let result = try await session.redis(argv)
            #expect(result.failure == nil, "\(argv)")
            #expect(result.reply == expected, "\(argv)")
            #expect(result.outputs["value"] == expected, "\(argv)")
        }

        let info = try await session.redis("INFO", "server")
        guard case .string(let text)? = info.reply else {
            Issue.record("INFO replied \(String(describing: info.reply))")
            return
        }
        #expect(text.contains("redis_version:"))
    }

    static let replyTypes: [(name: String, script: String, expected: Value)] = [
        ("status", "return redis.status_reply('FINE')", .string("FINE")),
        ("integer", "return -42", .int(-42)),
        ("nil", "return false", .null),
        ("bulk string", "return 'text with spaces'", .string("text with spaces")),
        ("empty string", "return ''", .string("")),
        ("non-UTF-8 bytes", "return string.char(255, 97, 0, 98)", .string("\u{FFFD}a\u{0}b")),
        ("array", "return {1, 'two'}", .array([.int(1), .string("two")])),
        ("empty array", "return {}", .array([])),
        ("nested array", "return {1, {'a', {2, {}}}, 'b'}",
         .array([.int(1), .array([.string("a"), .array([.int(2), .array([])])]), .string("b")])),
        ("error inside an array", "return {1, redis.error_reply('INNER oops')}", .array([.int(1), .string("INNER oops")])),
    ]

    @Test(arguments: replyTypes)
    func everyReplyTypeBecomesAValue(_ name: String, _ script: String, _ expected: Value) async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let result = try await session.redis("EVAL", script, "0")
        #expect(result.failure == nil)
        #expect(result.reply == expected)
        #expect(result.outputs["value"] == expected)
    }

    @Test func errorRepliesAreFailuresNotThrows() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let key = Redis.key("str")

        let scripted = try await session.redis("EVAL", "return redis.error_reply('MYERR boom')", "0")
        #expect(scripted.failure == "MYERR boom")
        #expect(scripted.reply == .string("MYERR boom"))

        let unknown = try await session.redis("NOSUCHCOMMAND", "x")
        #expect(unknown.failure?.hasPrefix("ERR unknown command") == true)

        try await session.redis("SET", key, "text")
        let wrongType = try await session.redis("LPUSH", key, "x")
        #expect(wrongType.failure?.hasPrefix("WRONGTYPE") == true)

        #expect(try await session.redis("GET", key).reply == .string("text"))
        try await session.redis("DEL", key)
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        var text: String
        var testDescription: String { Value.string(String(text.prefix(40))).json }
    }

    static let hostileArguments: [Hostile] = [
        "\"a b\" ; FLUSHDB",
        "a b\r\nFLUSHDB\r\n",
        "*1\r\n$7\r\nFLUSHDB\r\n",
        "*3\r\n",
        "nul\u{0}byte\u{0}",
        "'single' \"double\" `back` $(FLUSHDB)",
        "line1\nline2\n",
        "",
        "ünïcødé 🚀",
        String(repeating: "x ", count: 5000),
    ].map(Hostile.init(text:))

    /// One element stays one argument whatever it holds: the value round-trips exactly and
    /// nothing in it runs as a command (the sentinel key survives).
    @Test(arguments: hostileArguments)
    func argumentsAreBinarySafe(_ hostile: Hostile) async throws {
        let argument = hostile.text
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let key = Redis.key("bin"), sentinel = Redis.key("sentinel")
        try await session.redis("SET", sentinel, "still here")

        let set = try await session.redis("SET", key, argument)
        #expect(set.failure == nil)
        #expect(set.reply == .string("OK"))
        #expect(try await session.redis("GET", key).reply == .string(argument))
        #expect(try await session.redis("STRLEN", key).reply == .int(argument.utf8.count))
        #expect(try await session.redis("ECHO", argument).reply == .string(argument))

        #expect(try await session.redis("GET", sentinel).reply == .string("still here"))
        guard case .int(let size)? = try await session.redis("DBSIZE").reply else {
            Issue.record("DBSIZE is not an int")
            return
        }
        #expect(size >= 2)
        try await session.redis("DEL", key, sentinel)
    }

    @Test func wrongPasswordFailsToConnectWithoutShowingIt() async throws {
        let config = try Redis.configuration
        for url in [
            "redis://:not-the-password-7f3@\(config.endpoint)/0",
            "redis://default:not-the-password-7f3@\(config.endpoint)/0",
        ] {
            await #expect {
                _ = try await Redis.session(url: url)
            } throws: { error in
                guard let error = error as? BackendError else { return false }
                return error.reason == .connection
                    && error.message.hasPrefix("cannot authenticate to redis at \(config.endpoint): WRONGPASS")
                    && !error.message.contains("not-the-password")
            }
        }
    }

    @Test func aclUserAndPasswordAuthenticate() async throws {
        let config = try Redis.configuration
        let url = "redis://default:\(config.password ?? "")@\(config.endpoint)/0"
        let session = try await Redis.session(url: url)
        defer { Task { await session.close() } }
        #expect(try await session.redis("ACL", "WHOAMI").reply == .string("default"))
    }

    @Test func connectionRefusedNamesHostAndPortOnly() async throws {
        #expect(throws: (any Error).self, "something listens on 6390") {
            try TestServers.requireListening(port: 6390, name: "nothing")
        }
        let target = TargetSpec(name: "cache", url: "redis://:refused-pw-123@127.0.0.1:6390/0")
        await #expect {
            _ = try await RedisBackend().connect(target)
        } throws: { error in
            guard let error = error as? BackendError else { return false }
            return error.reason == .connection
                && error.message == "cannot connect to redis at 127.0.0.1:6390: Connection refused"
        }
    }

    @Test func selectsTheURLsDatabase() async throws {
        let key = Redis.key("db")
        let db5 = try await Redis.session(url: try Redis.url(database: 5))
        let db0 = try await Redis.session(url: try Redis.url(database: 0))
        let db5Again = try await Redis.session(url: try Redis.url(database: 5))
        defer { Task { await db5.close(); await db0.close(); await db5Again.close() } }

        try await db5.redis("SET", key, "in five", "EX", "60")
        #expect(try await db0.redis("GET", key).reply == .null)
        #expect(try await db5Again.redis("GET", key).reply == .string("in five"))
        try await db5.redis("DEL", key)

        await #expect {
            _ = try await Redis.session(url: try Redis.url(database: 999))
        } throws: { error in
            guard let error = error as? BackendError else { return false }
            return error.reason == .connection && error.message.contains("select database 999")
                && error.message.contains("out of range")
        }
    }

    static let budgets: [(command: String, keys: Int, maxKeys: Int?, refused: Bool)] = [
        ("DEL", 3, nil, false),
        ("DEL", 3, 3, false),
        ("DEL", 3, 2, true),
        ("del", 1, 0, true),
        ("UNLINK", 2, 5, false),
        ("unlink", 4, 3, true),
    ]

    @Test(arguments: budgets)
    func maxKeysLimitsDeletes(_ command: String, _ count: Int, _ maxKeys: Int?, _ refused: Bool) async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let keys = (0..<count).map { Redis.key("budget\($0)") }
        for key in keys { try await session.redis("SET", key, "x") }

        let result = try await session.redis([command] + keys, maxKeys: maxKeys)
        let remaining = try await session.redis(["EXISTS"] + keys).reply
        if refused {
            let noun = count == 1 ? "key" : "keys"
            #expect(result.failure == "would delete \(count) \(noun), more than the step's budget of \(maxKeys ?? -1)")
            #expect(remaining == .int(count))
            try await session.redis(["DEL"] + keys)
        } else {
            #expect(result.failure == nil)
            #expect(result.reply == .int(count))
            #expect(remaining == .int(0))
        }
    }

    @Test func maxKeysDoesNotLimitOtherCommands() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let key = Redis.key("getdel")
        try await session.redis("SET", key, "gone")
        let result = try await session.redis("GETDEL", key, maxKeys: 0)
        #expect(result.failure == nil)
        #expect(result.reply == .string("gone"))
    }

    @Test func blockingCommandTimesOutAndTheSessionRecovers() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let list = Redis.key("blocked"), key = Redis.key("after")

        let start = ContinuousClock.now
        await #expect {
            try await session.redis("BLPOP", list, "5", timeout: .milliseconds(300))
        } throws: { error in
            guard let error = error as? BackendError else { return false }
            return error.reason == .timeout && error.message.contains("BLPOP") && error.message.contains("300ms")
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(2), "took \(elapsed)")

        // The next request reconnects and gets its own reply, not the abandoned BLPOP's;
        // the dropped BLPOP client no longer waits, so the pushed element stays.
        #expect(try await session.redis("SET", key, "fresh").reply == .string("OK"))
        #expect(try await session.redis("GET", key).reply == .string("fresh"))
        #expect(try await session.redis("LPUSH", list, "x").reply == .int(1))
        #expect(try await session.redis("LLEN", list).reply == .int(1))
        try await session.redis("DEL", list, key)
    }

    @Test func blockingCommandWithinItsTimeoutCompletes() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let result = try await session.redis("BLPOP", Redis.key("empty"), "1", timeout: .seconds(5))
        #expect(result.failure == nil)
        #expect(result.reply == .null)
    }

    @Test func targetTimeoutIsTheDefaultDeadline() async throws {
        let session = try await Redis.session(timeout: .milliseconds(400))
        defer { Task { await session.close() } }
        await #expect {
            try await session.redis("BLPOP", Redis.key("blocked"), "5")
        } throws: { ($0 as? BackendError)?.reason == .timeout }
        #expect(try await session.redis("PING").reply == .string("PONG"))
    }

    @Test func cancellingTheTaskInterruptsABlockedCommand() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let start = ContinuousClock.now
        let task = Task { try await session.redis("BLPOP", Redis.key("cancel"), "5") }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let outcome = await task.result
        let elapsed = ContinuousClock.now - start
        guard case .failure(let error) = outcome, let error = error as? BackendError else {
            Issue.record("expected BackendError, got \(outcome)")
            return
        }
        #expect(error.reason == .cancelled)
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(try await session.redis("PING").reply == .string("PONG"))
    }

    @Test func concurrentRequestsShareOneSession() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let counter = Redis.key("concurrent")
        let count = 40
        let replies = try await withThrowingTaskGroup(of: Value?.self) { group in
            for _ in 0..<count {
                group.addTask { try await session.redis("INCR", counter).reply }
            }
            return try await group.reduce(into: [Value?]()) { $0.append($1) }
        }
        let numbers = replies.compactMap { reply -> Int? in
            if case .int(let value)? = reply { return value }
            return nil
        }
        #expect(numbers.sorted() == Array(1...count))
        #expect(try await session.redis("GET", counter).reply == .string(String(count)))
        try await session.redis("DEL", counter)
    }

    @Test func malformedRequestsAreRejected() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        for fields: [String: Value] in [[:], ["command": .array([])], ["command": .string("PING")]] {
            await #expect {
                _ = try await session.run(BackendRequest(kind: "redis", fields: fields), output: { _, _ in })
            } throws: { ($0 as? BackendError)?.reason == .invalidRequest }
        }
    }

    @Test func closedSessionRefusesRequests() async throws {
        let session = try await Redis.session()
        await session.close()
        await #expect {
            try await session.redis("PING")
        } throws: { ($0 as? BackendError)?.reason == .connection }
    }

    @Test func sessionDescriptionHidesThePassword() async throws {
        let session = try await Redis.session()
        defer { Task { await session.close() } }
        let password = try #require(try Redis.configuration.password)
        for text in [String(describing: session), String(reflecting: session)] {
            #expect(!text.contains(password), "\(text)")
            #expect(text.contains(try Redis.configuration.location))
        }
    }
}
