import Foundation
import Testing
import TestSupport

/// `runbook exec` end to end against the real PostgreSQL, Redis and an HTTP server.
@Suite(.serialized) struct ExecTests {
    static let secretMarker = "SECRET-MARKER-7f3a9c"

    static func fullPlaybook(_ tag: String) -> String {
        """
        runbook: 1
        id: exec-all-backends
        title: Every backend and probe
        level: 2
        authorization: { executor: senior_engineer }
        params:
          tenant: { type: string }
          token: { type: string, secret: true }
        env:
          DATABASE_URL: { secret: true }
          REDIS_URL: { secret: true }
          APP_URL: {}
        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
          cache: { backend: redis, url: "${{ env.REDIS_URL }}" }
          app: { backend: http, url: "${{ env.APP_URL }}" }
        preconditions:
          - name: database reachable
            postgres: { target: db, query: "select 1" }
        steps:
          - id: make_table
            title: Create the table
            postgres: { target: db, sql: "create table \(tag) (id serial primary key, tenant text not null)" }
          - id: insert
            title: Insert the tenant through args
            postgres:
              target: db
              query: "insert into \(tag) (tenant) values ($1)"
              args: ["${{ params.tenant }}"]
          - id: shell_env
            title: Pass the tenant and the token through env
            shell:
              run: |
                printf 'tenant=%s\\n' "$TENANT"
                printf 'token=%s\\n' "$TOKEN"
                test "$TENANT" = "$EXPECTED"
              env: { TENANT: "${{ params.tenant }}", TOKEN: "${{ params.token }}", EXPECTED: "${{ params.tenant }}" }
          - id: flag
            title: Set a flag
            redis: { target: cache, command: [SET, "\(tag):flag", "${{ params.tenant }}", EX, 60] }
          - id: health
            title: Ask the server
            http: { target: app, path: /health/ }
          - id: tell
            title: Tell
            message: { template: "inserted ${{ steps.insert.row_count }} row(s); http ${{ steps.health.status }}" }
        verify:
          - name: one row stored verbatim
            postgres: { target: db, query: "select count(*) from \(tag) where tenant = $1", args: ["${{ params.tenant }}"] }
            expect: { value: { equals: 1 } }
          - name: flag set
            redis: { target: cache, command: [GET, "\(tag):flag"] }
            expect: { value: { equals: "${{ params.tenant }}" } }
          - name: server healthy
            http: { target: app, path: /golive.json }
            expect: { status: 200, json: { path: overallHealth, equals: GREEN }, body: { contains: alerts }, latency_ms: { less_than: 5000 } }
            retry: { attempts: 3, interval: 200ms }
          - name: stays green
            http: { target: app, path: /golive.json }
            expect: { json: { path: overallHealth, in: [GREEN] } }
            hold: { for: 1s, every: 250ms }
          - name: shell probe
            shell: { run: "echo ready" }
            expect: { exit_code: 0, stdout: { matches: "^ready$" } }
        """
    }

    @Test func runsEveryBackendAndJournalsEveryEvent() throws {
        let box = try ExecSandbox()
        try box.write("all.yaml", Self.fullPlaybook(box.tag))
        let payload = "x'; DROP TABLE \(box.tag); --"
        let output = try box.runbook(["exec", "all.yaml", "--param", "tenant=\(payload)",
                                      "--param", "token=\(Self.secretMarker)", "--as", "sam"])
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
        #expect(output.stdout.contains("inserted 1 row(s); http 200"))
        #expect(try box.psql("select tenant from \(box.tag)") == payload)
        let journal = try #require(try box.journals().first)
        for type in ["run_started", "precondition", "step_started", "step_finished", "verify", "run_finished"] {
            #expect(journal.contains("\"type\":\"\(type)\""), "journal lacks \(type)")
        }
        #expect(journal.components(separatedBy: "\"type\":\"step_finished\"").count - 1 == 6)
        #expect(journal.contains("\"status\":\"succeeded\""))
        for text in [output.stdout, output.stderr, journal] {
            #expect(!text.contains(Self.secretMarker), "the secret leaked")
            #expect(!text.contains("runbook-test-pw"), "a server password leaked")
        }
        #expect(output.stdout.contains("token=***"))
    }

