import Foundation
import Testing
import TestSupport

/// The processes around a run misbehave: a script that ignores SIGTERM, runbook itself killed,
/// a disk that fills up under the journal.
@Suite(.serialized) struct ProcessFaultTests {
    /// A script that ignores SIGTERM and leaves a child: its pid goes to `$PID_FILE`.
    static func stubborn(timeout: String?) -> String {
        FaultPlaybook.header("stubborn", env: []) + """

          PID_FILE: {}
          STUBBORN_SECONDS: { default: "60" }
        steps:
          - id: stubborn
            title: Ignore SIGTERM
        \(timeout.map { "    timeout: \($0)\n" } ?? "")    shell:
              run: |
                trap '' TERM
                sleep "$SECONDS_TO_SLEEP" &
                echo $! > "$PIDS"
                wait
              env: { PIDS: "${{ env.PID_FILE }}", SECONDS_TO_SLEEP: "${{ env.STUBBORN_SECONDS }}" }
        """
    }

    /// Whether the process is gone (or a zombie nobody has reaped yet).
    static func gone(_ pidFile: URL) throws -> Bool {
        let pid = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return true }
        return status.contains("State:\tZ")
    }

    @Test func aScriptIgnoringSIGTERMIsKilledAtItsTimeout() throws {
        let box = try ExecSandbox()
        let pids = box.folder.appendingPathComponent("pids")
        try box.write("p.yaml", Self.stubborn(timeout: "1s"))
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], environment: ["PID_FILE": pids.path])
        // Well under the script's 60 s: the timeout, SIGTERM, the grace period, then SIGKILL.
        let output = try run.finish(within: 30)
        FaultPlaybook.expectNoCrash(output)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("[1] stubborn failed"), "\(output.stdout)")
        #expect(output.stdout.contains("SIGKILL"), "the failure should say SIGTERM was not enough: \(output.stdout)")
        #expect(try Self.gone(pids), "the script's child outlived the step")
        try FaultPlaybook.expectIntact(box, try FaultPlaybook.runID(box))
    }

    @Test func sigtermToRunbookStopsAScriptThatIgnoresIt() throws {
        let box = try ExecSandbox()
        let pids = box.folder.appendingPathComponent("pids")
        try box.write("p.yaml", Self.stubborn(timeout: nil))
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], environment: ["PID_FILE": pids.path])
        try run.waitUntilStarted("stubborn")
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: pids.path) { usleep(20_000) }
        run.signal(SIGTERM)
        let output = try run.finish(within: 30)
        FaultPlaybook.expectNoCrash(output)
        #expect(output.status == 130, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains("resume with: runbook resume"), "\(output.stderr)")
        #expect(try Self.gone(pids), "the script's child outlived the interruption")
        let runID = try FaultPlaybook.runID(box)
        try FaultPlaybook.expectIntact(box, runID)
        let refused = try box.runbook(["resume", runID, "--no-tty"], environment: ["PID_FILE": pids.path])
        #expect(refused.status == 4, "the interrupted step is not idempotent: \(refused.stdout)")
        let resumed = try box.runbook(["resume", runID, "--no-tty", "--confirm", "stubborn"],
                                      environment: ["PID_FILE": pids.path, "STUBBORN_SECONDS": "0"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        try FaultPlaybook.expectIntact(box, runID)
    }

    @Test func sigkillOfRunbookLeavesAResumableJournal() throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (step text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("p.yaml", FaultPlaybook.header("killed", env: ["DATABASE_URL"]) + """

        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
        steps:
          - id: first
            title: Insert the first row
            postgres: { target: db, sql: "insert into \(box.tag) (step) values ('first')" }
        \(FaultPlaybook.gate)
          - id: last
            title: Insert the last row
            postgres: { target: db, sql: "insert into \(box.tag) (step) values ('last')" }
        """)
        let environment = ["GO_FILE": FaultPlaybook.goFile(box).path]
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], environment: environment)
        try run.waitUntilStarted("gate")
        run.signal(SIGKILL)
        let killed = try run.finish(within: 30)
        #expect(killed.status == 9)
        FaultPlaybook.release(box)  // the gate's script outlives a SIGKILLed runbook; let it end
        let runID = try FaultPlaybook.runID(box)
        let verified = try box.runbook(["log", runID, "--verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("no end line"), "\(verified.stdout)")

        let resumed = try box.runbook(["resume", runID, "--no-tty"], environment: environment)
        #expect(resumed.status == 0, "the gate is idempotent, so it runs again: \(resumed.stdout)\(resumed.stderr)")
        #expect(try box.psql("select step from \(box.tag) order by step") == "first\nlast")
        #expect(try FaultPlaybook.starts(of: "first", in: box) == 1)
        try FaultPlaybook.expectIntact(box, runID)
    }

    @Test func aFullDiskStopsTheRunAndKeepsItsJournalWhole() throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (step text primary key)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        let ids = (1...8).map { "s\($0)" }
        // Each step journals about 4 KB of output; the journal may not grow past 24 KiB.
        let steps = ids.map { id in
            """
              - id: \(id)
                title: Insert \(id)
                idempotent: true
                postgres:
                  target: db
                  query: "insert into \(box.tag) (step) values ('\(id)') on conflict do nothing returning repeat('x', 4000) as pad"
            """
        }.joined(separator: "\n")
        try box.write("p.yaml", FaultPlaybook.header("disk-full", env: ["DATABASE_URL"]) + """

        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
        steps:
        \(steps)
        """)
        let limited = ["bash", "-c", "ulimit -f 24; exec \"$0\" \"$@\""]
        let run = try BackgroundRun(box, ["exec", "p.yaml", "--no-tty"], prefix: limited)
        let output = try run.finish(within: 60)
        FaultPlaybook.expectNoCrash(output)
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("cannot write the journal"), "\(output.stdout)")
        #expect(output.stdout.contains("File too large"), "\(output.stdout)")
        let runID = try FaultPlaybook.runID(box)
        #expect(output.stdout.contains("runbook resume \(runID)"), "\(output.stdout)")
        let journal = try #require(try box.journals().first)
        #expect(journal.hasSuffix("\n"), "a torn line was left behind")
        let finishedBefore = try ids.filter { try FaultPlaybook.finishes(of: $0, in: box) == ["succeeded"] }
        #expect(!finishedBefore.isEmpty && finishedBefore.count < ids.count, "the limit should stop the run midway")
        try FaultPlaybook.expectIntact(box, runID)

        let resumed = try box.runbook(["resume", runID, "--no-tty"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(try box.psql("select count(*) from \(box.tag)") == "8")
        for id in finishedBefore {
            #expect(try FaultPlaybook.starts(of: id, in: box) == 1, "\(id) finished before the disk filled and ran again")
        }
        try FaultPlaybook.expectIntact(box, runID)
    }
}
