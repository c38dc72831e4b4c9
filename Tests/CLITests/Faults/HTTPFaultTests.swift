import BackendTestSupport
import Foundation
import Testing
import TestSupport

/// A server that answers badly: 500s, and answers that never come in time.
@Suite(.serialized) struct HTTPFaultTests {
    static func playbook(_ steps: String, verify: String = "") -> String {
        FaultPlaybook.header("http-faults", env: []) + """

          FAULTY_URL: {}
        targets:
          app: { backend: http, url: "${{ env.FAULTY_URL }}" }
        steps:
          - id: before
            title: Something that works
            http: { target: app, path: /ok }
        \(steps)
        \(verify)
        """
    }

    @Test func a500FailsTheStepAfterItsRetries() throws {
        let server = try FaultyHTTPServer()
        let box = try ExecSandbox()
        try box.write("p.yaml", Self.playbook("""
          - id: call
            title: Call the failing endpoint
            retry: { attempts: 3, interval: 100ms }
            http: { target: app, path: /fail }
        """))
        let output = try box.runbook(["exec", "p.yaml", "--no-tty"], environment: ["FAULTY_URL": "http://127.0.0.1:\(server.port)"])
        FaultPlaybook.expectNoCrash(output)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("[2] call failed"), "\(output.stdout)")
        #expect(output.stdout.contains("HTTP 500"), "\(output.stdout)")
        #expect(try FaultPlaybook.starts(of: "call", in: box) == 3)
        #expect(try FaultPlaybook.finishes(of: "before", in: box) == ["succeeded"])
        try FaultPlaybook.expectIntact(box, try FaultPlaybook.runID(box))
    }

    @Test func aSlowAnswerFailsTheStepAtItsTimeout() throws {
        let server = try FaultyHTTPServer()
        let box = try ExecSandbox()
        try box.write("p.yaml", Self.playbook("""
          - id: call
            title: Call the slow endpoint
            timeout: 1s
            http: { target: app, path: /slow }
        """))
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], environment: ["FAULTY_URL": "http://127.0.0.1:\(server.port)"])
        let output = try run.finish(within: 30)  // the server would take 120 s
        FaultPlaybook.expectNoCrash(output)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        let failure = output.stdout.split(separator: "\n").first { $0.hasPrefix("[2] call failed") }.map(String.init) ?? ""
        #expect(failure.localizedCaseInsensitiveContains("timed out") || failure.localizedCaseInsensitiveContains("timeout"),
                "\(output.stdout)")
        try FaultPlaybook.expectIntact(box, try FaultPlaybook.runID(box))
    }

    @Test func a500InVerifyFailsVerification() throws {
        let server = try FaultyHTTPServer()
        let box = try ExecSandbox()
        try box.write("p.yaml", Self.playbook("", verify: """
        verify:
          - name: the service is healthy
            http: { target: app, path: /fail }
            expect: { status: 200 }
            retry: { attempts: 2, interval: 100ms }
        """))
        let output = try box.runbook(["exec", "p.yaml", "--no-tty"], environment: ["FAULTY_URL": "http://127.0.0.1:\(server.port)"])
        FaultPlaybook.expectNoCrash(output)
        #expect(output.status == 3, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("500"), "\(output.stdout)")
        try FaultPlaybook.expectIntact(box, try FaultPlaybook.runID(box))
    }
}