    @Test func lintErrorsRefuseTheRunBeforeAnything() throws {
        let box = try ExecSandbox()
        try box.write("bad.yaml", """
        runbook: 1
        id: bad
        title: Bad
        level: 1
        authorization: { executor: on_call }
        steps:
          - id: touch
            title: Touch
            shell: { run: "touch ran-${{ params.x }}" }
        """)
        let output = try box.runbook(["exec", "bad.yaml"])
        #expect(output.status == 4)
        #expect(output.stderr.contains("[shell-interpolation]"))
        #expect(output.stderr.contains("nothing was run"))
    }

    @Test(arguments: [
        ([String](), "missing param 'tenant'"),
        (["--param", "tenant=x", "--param", "tennant=y"], "unknown param 'tennant' (did you mean 'tenant'?)"),
    ])
    func badParamsRefuseTheRun(arguments: [String], message: String) throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", """
        runbook: 1
        id: params
        title: Params
        level: 1
        authorization: { executor: on_call }
        params:
          tenant: { type: identifier }
        steps:
          - id: hello
            title: Hello
            message: { template: "hi ${{ params.tenant }}" }
        """)
        let output = try box.runbook(["exec", "p.yaml"] + arguments)
        #expect(output.status == 4)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test func failedVerificationExitsWithThree() throws {
        let box = try ExecSandbox()
        try box.write("v.yaml", """
        runbook: 1
        id: verify-fails
        title: Verify fails
        level: 1
        authorization: { executor: on_call }
        env:
          APP_URL: {}
        targets:
          app: { backend: http, url: "${{ env.APP_URL }}" }
        steps:
          - id: hello
            title: Hello
            message: { template: "hi" }
        verify:
          - name: golive is RED
            http: { target: app, path: /golive.json }
            expect: { json: { path: overallHealth, equals: RED } }
        """)
        let output = try box.runbook(["exec", "v.yaml"])
        #expect(output.status == 3, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("overallHealth is \"GREEN\", expected \"RED\""))
    }

    @Test func aStepTimeoutKillsTheWholeProcessGroup() throws {
        let box = try ExecSandbox()
        let marker = box.folder.appendingPathComponent("survivor").path
        try box.write("t.yaml", """
        runbook: 1
        id: timeout
        title: Timeout
        level: 1
        authorization: { executor: on_call }
        steps:
          - id: slow
            title: Slow
            timeout: 1s
            shell:
              run: |
                (sleep 3; touch "$MARKER") &
                sleep 30
              env: { MARKER: "\(marker)" }
        """)
        let output = try box.runbook(["exec", "t.yaml"])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("timed out"))
        sleep(4)
        #expect(!FileManager.default.fileExists(atPath: marker), "a background child outlived the timeout")
    }

    @Test func aFailedStepRollsBackCompletedStepsNewestFirst() throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (step text, at serial)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("r.yaml", """
        runbook: 1
        id: rollback
        title: Rollback
        level: 2
        authorization: { executor: senior_engineer }
        env:
          DATABASE_URL: { secret: true }
        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
        steps:
          - id: one
            title: One
            postgres: { target: db, sql: "insert into \(box.tag) (step) values ('one')" }
            rollback:
              - id: undo_one
                title: Undo one
                postgres: { target: db, sql: "insert into \(box.tag) (step) values ('undo_one')" }
          - id: two
            title: Two
            postgres: { target: db, sql: "insert into \(box.tag) (step) values ('two')" }
            rollback:
              - id: undo_two
                title: Undo two
                postgres: { target: db, sql: "insert into \(box.tag) (step) values ('undo_two')" }
          - id: three
            title: Three fails
            on_failure: rollback
            retry: { attempts: 2, interval: 100ms }
            shell: { run: "exit 7" }
        """)
        let output = try box.runbook(["exec", "r.yaml"])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("exit status 7"))
        #expect(try box.psql("select string_agg(step, ',' order by at) from \(box.tag)") == "one,two,undo_two,undo_one")
        let journal = try #require(try box.journals().first)
        #expect(journal.contains("\"type\":\"rollback_started\""))
        #expect(journal.components(separatedBy: "\"step\":\"three\"").count - 1 == 3, "two attempts and one finish")
    }
}
