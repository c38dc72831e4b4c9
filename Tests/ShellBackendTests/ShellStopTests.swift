import BackendKit
import Foundation
import Testing
@testable import ShellBackend

/// Timeouts, cancellation and leftovers: whatever a script started must end with it.
///
/// Durations measured with `ContinuousClock` are upper-bound sanity checks that `run`
/// returns promptly (grace + 2 s), not performance measurements.
@Suite("Shell backend: stopping scripts")
struct ShellStopTests {
    /// Prints the pids of bash, a background grandchild and a nested bash, then waits on them.
    static let family = """
        echo "leader=$$"
        sleep 100 &
        echo "background=$!"
        bash -c 'echo "nested=$$"; sleep 100; echo never' &
        echo "ready"
        wait
        """

    struct StopCase: Sendable, CustomTestStringConvertible {
        var name: String
        var script: String
        /// Whether SIGTERM is expected to fail, so that the group needs SIGKILL after the grace period.
        var needsKill: Bool
        var testDescription: String { name }
    }

    static let stopCases: [StopCase] = [
        StopCase(name: "bash with a background and a nested child", script: family, needsKill: false),
        StopCase(name: "script ignoring SIGTERM", script: "trap '' TERM\n" + family, needsKill: true),
        StopCase(
            name: "child ignoring SIGTERM under a bash that dies",
            script: #"echo "leader=$$"; bash -c "trap '' TERM; echo \"nested=\$\$\"; sleep 60" & echo ready; wait"#,
            needsKill: true
        ),
        StopCase(
            name: "script that closed its output",
            script: #"echo "leader=$$"; echo ready; exec >/dev/null 2>&1; sleep 100"#,
            needsKill: false
        ),
        StopCase(
            name: "script trapping SIGTERM to clean up",
            script: #"echo "leader=$$"; trap 'echo cleaning up; exit 9' TERM; echo ready; sleep 100 & wait"#,
            needsKill: false
        ),
    ]

    @Test(arguments: stopCases)
    func timeoutStopsTheWholeProcessGroup(_ example: StopCase) async throws {
        let recorder = LineRecorder()
        let grace = Duration.seconds(1)
        let timeout = Duration.seconds(1)
        let start = ContinuousClock.now
        let error = await #expect(throws: BackendError.self) {
            try await runShell(example.script, timeout: timeout, grace: grace, recorder: recorder)
        }
        let elapsed = ContinuousClock.now - start
        #expect(error?.reason == .timeout)
        let expected = "timed out after 1s; sent SIGTERM to the process group"
            + (example.needsKill ? ", then SIGKILL after the 1s grace period" : "")
        #expect(error?.message == expected)
        #expect(elapsed < timeout + grace + .seconds(2), "run returned after \(elapsed)")
        try await expectAllDead(recorder)
    }

    @Test func aTrappedTermStillGetsToCleanUpBeforeTheTimeoutIsReported() async throws {
        let recorder = LineRecorder()
        await #expect(throws: BackendError.self) {
            try await runShell(
                #"trap 'echo cleaning up; exit 9' TERM; echo ready; sleep 100 & wait"#,
                timeout: .milliseconds(500), grace: .seconds(2), recorder: recorder
            )
        }
        #expect(recorder.lines(.stdout) == ["ready", "cleaning up"])
    }

    @Test(arguments: stopCases)
    func cancellationStopsTheWholeProcessGroup(_ example: StopCase) async throws {
        let recorder = LineRecorder()
        let grace = Duration.seconds(1)
        let run = Task { try await runShell(example.script, timeout: .seconds(300), grace: grace, recorder: recorder) }
        defer { run.cancel() }
        _ = try await recorder.waitForLine { $0 == "ready" }
        let start = ContinuousClock.now
        run.cancel()
        let error = await #expect(throws: BackendError.self) { try await run.value }
        let elapsed = ContinuousClock.now - start
        #expect(error?.reason == .cancelled)
        #expect(error?.message.hasPrefix("cancelled; sent SIGTERM to the process group") == true)
        #expect(elapsed < grace + .seconds(2), "run returned \(elapsed) after cancellation")
        try await expectAllDead(recorder)
    }

    @Test func aTaskCancelledBeforeTheCallStartsNothing() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("ran").path
        let run = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await runShell(#"touch "$MARKER""#, env: ["MARKER": marker])
        }
        let error = await #expect(throws: BackendError.self) { try await run.value }
        #expect(error?.reason == .cancelled)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func backgroundProcessesEndWithTheScript() async throws {
        let recorder = LineRecorder()
        let start = ContinuousClock.now
        let result = try await runShell(
            #"echo "leader=$$"; sleep 100 & echo "background=$!"; (trap '' TERM; exec sleep 100) >/dev/null 2>&1 & echo "detached=$!"; echo done"#,
            grace: .seconds(1), recorder: recorder
        )
        let elapsed = ContinuousClock.now - start
        #expect(result.failure == nil)
        #expect(result.outputs["stdout"]?.text.hasSuffix("done\n") == true)
        #expect(elapsed < .seconds(3), "run returned after \(elapsed)")
        try await expectAllDead(recorder)
    }

    @Test func aScriptThatClosesItsOutputIsWaitedFor() async throws {
        let result = try await runShell("echo before; exec >&- 2>&-; sleep 0.3; exit 4", timeout: .seconds(30))
        #expect(result.outputs["stdout"] == .string("before\n"))
        #expect(result.outputs["exit_code"] == .int(4))
    }

    @Test(arguments: [
        (Duration.seconds(2), "2s"), (.milliseconds(250), "250ms"), (.milliseconds(1500), "1.5s"),
        (.seconds(300), "5m"), (.seconds(90), "90s"),
    ])
    func durationsReadAsAPlaybookWritesThem(_ duration: Duration, _ text: String) {
        #expect(ShellSession.format(duration) == text)
    }

    /// Every pid the script printed (`name=PID`) is dead, and the leader was reaped.
    private func expectAllDead(_ recorder: LineRecorder) async throws {
        let printed = pids(in: recorder.lines(.stdout))
        #expect(printed["leader"] != nil, "the script printed no leader pid: \(recorder.lines(.stdout))")
        let states = try await waitUntilDead(Array(printed.values))
        for (name, pid) in printed {
            #expect(states[pid]?.isDeadAndNotOurs == true, "\(name) (\(pid)) is \(String(describing: states[pid]))")
        }
    }
}
