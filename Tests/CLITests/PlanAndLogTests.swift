import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct PlanAndLogTests {
    @Test func planRendersStepsWithSecretsHiddenAndContactsNothing() throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", """
        runbook: 1
        id: plan-me
        title: Plan me
        level: 2
        authorization: { executor: senior_engineer }
        params:
          tenant: { type: identifier }
          token: { type: string, secret: true }
        env:
          DATABASE_URL: { secret: true }
        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
        steps:
          - id: revoke
            title: Revoke sessions
            confirm: true
            postgres:
              target: db
              sql: UPDATE ${{ ident(params.tenant) }}.user_sessions SET is_active = false WHERE is_active
          - id: tell
            title: Tell
            shell:
              run: notify --rows "$ROWS"
              env: { TOKEN: "${{ params.token }}", ROWS: "${{ steps.revoke.row_count }}" }
        """)
        let output = try box.runbook(["plan", "p.yaml", "--param", "tenant=greenwood_high", "--param", "token=TOPSECRET99"],
                                     environment: ["DATABASE_URL": "postgres://u:pw-not-shown@127.0.0.1:1/db"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("UPDATE \"greenwood_high\".user_sessions"))
        #expect(output.stdout.contains("revoke — Revoke sessions [write]"))
        #expect(output.stdout.contains("asks to confirm"))
        #expect(output.stdout.contains("‹steps.revoke.row_count›"))
        #expect(output.stdout.contains("target db: postgres ***"))
        for leaked in ["TOPSECRET99", "pw-not-shown"] { #expect(!output.stdout.contains(leaked)) }
    }

    @Test func runsAndLogShowAFinishedRun() throws {
        let box = try ExecSandbox()
        try box.write("hello.yaml", """
        runbook: 1
        id: hello
        title: Hello
        level: 1
        authorization: { executor: on_call }
        steps:
          - id: greet
            title: Greet
            shell: { run: "echo hi" }
        """)
        let run = try box.runbook(["exec", "hello.yaml", "--as", "olivia"])
        #expect(run.status == 0)
        let runs = try box.runbook(["runs"])
        let runID = try #require(runs.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))
        #expect(runs.stdout.contains("succeeded"))
        #expect(runs.stdout.contains("olivia"))
        let log = try box.runbook(["log", runID])
        #expect(log.status == 0)
        for line in ["hello.yaml (Hello, level 1) by olivia", "step greet started (attempt 1)", "step greet succeeded", "finished succeeded"] {
            #expect(log.stdout.contains(line), "\(log.stdout)")
        }
    }
}
