import BackendKit
import Foundation
import Testing
@testable import ShellBackend

@Suite("Shell backend: running scripts")
struct ShellBackendTests {
    @Test func servesTheShellKindAndIgnoresTheURL() async throws {
        let backend = ShellBackend()
        #expect(backend.kind == "shell")
        #expect(backend.grace == .seconds(5))
        let session = try await backend.connect(TargetSpec(name: "x", url: "postgres://u:secret@host/db"))
        let result = try await session.run(
            BackendRequest(kind: "shell", fields: ["run": .string("echo hi")]), output: LineRecorder().sink
        )
        #expect(result.outputs["stdout"] == .string("hi\n"))
    }

    struct ExitCase: Sendable, CustomTestStringConvertible {
        var script: String
        var exitCode: Int
        var failure: String?
        var testDescription: String { script }
    }

    @Test(arguments: [
        ExitCase(script: "true", exitCode: 0, failure: nil),
        ExitCase(script: "exit 0", exitCode: 0, failure: nil),
        ExitCase(script: "false", exitCode: 1, failure: "exit status 1"),
        ExitCase(script: "exit 3", exitCode: 3, failure: "exit status 3"),
        ExitCase(script: "exit 255", exitCode: 255, failure: "exit status 255"),
        ExitCase(script: "echo partial; exit 42", exitCode: 42, failure: "exit status 42"),
        ExitCase(script: "no-such-command-xyz", exitCode: 127, failure: "exit status 127"),
        ExitCase(script: "kill -TERM $$", exitCode: 143, failure: "killed by SIGTERM"),
        ExitCase(script: "kill -KILL $$", exitCode: 137, failure: "killed by SIGKILL"),
        ExitCase(script: "kill -SEGV $$", exitCode: 139, failure: "killed by SIGSEGV"),
    ])
    func exitStatusBecomesExitCodeAndFailure(_ example: ExitCase) async throws {
        let result = try await runShell(example.script)
        #expect(result.outputs["exit_code"] == .int(example.exitCode))
        #expect(result.failure == example.failure)
    }

    @Test func streamsAndCapturesBothStreamsLineByLineInOrder() async throws {
        let recorder = LineRecorder()
        let result = try await runShell(
            #"for i in $(seq 1 300); do echo "out $i"; echo "err $i" >&2; done"#, recorder: recorder
        )
        let expectedOut = (1...300).map { "out \($0)" }
        let expectedErr = (1...300).map { "err \($0)" }
        #expect(recorder.lines(.stdout) == expectedOut)
        #expect(recorder.lines(.stderr) == expectedErr)
        #expect(result.outputs["stdout"] == .string(expectedOut.joined(separator: "\n") + "\n"))
        #expect(result.outputs["stderr"] == .string(expectedErr.joined(separator: "\n") + "\n"))
        #expect(result.failure == nil)
    }

    @Test func streamsLinesWhileTheScriptIsStillRunning() async throws {
        let recorder = LineRecorder()
        let run = Task { try await runShell("echo first; sleep 30; echo never", timeout: .seconds(60), grace: .seconds(1), recorder: recorder) }
        defer { run.cancel() }
        let line = try await recorder.waitForLine { $0 == "first" }
        #expect(line == "first")
        run.cancel()
        await #expect(throws: BackendError.self) { try await run.value }
    }

    @Test func keepsAnUnterminatedLastLineAndBlankLines() async throws {
        let recorder = LineRecorder()
        let result = try await runShell(#"printf 'a\n\nb\r\nc'"#, recorder: recorder)
        #expect(recorder.lines(.stdout) == ["a", "", "b", "c"])
        #expect(result.outputs["stdout"] == .string("a\n\nb\r\nc"))
    }

    @Test(arguments: [
        "with spaces  and\ttabs",
        #"double "quotes" and \backslash\"#,
        "single 'quotes'",
        "$(touch MARKER)",
        "`touch MARKER`",
        "'; touch MARKER; '",
        #""; touch MARKER; ""#,
        "$(touch MARKER)'\"; touch MARKER #",
        "${HOME} $PATH $0 $$ *",
        "line one\nline two; touch MARKER",
        "ünïcödé 🚒",
        "-n",
        "",
    ])
    func envValuesArriveVerbatimAndAreNeverExecuted(_ template: String) async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("marker").path
        let value = template.replacingOccurrences(of: "MARKER", with: marker)
        let result = try await runShell(
            #"printf '%s' "$VALUE"; echo $VALUE >/dev/null; eval 'x="$VALUE"'"#,
            env: ["VALUE": value], cwd: directory.path
        )
        #expect(result.outputs["stdout"] == .string(value))
        #expect(result.failure == nil)
        #expect(!FileManager.default.fileExists(atPath: marker), "the value was executed")
    }

    @Test func anRmRfValueDeletesNothing() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let victim = directory.appendingPathComponent("x")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        let value = "'; rm -rf \(victim.path); '"
        let result = try await runShell(#"echo "deleting nothing: $TENANT""#, env: ["TENANT": value])
        #expect(result.outputs["stdout"] == .string("deleting nothing: \(value)\n"))
        #expect(FileManager.default.fileExists(atPath: victim.path))
    }

