import BackendKit
import BackendTestSupport
@testable import PostgresBackend
import Testing

/// Connections that cannot be made: the reason is said, the password never is.
@Suite("PostgresBackend connection failures")
struct PostgresConnectionFailureTests {
    @Test func wrongPasswordIsAConnectionErrorWithoutThePassword() async throws {
        try PG.requireServer()
        let password = "wrong-Secret-pw-4711"
        let url = try PG.url(password: password)
        let error = await #expect(throws: BackendError.self) {
            _ = try await PostgresBackend().connect(TargetSpec(name: "db", url: url))
        }
        let message = try #require(error?.message)
        #expect(error?.reason == .connection)
        #expect(!message.contains(password))
        #expect(!message.contains("postgres://"))
        let target = try PostgresTarget(url: url)
        #expect(message.hasPrefix("cannot connect to postgres at \(target.location): "))
        #expect(message.contains("28P01"))
        #expect(!String(describing: error).contains(password))
    }

    @Test func nothingListeningIsAConnectionError() async throws {
        let url = try PG.url(password: "some-password-1", port: 1)
        let error = await #expect(throws: BackendError.self) {
            _ = try await PostgresBackend().connect(TargetSpec(name: "db", url: url))
        }
        #expect(error?.reason == .connection)
        #expect(error?.message.hasPrefix("cannot connect to postgres at 127.0.0.1:1/") == true)
        #expect(error?.message.hasSuffix(": connection refused") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("some-password-1") == false)
    }

    @Test func aHostThatDoesNotResolveIsNamed() async throws {
        let error = await #expect(throws: BackendError.self) {
            _ = try await PostgresBackend().connect(TargetSpec(name: "db", url: "postgres://u:pw-4711@no-such-host.invalid/d"))
        }
        #expect(error?.reason == .connection)
        #expect(error?.message.hasPrefix("cannot connect to postgres at no-such-host.invalid:5432/d: cannot resolve no-such-host.invalid")
                == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("pw-4711") == false)
    }

    @Test func sslmodeRequireRefusesAServerWithoutTLS() async throws {
        try PG.requireServer()
        let password = try PostgresTarget(url: PG.url).password
        let url = try PG.url(password: password, query: "sslmode=require")
        let error = await #expect(throws: BackendError.self) {
            _ = try await PostgresBackend().connect(TargetSpec(name: "db", url: url))
        }
        #expect(error?.reason == .connection)
        #expect(error?.message.contains("TLS") == true)
    }

    @Test(arguments: ["disable", "prefer", "allow"])
    func sslmodesThatAllowPlainConnectionsConnect(mode: String) async throws {
        let password = try PostgresTarget(url: PG.url).password
        try await PG.withSession(url: try PG.url(password: password, query: "sslmode=\(mode)")) { session in
            let result = try await PG.ok(session, PG.sql("select 1"))
            #expect(result.outputs["value"] == .int(1))
        }
    }

    @Test func aBadURLNamesTheTargetButNotTheURL() async throws {
        let error = await #expect(throws: BackendError.self) {
            _ = try await PostgresBackend().connect(TargetSpec(name: "db", url: "postgres://u:hunter2-pw@h/d?sslmod=require"))
        }
        #expect(error?.reason == .invalidRequest)
        #expect(error?.message.hasPrefix("target db: invalid postgres URL") == true)
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test func aTargetWithoutURLIsRefused() async throws {
        let error = await #expect(throws: BackendError.self) {
            _ = try await PostgresBackend().connect(TargetSpec(name: "db", url: nil))
        }
        #expect(error?.reason == .invalidRequest)
    }
}
