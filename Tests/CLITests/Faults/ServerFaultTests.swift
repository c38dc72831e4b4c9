import Foundation
import Testing
import TestSupport

/// A server goes away in the middle of a run: the step fails with a sentence saying why, the
/// journal stays whole, and `resume` finishes the run without repeating a finished step.
@Suite(.serialized) struct ServerFaultTests {
    @Test func postgresStoppedMidRun() throws {
        let servers = try FaultServers()
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (step text)", url: servers.postgresURL)
        try box.write("p.yaml", FaultPlaybook.header("postgres-stops", env: ["FAULT_DB"]) + """

        targets:
          db: { backend: postgres, url: "${{ env.FAULT_DB }}" }
        steps:
          - id: first
            title: Insert the first row
            postgres: { target: db, sql: "insert into \(box.tag) (step) values ('first')" }
        \(FaultPlaybook.gate)
          - id: second
            title: Insert the second row
            postgres: { target: db, sql: "insert into \(box.tag) (step) values ('second')" }
        verify:
          - name: each insert happened once
            postgres: { target: db, query: "select count(*) from \(box.tag)" }
            expect: { value: { equals: 2 } }
        """)
        let environment = ["FAULT_DB": servers.postgresURL, "GO_FILE": FaultPlaybook.goFile(box).path]
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], environment: environment)
        try run.waitUntilStarted("gate")
        try servers.stopPostgres()
        FaultPlaybook.release(box)
        let broken = try run.finish()
        FaultPlaybook.expectNoCrash(broken)
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("[3] second failed"), "\(broken.stdout)")
        #expect(broken.stdout.localizedCaseInsensitiveContains("connect"), "no reason given: \(broken.stdout)")
        #expect(!broken.stdout.contains("runbook-test-pw"), "the URL's password leaked")
        let runID = try FaultPlaybook.runID(box)
        try FaultPlaybook.expectIntact(box, runID)
        #expect(try FaultPlaybook.finishes(of: "first", in: box) == ["succeeded"])

        try servers.startPostgres()
        let refused = try box.runbook(["resume", runID, "--no-tty"], environment: environment)
        #expect(refused.status == 4, "a failed step that may have run needs --confirm: \(refused.stdout)")
        let resumed = try box.runbook(["resume", runID, "--no-tty", "--confirm", "second"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(try box.psql("select step from \(box.tag) order by step", url: servers.postgresURL) == "first\nsecond")
        #expect(try FaultPlaybook.starts(of: "first", in: box) == 1)
        try FaultPlaybook.expectIntact(box, runID)
    }

    @Test func redisKilledMidRun() throws {
        let servers = try FaultServers()
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (step text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("p.yaml", FaultPlaybook.header("redis-dies", env: ["DATABASE_URL", "FAULT_REDIS"]) + """

        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
          cache: { backend: redis, url: "${{ env.FAULT_REDIS }}" }
        steps:
          - id: first
            title: Insert a row and open the cache connection
            postgres: { target: db, sql: "insert into \(box.tag) (step) values ('first')" }
          - id: mark
            title: Mark the cache
            redis: { target: cache, command: [SET, "\(box.tag):mark", "1"] }
        \(FaultPlaybook.gate)
          - id: count
            title: Count once
            redis: { target: cache, command: [INCR, "\(box.tag):count"] }
        verify:
          - name: the row was inserted once
            postgres: { target: db, query: "select count(*) from \(box.tag)" }
            expect: { value: { equals: 1 } }
          - name: counted once
            redis: { target: cache, command: [GET, "\(box.tag):count"] }
            expect: { value: { equals: "1" } }
        """)
        let environment = ["FAULT_REDIS": servers.redisURL, "GO_FILE": FaultPlaybook.goFile(box).path]
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], environment: environment)
        try run.waitUntilStarted("gate")
        try servers.killRedis()
        FaultPlaybook.release(box)
        let broken = try run.finish()
        FaultPlaybook.expectNoCrash(broken)
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("[4] count failed"), "\(broken.stdout)")
        #expect(!broken.stdout.contains("runbook-test-pw"), "the URL's password leaked")
        let runID = try FaultPlaybook.runID(box)
        try FaultPlaybook.expectIntact(box, runID)

        try servers.startRedis()
        let resumed = try box.runbook(["resume", runID, "--no-tty", "--confirm", "count"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(try FaultPlaybook.starts(of: "first", in: box) == 1)
        #expect(try FaultPlaybook.starts(of: "mark", in: box) == 1)
        try FaultPlaybook.expectIntact(box, runID)
    }
}
