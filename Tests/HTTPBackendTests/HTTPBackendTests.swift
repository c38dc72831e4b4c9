import BackendKit
import Foundation
import HTTPBackend
import Testing

/// Requests and outputs, against a real HTTP server each test starts on 127.0.0.1.
@Suite struct HTTPBackendTests {
    typealias H = HTTPTestHarness

    @Test func servesTheHTTPKind() {
        #expect(HTTPBackend().kind == "http")
    }

    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "post", " delete ", "\tpAtCh\t", "purge"])
    func methodArrives(_ method: String) async throws {
        let echoed = try await H.withSession { _, session in
            try await session.run(H.request("/echo", method: method), output: { _, _ in })
        }
        #expect(echoed.failure == nil)
        #expect(echoed.outputs["json"]?["method"] == .string(method.trimmingCharacters(in: .whitespaces).uppercased()))
    }

    @Test func methodDefaultsToGet() async throws {
        let echoed = try await H.withSession { _, session in
            try await session.run(BackendRequest(kind: "http", fields: ["path": .string("/echo")]), output: { _, _ in })
        }
        #expect(echoed.outputs["json"]?["method"] == .string("GET"))
    }

    @Test func headReturnsHeadersWithoutBody() async throws {
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/health", method: "HEAD"), output: { _, _ in })
        }
        #expect(result.outputs["status"] == .int(200))
        #expect(result.outputs["body"] == .string(""))
        #expect(result.outputs["headers"]?["content-length"] == .string("2"))
    }

    @Test func targetAndRequestHeadersArriveAndTheRequestWins() async throws {
        let target = ["X-Target": "from-target", "X-Both": "target"]
        let echoed = try await H.withSession(headers: target) { _, session in
            try await session.run(
                H.request("/echo", headers: ["X-Request": "from-step", "x-both": "step"]), output: { _, _ in }
            )
        }
        let headers = echoed.outputs["json"]?["headers"]
        #expect(headers?["x-target"] == .string("from-target"))
        #expect(headers?["x-request"] == .string("from-step"))
        #expect(headers?["x-both"] == .string("step"))
    }

    @Test func jsonIsSerialisedWithAJSONContentType() async throws {
        let payload = Value.object(["tenant": .string("greenwood_high"), "blocked": .bool(true), "ids": .array([.int(1), .int(2)])])
        let echoed = try await H.withSession { _, session in
            try await session.run(H.request("/echo", method: "POST", json: payload), output: { _, _ in })
        }
        let echo = try #require(echoed.outputs["json"])
        #expect(echo["headers"]?["content-type"] == .string("application/json"))
        let body = try #require(echo["body"]?.text)
        #expect(Value(json: body) == payload)
    }

    @Test func jsonKeepsAContentTypeTheStepSet() async throws {
        let echoed = try await H.withSession { _, session in
            try await session.run(
                H.request("/echo", method: "PATCH", headers: ["Content-Type": "application/merge-patch+json"], json: .object([:])),
                output: { _, _ in }
            )
        }
        #expect(echoed.outputs["json"]?["headers"]?["content-type"] == .string("application/merge-patch+json"))
        #expect(echoed.outputs["json"]?["body"] == .string("{}"))
    }

    @Test func bodyIsSentAsWritten() async throws {
        let text = "maintenance on ✓\nline two"
        let echoed = try await H.withSession { _, session in
            try await session.run(H.request("/echo", method: "PUT", body: text), output: { _, _ in })
        }
        #expect(echoed.outputs["json"]?["body"] == .string(text))
        #expect(echoed.outputs["json"]?["headers"]?["content-type"] == nil)
        #expect(echoed.outputs["json"]?["headers"]?["content-length"] == .string(String(text.utf8.count)))
    }

    @Test func bodyAndJSONTogetherAreRefused() async throws {
        try await H.withSession { server, session in
            let error = await #expect(throws: BackendError.self) {
                try await session.run(H.request("/echo", method: "POST", body: "x", json: .int(1)), output: { _, _ in })
            }
            #expect(error?.reason == .invalidRequest)
            #expect(server.acceptedConnections == 0)
        }
    }

    struct JoinCase: Sendable, CustomTestStringConvertible {
        var base: String
        var path: String
        var uri: String
        var testDescription: String { "base \(base.isEmpty ? "(none)" : base) + path \(path.isEmpty ? "(empty)" : path)" }
    }

    static let joinCases: [JoinCase] = {
        let paths: [(path: String, sent: String)] = [
            ("/echo", "/echo"),
            ("echo", "/echo"),
            ("/echo?tenant=greenwood_high&x=1", "/echo?tenant=greenwood_high&x=1"),
            ("echo?x=1", "/echo?x=1"),
            ("/echo?q=a b", "/echo?q=a%20b"),
            ("/echo#section", "/echo"),
        ]
        var cases: [JoinCase] = []
        for base in ["", "/", "/api", "/api/"] {
            let prefix = base.hasPrefix("/api") ? "/api" : ""
            for path in paths { cases.append(JoinCase(base: base, path: path.path, uri: prefix + path.sent)) }
        }
        cases.append(JoinCase(base: "/api/echo", path: "", uri: "/api/echo"))
        cases.append(JoinCase(base: "/api/echo", path: "?x=1", uri: "/api/echo?x=1"))
        cases.append(JoinCase(base: "/api/echo/", path: "/", uri: "/api/echo/"))
        return cases
    }()

    @Test(arguments: joinCases)
    func pathsJoinTheBaseURLWithOneSlash(_ join: JoinCase) async throws {
        let echoed = try await H.withServer { server in
            try await H.withSession(server, url: server.url(join.base)) { session in
                try await session.run(H.request(join.path), output: { _, _ in })
            }
        }
        #expect(echoed.outputs["status"] == .int(200), "\(echoed.outputs["body"]?.text ?? "")")
        #expect(echoed.outputs["json"]?["uri"] == .string(join.uri))
    }

    @Test func aSameOriginAbsoluteURLIsAccepted() async throws {
        let echoed = try await H.withServer { server in
            try await H.withSession(server, url: server.url("/api")) { session in
                try await session.run(H.request(server.url("/echo?x=1")), output: { _, _ in })
            }
        }
        #expect(echoed.outputs["json"]?["uri"] == .string("/echo?x=1"))
    }

    @Test func outputsStatusBodyJSONLatencyAndHeaders() async throws {
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/json"), output: { _, _ in })
        }
        #expect(result.failure == nil)
        #expect(result.outputs["status"] == .int(200))
        #expect(result.outputs["body"] == .string(#"{"overallHealth":"GREEN","items":[{"id":1}]}"#))
        #expect(result.outputs["json"]?["overallHealth"] == .string("GREEN"))
        #expect(result.outputs["json"]?["items"]?[0]?["id"] == .int(1))
        #expect(result.outputs["headers"]?["content-type"] == .string("application/json"))
        #expect(result.outputs["headers"]?["x-test-server"] == .string("runbook"))
        guard case .int(let latency)? = result.outputs["latency_ms"] else {
            Issue.record("latency_ms is not an int: \(String(describing: result.outputs["latency_ms"]))")
            return
        }
        #expect(latency >= 0 && latency < 5000)
    }

    @Test func aBodyThatIsNotJSONHasANullJSONOutput() async throws {
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/health"), output: { _, _ in })
        }
        #expect(result.outputs["body"] == .string("ok"))
        #expect(result.outputs["json"] == .null)
    }

    @Test(arguments: [("/slow?ms=250", 250), ("/slow?ms=250&phase=body", 250)])
    func latencyRunsFromSendToTheLastByte(_ path: String, atLeast: Int) async throws {
        let result = try await H.withSession { _, session in
            try await session.run(H.request(path), output: { _, _ in })
        }
        #expect(result.outputs["body"] == .string("slow"))
        let latency = try #require(result.outputs["latency_ms"]?.number)
        #expect(latency >= Double(atLeast) && latency < 5000)
    }

    @Test(arguments: [
        (503, "HTTP 503 Service Unavailable"), (500, "HTTP 500 Internal Server Error"), (404, "HTTP 404 Not Found"),
        (418, "HTTP 418 I'm a teapot"), (401, "HTTP 401 Unauthorized"), (302, "HTTP 302 Found"),
    ])
    func nonSuccessStatusesFailTheCallWithTheirOutputs(_ code: Int, failure: String) async throws {
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/status/\(code)"), output: { _, _ in })
        }
        #expect(result.failure == failure)
        #expect(result.outputs["status"] == .int(code))
        #expect(result.outputs["body"] == .string("status \(code)"))
    }

    @Test(arguments: [200, 201, 202, 299])
    func successStatusesPass(_ code: Int) async throws {
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/status/\(code)"), output: { _, _ in })
        }
        #expect(result.failure == nil)
        #expect(result.outputs["status"] == .int(code))
    }

    @Test func redirectsAreReturnedNotFollowed() async throws {
        let result = try await H.withSession { server, session in
            let result = try await session.run(H.request("/status/301"), output: { _, _ in })
            #expect(server.acceptedConnections == 1)
            return result
        }
        #expect(result.outputs["status"] == .int(301))
        #expect(result.outputs["headers"]?["location"] == .string("/health"))
        #expect(result.outputs["body"] == .string("status 301"))
    }

    @Test func twentyRequestsReuseOneConnection() async throws {
        let (last, accepted) = try await H.withSession { server, session in
            var last: BackendResult?
            for _ in 0..<20 {
                last = try await session.run(H.request("/count"), output: { _, _ in })
            }
            return (last, server.acceptedConnections)
        }
        #expect(last?.outputs["json"]?["connections"] == .int(1))
        #expect(accepted == 1)
    }

    @Test func bodyIsCappedAtOneMebibyte() async throws {
        let lines = OutputLines()
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/big?bytes=1500000"), output: lines.sink)
        }
        #expect(result.outputs["body"]?.text.utf8.count == 1 << 20)
        #expect(result.outputs["json"] == .null)
        #expect(lines.all == ["GET /big: kept the first 1 MiB of a 1500000-byte response body"])
    }

    @Test func aBodyUnderTheCapIsWholeAndQuiet() async throws {
        let lines = OutputLines()
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/big?bytes=1048576"), output: lines.sink)
        }
        #expect(result.outputs["body"]?.text.utf8.count == 1 << 20)
        #expect(lines.all.isEmpty)
    }

    @Test func invalidUTF8IsDecodedLossily() async throws {
        let result = try await H.withSession { _, session in
            try await session.run(H.request("/binary"), output: { _, _ in })
        }
        #expect(result.outputs["body"] == .string("caf\u{FFFD}(\u{FFFD}"))
        #expect(result.outputs["json"] == .null)
    }
}
