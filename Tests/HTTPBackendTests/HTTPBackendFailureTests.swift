import BackendKit
import Foundation
import HTTPBackend
import Testing

/// Calls that cannot be made or finished, secrets kept out of every message, and shutdown.
@Suite struct HTTPBackendFailureTests {
    typealias H = HTTPTestHarness

    struct TimeoutCase: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var path: String
        var requestTimeout: Duration?
        var targetTimeout: Duration?
        var message: String
    }

    static let timeoutCases = [
        TimeoutCase(
            testDescription: "step timeout, slow head", path: "/slow?ms=3000",
            requestTimeout: .milliseconds(300), targetTimeout: .seconds(20), message: "GET /slow timed out after 300ms"
        ),
        TimeoutCase(
            testDescription: "target timeout, slow head", path: "/slow?ms=3000",
            requestTimeout: nil, targetTimeout: .milliseconds(400), message: "GET /slow timed out after 400ms"
        ),
        TimeoutCase(
            testDescription: "step timeout, slow body", path: "/slow?ms=3000&phase=body",
            requestTimeout: .milliseconds(300), targetTimeout: nil, message: "GET /slow timed out after 300ms"
        ),
        TimeoutCase(
            testDescription: "whole seconds", path: "/slow?ms=4000",
            requestTimeout: .seconds(1), targetTimeout: nil, message: "GET /slow timed out after 1s"
        ),
    ]

    @Test(arguments: timeoutCases)
    func aSlowServerTimesOut(_ timeout: TimeoutCase) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let error = try await H.withSession(timeout: timeout.targetTimeout) { _, session in
            await #expect(throws: BackendError.self) {
                try await session.run(H.request(timeout.path, timeout: timeout.requestTimeout), output: { _, _ in })
            }
        }
        let elapsed = clock.now - started
        #expect(error?.reason == .timeout)
        #expect(error?.message == timeout.message)
        #expect(elapsed < .milliseconds(2500), "took \(elapsed)")
    }

    @Test(arguments: ["127.0.0.1", "localhost"])
    func aClosedPortIsRefusedAtOnce(_ host: String) async throws {
        let port = try await H.closedPort()
        let session = try await HTTPBackend().connect(TargetSpec(name: "app", url: "http://\(host):\(port)"))
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: BackendError.self) {
            try await session.run(H.request("/health"), output: { _, _ in })
        }
        let elapsed = clock.now - started
        await session.close()
        #expect(error?.reason == .connection)
        #expect(error?.message == "cannot connect to \(host):\(port): connection refused")
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    @Test func cancellingTheTaskCancelsTheCall() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = try await H.withSession { _, session in
            let call = Task { try await session.run(H.request("/slow?ms=3000"), output: { _, _ in }) }
            try await Task.sleep(for: .milliseconds(150))
            call.cancel()
            return await call.result
        }
        #expect(clock.now - started < .seconds(2))
        guard case .failure(let error as BackendError) = outcome else {
            Issue.record("expected a BackendError, got \(outcome)")
            return
        }
        #expect(error.reason == .cancelled)
        #expect(error.message == "GET /slow was cancelled")
    }

    @Test(arguments: [
        H.request("/echo", method: "GET /admin"), H.request("/echo", method: "PÖST"), H.request("/echo", method: "G\u{0}ET"),
        H.request("/echo", method: "GET\r\nX-Evil: 1"), H.request("/echo", headers: ["X Key": "1"]),
        H.request("/echo", headers: ["X-Schlüssel": "1"]), H.request("/echo", headers: ["X-Key:": "1"]),
    ])
    func aMethodOrHeaderNameThatIsNotATokenIsRefusedBeforeSending(_ request: BackendRequest) async throws {
        try await H.withSession { server, session in
            let error = await #expect(throws: BackendError.self) {
                try await session.run(request, output: { _, _ in })
            }
            #expect(error?.reason == .invalidRequest)
            #expect(server.acceptedConnections == 0)
        }
    }

    @Test(arguments: [
        "http://example.com/health", "https://127.0.0.1/health", "//example.com/health", "HTTP://evil.example:80/x",
        "http://127.0.0.1:1/health", "http://user:pw@127.0.0.1/health", "https://PORT/health",
    ])
    func anAbsoluteURLToAnotherHostIsRefused(_ path: String) async throws {
        try await H.withSession { server, session in
            let path = path.replacingOccurrences(of: "PORT", with: "127.0.0.1:\(server.port)")
            let error = await #expect(throws: BackendError.self) {
                try await session.run(H.request(path), output: { _, _ in })
            }
            #expect(error?.reason == .invalidRequest)
            #expect(error?.message.contains("absolute URL") == true)
            #expect(error?.message.contains("pw") == false)
            #expect(server.acceptedConnections == 0)
        }
    }

    @Test func userinfoBecomesBasicAuthAndNeverAppearsInMessages() async throws {
        let password = "s3cret/pw"
        let token = Data("alice:\(password)".utf8).base64EncodedString()
        let headerSecret = "Bearer tok-target-123"
        let stepSecret = "Bearer tok-step-456"
        var messages: [String] = []

        let echoed = try await H.withServer { server in
            let url = server.url(userinfo: "alice:s3cret%2Fpw")
            return try await H.withSession(server, url: url, headers: ["X-Api-Key": headerSecret]) { session in
                messages.append(String(describing: session))
                messages.append(String(reflecting: session))
                let echoed = try await session.run(H.request("/echo"), output: { _, _ in })

                let failed = try await session.run(H.request("/status/503", headers: ["Authorization": stepSecret]), output: { _, _ in })
                messages += [failed.failure ?? "", failed.outputs["body"]?.text ?? ""]

                let requests = [
                    H.request("/slow?ms=2000&token=\(password)", timeout: .milliseconds(200)),
                    H.request("http://elsewhere.example/x?pw=\(password)"),
                    H.request("/echo", headers: ["X-Bad": "\(stepSecret)\r\nInjected: 1"]),
                    H.request("/echo", headers: ["Bad Name": stepSecret]),
                ]
                for request in requests {
                    do {
                        _ = try await session.run(request, output: { _, _ in })
                        Issue.record("\(request.fields) did not fail")
                    } catch {
                        messages.append(String(describing: error))
                    }
                }
                return echoed
            }
        }
        #expect(echoed.outputs["json"]?["headers"]?["authorization"] == .string("Basic \(token)"))
        #expect(echoed.outputs["json"]?["headers"]?["x-api-key"] == .string(headerSecret))

        let port = try await H.closedPort()
        let refused = try await HTTPBackend().connect(
            TargetSpec(name: "app", url: "http://alice:s3cret%2Fpw@127.0.0.1:\(port)/api", headers: ["X-Api-Key": headerSecret])
        )
        messages.append(String(describing: refused))
        messages.append(String(reflecting: refused))
        do {
            _ = try await refused.run(H.request("/health"), output: { _, _ in })
            Issue.record("a closed port answered")
        } catch {
            messages.append(String(describing: error))
        }
        await refused.close()

        #expect(messages.count == 11)
        #expect(messages.contains("GET /slow timed out after 200ms"))
        #expect(messages.contains("cannot connect to 127.0.0.1:\(port): connection refused"))
        #expect(messages.contains { $0.contains("password: <redacted>") })
        for message in messages {
            for secret in [password, "s3cret", token, headerSecret, stepSecret, "tok-"] {
                #expect(!message.contains(secret), "\(message) contains \(secret)")
            }
        }
    }

    struct BadTarget: Sendable, CustomTestStringConvertible {
        var url: String?
        var headers: [String: String] = [:]
        var testDescription: String { url.map { "url \($0)" } ?? "no url" }
    }

    @Test(arguments: [
        BadTarget(url: nil),
        BadTarget(url: "ftp://user:secretpw@files.example/x"),
        BadTarget(url: "localhost:3000"),
        BadTarget(url: "http://:secretpw@/"),
        BadTarget(url: "http://127.0.0.1:3000/api?token=secretpw"),
        BadTarget(url: "http://127.0.0.1:3000", headers: ["X-Key": "secretpw\nX-Evil: 1"]),
    ])
    func aBadTargetIsRefusedAtConnect(_ bad: BadTarget) async throws {
        let error = await #expect(throws: BackendError.self) {
            let session = try await HTTPBackend().connect(TargetSpec(name: "app", url: bad.url, headers: bad.headers))
            await session.close()
        }
        #expect(error?.reason == .invalidRequest)
        #expect(error?.message.contains("secretpw") == false)
    }

    @Test func closeShutsDownTheClientAndItsConnections() async throws {
        try await H.withServer { server in
            let session = try await HTTPBackend().connect(TargetSpec(name: "app", url: server.url()))
            let result = try await session.run(H.request("/health"), output: { _, _ in })
            #expect(result.outputs["status"] == .int(200))
            #expect(server.openConnections == 1)

            await session.close()
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(3)
            while server.openConnections > 0, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.openConnections == 0)

            let error = await #expect(throws: BackendError.self) {
                try await session.run(H.request("/health"), output: { _, _ in })
            }
            #expect(error?.reason == .failed)
            #expect(error?.message == "GET /health: the session to 127.0.0.1:\(server.port) is already closed")
            await session.close()
            #expect(server.acceptedConnections == 1)
        }
    }
}