    @Test func envIsLaidOverTheInheritedEnvironment() async throws {
        let inheritedPath = try #require(ProcessInfo.processInfo.environment["PATH"])
        let result = try await runShell(
            #"printf '%s|%s|%s' "$PATH" "$HOME" "$RUNBOOK_SHELL_TEST""#,
            env: ["HOME": "/overridden home", "RUNBOOK_SHELL_TEST": "set"]
        )
        #expect(result.outputs["stdout"] == .string("\(inheritedPath)|/overridden home|set"))
    }

    @Test(arguments: ["", "A=B", "NUL\u{0}NAME"])
    func rejectsEnvNamesTheEnvironmentCannotHold(_ name: String) async throws {
        let error = await #expect(throws: BackendError.self) { try await runShell("true", env: [name: "v"]) }
        #expect(error?.reason == .invalidRequest)
    }

    @Test func rejectsAValueWithANulByte() async throws {
        let error = await #expect(throws: BackendError.self) { try await runShell("true", env: ["V": "a\u{0}b"]) }
        #expect(error?.reason == .invalidRequest)
        #expect(error?.message.contains("a\u{0}b") == false)
    }

    @Test func runsInTheRequestedWorkingDirectory() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await runShell("pwd -P; touch created-here", cwd: directory.path)
        let expected = directory.resolvingSymlinksInPath().path
        #expect(result.outputs["stdout"] == .string(expected + "\n"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("created-here").path))
    }

    @Test(arguments: ["/nonexistent/runbook-\(UUID().uuidString)", "/etc/hostname", ""])
    func aMissingWorkingDirectoryIsAnError(_ path: String) async throws {
        let error = await #expect(throws: BackendError.self) { try await runShell("touch should-not-exist", cwd: path) }
        #expect(error?.reason == .invalidRequest)
    }

    @Test func aRequestWithoutAScriptIsAnError() async throws {
        let session = try await ShellBackend().connect(TargetSpec(name: "local", url: nil))
        let error = await #expect(throws: BackendError.self) {
            try await session.run(BackendRequest(kind: "shell", fields: ["env": .object([:])]), output: LineRecorder().sink)
        }
        #expect(error?.reason == .invalidRequest)
    }

    @Test func scriptReadsNoTerminalInput() async throws {
        let result = try await runShell("cat; echo done")
        #expect(result.outputs["stdout"] == .string("done\n"))
    }

    @Test func scriptLeadsItsOwnSessionAndProcessGroup() async throws {
        let result = try await runShell(#"read -r _ _ _ _ pgrp session _ < /proc/$$/stat; echo "$$ $pgrp $session""#)
        let fields = try #require(result.outputs["stdout"]?.text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(fields.count == 3)
        #expect(Set(fields).count == 1, "pid, process group and session differ: \(fields)")
        #expect(fields.first != String(getpid()))
    }

    @Test func largeOutputOnBothStreamsDoesNotDeadlockAndKeepsTheTail() async throws {
        let recorder = LineRecorder()
        let tenMiB = 10 * 1024 * 1024
        let outLine = "stdout: 64 bytes a line, so 10 MiB ends on a newline" + String(repeating: ".", count: 11)
        let errLine = "stderr: 64 bytes a line, so 10 MiB ends on a newline" + String(repeating: ".", count: 11)
        #expect(outLine.utf8.count == 63)
        let result = try await runShell(
            """
            { yes '\(errLine)' | head -c \(tenMiB) >&2; } &
            yes '\(outLine)' | head -c \(tenMiB)
            wait
            echo END
            """,
            timeout: .seconds(120), recorder: recorder
        )
        #expect(result.failure == nil)
        let stdout = try #require(result.outputs["stdout"]?.text)
        let stderr = try #require(result.outputs["stderr"]?.text)
        #expect(stdout.hasPrefix("[runbook: stdout truncated, first "))
        #expect(stdout.hasSuffix(outLine + "\nEND\n"))
        #expect(stdout.utf8.count < (1 << 20) + 100)
        #expect(stderr.hasPrefix("[runbook: stderr truncated, first \(tenMiB - (1 << 20)) bytes dropped]\n"))
        let streamedOut = recorder.lines(.stdout).reduce(0) { $0 + $1.utf8.count + 1 }
        let streamedErr = recorder.lines(.stderr).reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(streamedOut == tenMiB + 4)
        #expect(streamedErr == tenMiB)
    }

    @Test func aLongLineWithoutNewlineIsStreamedInPieces() async throws {
        let recorder = LineRecorder()
        let result = try await runShell("head -c 200000 /dev/zero | tr '\\0' x", recorder: recorder)
        let pieces = recorder.lines(.stdout)
        #expect(pieces.count > 1)
        #expect(pieces.joined() == String(repeating: "x", count: 200_000))
        #expect(result.outputs["stdout"]?.text.utf8.count == 200_000)
    }

    @Test func nonUTF8OutputIsReplacedNotFatal() async throws {
        let recorder = LineRecorder()
        let result = try await runShell(#"printf 'ok \xff\xfe \xc3\x28 end\n'; printf '\x80\x81' >&2"#, recorder: recorder)
        #expect(result.failure == nil)
        let line = try #require(recorder.lines(.stdout).first)
        #expect(line.hasPrefix("ok "))
        #expect(line.hasSuffix(" end"))
        #expect(line.contains("\u{FFFD}"))
        #expect(result.outputs["stderr"] == .string("\u{FFFD}\u{FFFD}"))
    }
}
