import Diagnostics
import Foundation
import Language
import Testing
import TestSupport
@testable import Checker

/// ShellCheck over `shell.run` scripts: findings land on the exact YAML line and column for
/// every scalar style. These tests require ShellCheck (`scripts/install-shellcheck`) and fail
/// without it, so CI cannot pass having silently checked nothing.
@Suite struct ShellCheckTests {
    /// One script per scalar style; each marker stands where a finding starts (2️⃣ where 1️⃣'s ends).
    static let playbook = MarkedText(#"""
        runbook: 1
        id: shellcheck-positions
        title: ShellCheck positions
        level: 1
        env:
          region: { description: lowercase on purpose, so ShellCheck would flag it }
        preconditions:
          - name: host is set
            shell:
              run: test -n 8️⃣$HOST
        steps:
          - id: plain
            shell:
              run: cp 1️⃣$SRC2️⃣ backups/
              env: { SRC: "${{ params.src }}" }
            on_failure: rollback
            rollback:
              - id: undo
                shell: { run: rm 🔟$OLD }
          - id: quoted
            shell:
              run: "echo \"x\" 3️⃣$FILE"
          - id: block
            shell:
              run: |
                set -euo pipefail
                for f in 4️⃣$(ls backups); do
                  echo "$f"
                done
                [ 5️⃣$count -gt 0 ]
          - id: tabbed_block
            shell:
              run: |
                true
                \#techo 6️⃣$X
          - id: tabbed_quoted
            shell:
              run: "\techo 7️⃣$Y"
          - id: declared
            shell:
              run: echo "$tenant $region 9️⃣$undeclared"
              env: { tenant: "${{ params.tenant }}" }
        """#)

    static let expected: [(marker: Int, rule: RuleID)] = [
        (8, "SC2086"), (1, "SC2086"), (10, "SC2086"), (3, "SC2086"), (4, "SC2045"),
        (5, "SC2154"), (5, "SC2086"), (6, "SC2086"), (7, "SC2086"), (9, "SC2154"),
    ]

    @Test func findingsLandAtTheirMarkers() throws {
        let runner = try Self.requireShellCheck()
        let found = try Self.check(Self.playbook, runner: runner)
        let actual = found.map { "\($0.rule)@\($0.range.start.line):\($0.range.start.column)" }.sorted()
        let wanted = Self.expected.map { marker, rule in
            let position = Self.playbook[marker]
            return "\(rule)@\(position.line):\(position.column)"
        }.sorted()
        #expect(actual == wanted, "got:\n\(found.map(\.description).joined(separator: "\n"))")
    }

    @Test func rangesEndWhereShellCheckSays() throws {
        let runner = try Self.requireShellCheck()
        let found = try Self.check(Self.playbook, runner: runner)
        let start = Self.playbook[1]
        let end = Self.playbook[2]
        let copy = try #require(found.first { $0.range.start.line == start.line })
        #expect(copy.range.end.line == end.line && copy.range.end.column == end.column)
    }

    @Test func findingsAreWarningsWithTheWikiLink() throws {
        let runner = try Self.requireShellCheck()
        let found = try Self.check(Self.playbook, runner: runner)
        #expect(!found.isEmpty)
        for diagnostic in found {
            #expect(diagnostic.severity == .warning)
            #expect(diagnostic.rule.rawValue.hasPrefix("SC"))
            #expect(diagnostic.notes.map(\.message) == ["see https://www.shellcheck.net/wiki/\(diagnostic.rule)"])
        }
        let quote = try #require(found.first { $0.rule == "SC2086" })
        #expect(quote.message == "Double quote to prevent globbing and word splitting.")
    }

    /// `tenant` (step env) and `region` (playbook env) are set by runbook; `undeclared` is not.
    @Test func declaredEnvironmentIsNotUnassigned() throws {
        let runner = try Self.requireShellCheck()
        let found = try Self.check(Self.playbook, runner: runner)
        let unassigned = found.filter { $0.rule == "SC2154" }.map(\.message).sorted()
        #expect(unassigned == ["count is referenced but not assigned.", "undeclared is referenced but not assigned."])
    }

    /// `${{ }}` in a script is the injection rule's error; ShellCheck sees a same-length mask.
    @Test func expressionsAreMaskedWithoutShiftingPositions() throws {
        let runner = try Self.requireShellCheck()
        let input = MarkedText("""
            runbook: 1
            id: masked
            title: Masked
            level: 1
            steps:
              - id: s
                shell: { run: "echo ${{ params.x }} 1️⃣$A" }
            """)
        let found = try Self.check(input, runner: runner)
        #expect(found.map(\.rule) == ["SC2086"])
        let start = try #require(found.first).range.start
        #expect(start.line == input[1].line && start.column == input[1].column)
    }

    @Test func batchedAndSeparateRunsAgree() throws {
        var runner = try Self.requireShellCheck()
        let scripts = ["echo $a", "", "ls $B\nfor f in $(ls); do echo \"$f\"; done", "echo ok"]
        let batched = try runner.check(scripts)
        runner.batched = false
        let separate = try runner.check(scripts)
        #expect(batched.count == 4)
        #expect(batched.map { $0.map(\.code) } == [[2154, 2086], [], [2086, 2045], []])
        #expect(batched.map { $0.map(\.code) } == separate.map { $0.map(\.code) })
        #expect(batched.map { $0.map(\.column) } == separate.map { $0.map(\.column) })
    }

    @Test func oneScriptGoesOnStdin() throws {
        let runner = try Self.requireShellCheck()
        let comments = try runner.check("cat $1")
        #expect(comments.map(\.file) == ["-"])
        #expect(comments.map(\.code) == [2086])
        #expect(comments.map(\.column) == [5] && comments.map(\.endColumn) == [7])
    }

    @Test func minimumLevelFilters() throws {
        let runner = try Self.requireShellCheck()
        let strict = ShellCheckRunner(minimumLevel: .warning)
        #expect(strict.availability == runner.availability)
        #expect(try strict.check("echo $a").map(\.code) == [2154])
    }

    @Test func bogusPathIsNotInstalled() throws {
        let runner = ShellCheckRunner(executable: "/nonexistent/bin/shellcheck")
        #expect(runner.availability == .notInstalled(explicitPath: "/nonexistent/bin/shellcheck"))
        #expect(runner.availability.notice?.hasPrefix("ShellCheck is not installed") == true)
        #expect(throws: ShellCheckFailure.notInstalled) { try runner.check("echo $a") }
        #expect(try Self.check(Self.playbook, runner: runner).isEmpty)
    }

    @Test func missingFromPathIsNotInstalled() {
        let runner = ShellCheckRunner(environment: ["PATH": "/nonexistent"])
        #expect(runner.availability == .notInstalled(explicitPath: nil))
        #expect(runner.availability.notice
            == "ShellCheck is not installed; shell scripts were not checked (apt-get install shellcheck)")
    }

    @Test func hangingShellCheckIsKilled() throws {
        let fake = try FakeShellCheck("exec sleep 30")
        defer { fake.remove() }
        let runner = ShellCheckRunner(executable: fake.path, timeout: .milliseconds(300))
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: ShellCheckFailure.timedOut(seconds: 0.3)) { try runner.check(["echo 1", "echo 2"]) }
        #expect(clock.now - started < .seconds(5))
        let found = try Self.check(Self.playbook, runner: runner)
        #expect(found.count == 8)
        #expect(found.allSatisfy { $0.rule == ShellCheckFindings.failed && $0.severity == .warning })
    }

    @Test func failingShellCheckIsReported() throws {
        let fake = try FakeShellCheck("echo 'bad option' >&2; exit 4")
        defer { fake.remove() }
        let runner = ShellCheckRunner(executable: fake.path)
        #expect(throws: ShellCheckFailure.failed(status: 4, stderr: "bad option")) { try runner.check("echo") }
    }

    @Test(arguments: [
        (1, 1, 0), (1, 4, 3), (1, 99, 3), (2, 1, 4), (2, 3, 6), (3, 1, 7), (3, 5, 7), (9, 1, 7), (0, 5, 0),
    ])
    func scriptPositionsBecomeOffsets(_ line: Int, _ column: Int, _ offset: Int) {
        // "a\tb\n" "é😀\n" "": a tab, a two-byte and a four-byte scalar each count once.
        let lines = ShellScriptLines("a\tb\né😀\n")
        #expect(lines.offset(line: line, column: column) == offset)
    }

    @Test func unassignedVariableNames() {
        func comment(_ code: Int, _ message: String) -> ShellCheckComment {
            ShellCheckComment(file: "-", line: 1, endLine: 1, column: 1, endColumn: 5, level: "warning",
                              code: code, message: message, fix: nil)
        }
        #expect(UnassignedVariable.name(of: comment(2154, "x is referenced but not assigned."), text: "$x") == "x")
        #expect(UnassignedVariable.name(
            of: comment(2154, "retention_day is referenced but not assigned (did you mean 'retention_days'?)."),
            text: "") == "retention_day")
        #expect(UnassignedVariable.name(
            of: comment(2153, "Possible misspelling: TENANT may not be assigned. Did you mean TENANTS?"),
            text: "") == "TENANT")
        #expect(UnassignedVariable.name(of: comment(2154, "reworded"), text: "${#arr[@]}") == "arr")
        #expect(UnassignedVariable.name(of: comment(2086, "x is referenced but not assigned."), text: "$x") == nil)
    }

    // MARK: - Helpers

    /// The runner, or a failure telling how to install ShellCheck: never a skip.
    static func requireShellCheck() throws -> ShellCheckRunner {
        let runner = ShellCheckRunner()
        try #require(runner.availability.isAvailable,
                     "ShellCheck is required by these tests: run scripts/install-shellcheck")
        return runner
    }

    static func check(_ input: MarkedText, runner: ShellCheckRunner) throws -> [Diagnostic] {
        let source = SourceFile(path: "shellcheck.yaml", text: input.text)
        let parsed = Frontend.parsePlaybook(source)
        let playbook = try #require(parsed.playbook, "\(parsed.diagnostics)")
        return ShellCheckFindings.check(playbook, source: source, runner: runner)
    }
}

/// An executable shell script standing in for `shellcheck`, to test hangs and failures.
private struct FakeShellCheck {
    let directory: URL
    var path: String { directory.appendingPathComponent("shellcheck").path }

    init(_ body: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-shellcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "#!/bin/sh\n\(body)\n".write(toFile: directory.appendingPathComponent("shellcheck").path,
                                         atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700],
                                              ofItemAtPath: directory.appendingPathComponent("shellcheck").path)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
