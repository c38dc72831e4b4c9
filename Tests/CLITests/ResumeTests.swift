import Foundation
import Testing
import TestSupport

/// SIGTERM in the middle of a run, then `runbook resume`: finished steps never run twice.
@Suite(.serialized) struct ResumeTests {
    static func playbook(_ tag: String, idempotentSleep: Bool) -> String {
        """
        runbook: 1
        id: resume-count
        title: Count inserts across an interruption
        level: 2
        authorization: { executor: senior_engineer }
        env:
          DATABASE_URL: { secret: true }
          SLEEP_SECONDS: { default: "30" }
        targets:
          db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }
        steps:
          - id: first
            title: Insert row one
            postgres: { target: db, sql: "insert into \(tag) (step) values ('first')" }
          - id: slow
            title: A long step the operator interrupts
            idempotent: \(idempotentSleep)
            shell:
              run: sleep "$SECONDS_TO_SLEEP"
              env: { SECONDS_TO_SLEEP: "${{ env.SLEEP_SECONDS }}" }
          - id: last
            title: Insert row two
            postgres: { target: db, sql: "insert into \(tag) (step) values ('last')" }
        verify:
          - name: each insert happened once
            postgres: { target: db, query: "select count(*) from \(tag)" }
            expect: { value: { equals: 2 } }
        """
    }

    /// Starts `runbook exec`, waits until the slow step has started, sends SIGTERM.
    static func interruptedRun(_ box: ExecSandbox) throws -> (status: Int32, runID: String) {
        let process = Process()
        process.executableURL = RunbookBinary.url
        process.arguments = ["exec", "p.yaml", "--no-tty"]
        process.currentDirectoryURL = box.folder
        process.environment = box.environment.merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var started = false
        for _ in 0..<200 {
            if let journal = try? box.journals().first, journal.contains("\"step\":\"slow\""), journal.contains("step_started") {
                started = journal.components(separatedBy: "\"step\":\"slow\"").count > 1
                if started { break }
            }
            usleep(50_000)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let runs = try FileManager.default.contentsOfDirectory(atPath: box.state.appendingPathComponent("runs").path)
        let runID = try #require(runs.first).replacingOccurrences(of: ".jsonl", with: "")
        #expect(started, "the slow step never started")
        return (process.terminationStatus, runID)
    }

    @Test func resumeAfterSIGTERMRunsEachStepOnce() throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (step text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("p.yaml", Self.playbook(box.tag, idempotentSleep: true))
        let (status, runID) = try Self.interruptedRun(box)
        #expect(status == 130)
        #expect(try box.psql("select count(*) from \(box.tag)") == "1")
        let journal = try #require(try box.journals().first)
        #expect(journal.contains("\"status\":\"interrupted\""))

        try box.write("p.yaml", Self.playbook(box.tag, idempotentSleep: true).replacingOccurrences(of: "Insert row two", with: "Edited"))
        let edited = try box.runbook(["resume", runID, "--no-tty"])
        #expect(edited.status == 4)
        #expect(edited.stderr.contains("changed since run"))

        try box.write("p.yaml", Self.playbook(box.tag, idempotentSleep: true))
        // The slow step is idempotent, so it runs again (quickly this time); `first` does not.
        let resumed = try box.runbook(["resume", runID, "--no-tty"], environment: ["SLEEP_SECONDS": "0"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(try box.psql("select step from \(box.tag) order by step") == "first\nlast")
        // The resumed journal is one chain: start, interruption, resume by sam, end.
        let verified = try box.runbook(["log", runID, "--verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("sam (run_started), sam (run_finished), sam (run_resumed), sam (run_finished)"),
                "\(verified.stdout)")
    }

    @Test func aNonIdempotentUnfinishedStepNeedsConfirmation() throws {
        let box = try ExecSandbox()
        _ = try box.psql("create table \(box.tag) (step text)")
        defer { _ = try? box.psql("drop table if exists \(box.tag)") }
        try box.write("p.yaml", Self.playbook(box.tag, idempotentSleep: false))
        let (status, runID) = try Self.interruptedRun(box)
        #expect(status == 130)
        let refused = try box.runbook(["resume", runID, "--no-tty"])
        #expect(refused.status == 4)
        #expect(refused.stdout.contains("not idempotent"), "\(refused.stdout)\(refused.stderr)")
        #expect(try box.psql("select count(*) from \(box.tag)") == "1")
    }
}
