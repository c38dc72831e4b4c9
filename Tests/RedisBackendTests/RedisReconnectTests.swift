import BackendKit
import BackendTestSupport
import Foundation
import RedisBackend
import Testing

/// A run must survive its Redis restarting: each test runs its own `redis-server` and
/// stops or kills it under a live session.
struct RedisReconnectTests {
    static let password = "restart-pw-4711"

    private func connect(_ server: RedisServerProcess, database: Int = 0) async throws -> any BackendSession {
        try await RedisBackend().connect(TargetSpec(name: "restartable", url: server.url(database: database)))
    }

    @Test func restartBetweenStepsReconnectsWithAuthAndSelect() async throws {
        try await RedisServerProcess.withServer(password: Self.password) { server in
            let session = try await connect(server, database: 3)
            defer { Task { await session.close() } }

            #expect(try await session.redis("SET", "before", "1").reply == .string("OK"))
            await server.stop()
            try await server.start()

            // No NOAUTH failure: AUTH was sent again; the restart emptied the server.
            let afterRestart = try await session.redis("GET", "before")
            #expect(afterRestart.failure == nil)
            #expect(afterRestart.reply == .null)
            #expect(try await session.redis("SET", "after", "2").reply == .string("OK"))

            // SELECT was sent again: the key is in database 3, not 0.
            let db3 = try await connect(server, database: 3)
            let db0 = try await connect(server, database: 0)
            defer { Task { await db3.close(); await db0.close() } }
            #expect(try await db3.redis("GET", "after").reply == .string("2"))
            #expect(try await db0.redis("GET", "after").reply == .null)
        }
    }

    @Test func aSelectStepSurvivesAReconnect() async throws {
        try await RedisServerProcess.withServer(password: Self.password) { server in
            let session = try await connect(server)
            defer { Task { await session.close() } }

            #expect(try await session.redis("SELECT", "4").reply == .string("OK"))
            await server.stop()
            try await server.start()
            #expect(try await session.redis("SET", "where", "four").reply == .string("OK"))

            let db4 = try await connect(server, database: 4)
            defer { Task { await db4.close() } }
            #expect(try await db4.redis("GET", "where").reply == .string("four"))
        }
    }

    @Test func serverDownFailsTheRequestThenTheNextOneReconnects() async throws {
        try await RedisServerProcess.withServer(password: Self.password) { server in
            let session = try await connect(server)
            defer { Task { await session.close() } }
            #expect(try await session.redis("PING").reply == .string("PONG"))

            await server.stop()
            await #expect {
                try await session.redis("PING")
            } throws: { error in
                guard let error = error as? BackendError else { return false }
                return error.reason == .connection
                    && error.message == "cannot connect to redis at 127.0.0.1:\(server.port): Connection refused"
            }

            try await server.start()
            #expect(try await session.redis("PING").reply == .string("PONG"))
        }
    }

    @Test func serverKilledDuringACommandFailsItThenRecovers() async throws {
        try await RedisServerProcess.withServer(password: Self.password) { server in
            let session = try await connect(server)
            defer { Task { await session.close() } }

            let blocked = Task { try await session.redis("BLPOP", "never", "10") }
            try await Task.sleep(for: .milliseconds(300))
            await server.stop(abruptly: true)
            let outcome = await blocked.result
            guard case .failure(let error) = outcome, let error = error as? BackendError else {
                Issue.record("expected BackendError, got \(outcome)")
                return
            }
            #expect(error.reason == .connection)
            #expect(error.message.hasPrefix("redis BLPOP at 127.0.0.1:\(server.port)/0 failed"), "\(error.message)")
            #expect(!error.message.contains(Self.password))

            try await server.start()
            #expect(try await session.redis("PING").reply == .string("PONG"))
        }
    }

    @Test func aTransactionLostToARestartFailsInsteadOfRunningOutsideIt() async throws {
        try await RedisServerProcess.withServer(password: Self.password) { server in
            let session = try await connect(server)
            defer { Task { await session.close() } }

            #expect(try await session.redis("MULTI").reply == .string("OK"))
            #expect(try await session.redis("SET", "queued", "1").reply == .string("QUEUED"))
            await server.stop()
            try await server.start()

            await #expect {
                try await session.redis("SET", "queued", "2")
            } throws: { error in
                guard let error = error as? BackendError else { return false }
                return error.reason == .connection && error.message.contains("lost inside MULTI or WATCH")
            }
            #expect(try await session.redis("GET", "queued").reply == .null)
            #expect(try await session.redis("EXEC").failure?.contains("EXEC without MULTI") == true)
        }
    }
}
