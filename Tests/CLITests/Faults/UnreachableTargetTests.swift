import Foundation
import Testing
import TestSupport

/// A target nobody answers at: the step fails quickly with the reason, and what ran before stays done.
@Suite(.serialized) struct UnreachableTargetTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var backend: String
        var url: String
        var action: String
        /// Words the failure must show (any one of them, case-insensitive).
        var reason: [String]
        var testDescription: String { "\(backend) at \(url)" }
    }

    static let cases: [Case] = [
        Case(backend: "postgres", url: "postgres://runbook:pw-unused@127.0.0.1:1/runbook",
             action: #"postgres: { target: t, query: "select 1" }"#, reason: ["refused"]),
        Case(backend: "redis", url: "redis://127.0.0.1:1/0", action: "redis: { target: t, command: [PING] }",
             reason: ["refused"]),
        Case(backend: "http", url: "http://127.0.0.1:1", action: "http: { target: t, path: /health }",
             reason: ["refused"]),
        Case(backend: "postgres", url: "postgres://runbook:pw-unused@no-such-host.invalid:5432/runbook",
             action: #"postgres: { target: t, query: "select 1" }"#, reason: ["no-such-host.invalid"]),
        Case(backend: "redis", url: "redis://no-such-host.invalid:6379/0", action: "redis: { target: t, command: [PING] }",
             reason: ["no-such-host.invalid"]),
        Case(backend: "http", url: "http://no-such-host.invalid", action: "http: { target: t, path: /health }",
             reason: ["no-such-host.invalid"]),
    ]

    @Test(arguments: cases) func failsWithTheReason(_ fault: Case) throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", FaultPlaybook.header("unreachable", env: ["TARGET_URL"]) + """

        targets:
          t: { backend: \(fault.backend), url: "${{ env.TARGET_URL }}", timeout: 10s }
        steps:
          - id: before
            title: Something that works
            shell: { run: echo done before }
          - id: call
            title: Call the target
            \(fault.action)
        """)
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], environment: ["TARGET_URL": fault.url])
        let output = try run.finish(within: 60)
        FaultPlaybook.expectNoCrash(output)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        let failure = output.stdout.split(separator: "\n").first { $0.hasPrefix("[2] call failed") }.map(String.init) ?? ""
        #expect(fault.reason.contains { failure.localizedCaseInsensitiveContains($0) },
                "the failure does not say why: \(output.stdout)")
        #expect(!output.stdout.contains("pw-unused"), "the URL's password leaked")
        #expect(try FaultPlaybook.finishes(of: "before", in: box) == ["succeeded"])
        try FaultPlaybook.expectIntact(box, try FaultPlaybook.runID(box))
    }
}
