import Engine
import Foundation
@testable import RunbookCLI
import Testing
import TestSupport

/// `runbook report`: real runs through `runbook exec` (shell steps only), rendered as Markdown
/// and JSON: who ran and approved, the timeline, steps, probes, the post-mortem template, the
/// journal's verification, and nothing secret or able to drive the terminal.
@Suite(.serialized) struct ReportTests {
    enum Format: String, CaseIterable, Sendable {
        case markdown, json
        var arguments: [String] { ["--format", rawValue] }
    }

    /// Level 3, run by tara with cora's approval as cto; a secret param, a retried step, a
    /// skipped one, output with an escape sequence, a precondition and a verify probe.
    static let approvedPlaybook = """
        runbook: 1
        id: report-approved
        title: Restart and flush, approved
        level: 3
        authorization: { executor: tech_lead, approvals: [cto] }
        params:
          tenant: { type: string }
          token: { type: string, secret: true }
        preconditions:
          - name: shell works
            shell: { run: "true" }
        steps:
          - id: check_health
            title: Check health
            shell: { run: "printf 'ok\\\\n\\\\033]0;owned\\\\007\\\\n'" }
          - id: flush
            title: Flush the cache
            retry: { attempts: 2, interval: 10ms }
            shell:
              run: 'echo "flushing $T"; test -f flag || { touch flag; exit 1; }'
              env: { T: "${{ params.token }}" }
          - id: skipped
            when: "${{ params.tenant == 'nobody' }}"
            shell: { run: "echo no" }
        verify:
          - name: health ok
            shell: { run: "true" }
        """

    static let postMortemHeadings = [
        "## Incident Post-Mortem", "**Date:** ", "**Duration:** ", "**Severity:** ", "**Affected:** ", "### Timeline",
        "### Root Cause", "### Impact", "### Resolution", "### Prevention", "### Action Items",
    ]

    /// Approves and runs `approvedPlaybook`; the run's id and the secret marker it was given.
    static func approvedRun(_ box: ExecSandbox) throws -> (runID: String, secret: String) {
        try box.write("p.yaml", approvedPlaybook)
        let secret = "S3CRET-MARKER-\(box.tag)"
        let params = ["--param", "tenant=greenwood_high", "--param", "token=\(secret)"]
        let approved = try box.runbook(["approve", "p.yaml"] + params + ["--as", "cora", "--reason", "bridge call 14:02, rollback agreed"])
        #expect(approved.status == 0, "\(approved.stderr)")
        let token = approved.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let run = try box.runbook(["exec", "p.yaml"] + params + ["--as", "tara", "--approval", token, "--no-tty"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        return (try onlyRunID(box), secret)
    }

    static func onlyRunID(_ box: ExecSandbox) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: box.state.appendingPathComponent("runs").path)
        #expect(names.count == 1)
        return String(try #require(names.first).dropLast(".jsonl".count))
    }

    /// Runs JournalVerifyTests' three-step playbook as sam; the run's id.
    static func chainRun(_ box: ExecSandbox) throws -> String {
        try box.write("chain.yaml", JournalVerifyTests.playbook)
        #expect(try box.runbook(["exec", "chain.yaml", "--no-tty"]).status == 0)
        return try onlyRunID(box)
    }

    /// Replaces the run's journal with `change` of its lines.
    static func rewriteJournal(_ box: ExecSandbox, _ runID: String, _ change: ([String]) -> String) throws {
        let path = box.state.appendingPathComponent("runs/\(runID).jsonl")
        let lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map(String.init)
        try change(lines).write(to: path, atomically: true, encoding: .utf8)
    }

    /// The lines of the Markdown section that starts with `heading`.
    static func section(_ markdown: String, _ heading: String) -> [String] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: heading) else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
        return lines[(start + 1)..<end].filter { !$0.isEmpty }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func anApprovedRunAsMarkdown() throws {
        let box = try ExecSandbox()
        let (runID, _) = try Self.approvedRun(box)
        let report = try box.runbook(["report", runID])
        #expect(report.status == 0, "\(report.stderr)")
        let out = report.stdout
        for line in [
            "# Run report: Restart and flush, approved", "- **Run:** `\(runID)`", "- **Status:** succeeded",
            "- **Run by:** tara (key `ed25519:",
            "  - cora as cto: “bridge call 14:02, rollback agreed” (issued ",
            "| `tenant` | `greenwood_high` |", "| `token` | `***` |",
            "| `check_health` | Check health | read | succeeded | 1 | ",
            "| `flush` | Flush the cache | write | succeeded | 2 | ",
            "| `skipped` |  |  | skipped | 0 | ",
            "- **Journal:** journal verified: 10 lines, hash chain intact, signed by tara (run_started), tara (run_finished)",
            "**Approvers:** cora as cto (“bridge call 14:02, rollback agreed”)",
            "**Executor:** tara", "**Severity:** P0/P1 [choose]; recovery level 3",
            "[What actually caused the issue]", "- [ ] [Action] — Owner — Due date",
            "Verification: 1 of 1 checks passed.",
        ] {
            #expect(out.contains(line), "missing: \(line)\n\(out)")
        }
        #expect(out.contains(#/\*\*Date:\*\* \d{4}-\d{2}-\d{2}\n/#))
        #expect(out.contains(#/- \d{2}:\d{2} — Service restored: verification passed \(`health ok`\)/#))
        #expect(Self.section(out, "## Preconditions").first?.hasPrefix("- `shell works`: passed (") == true)
        #expect(Self.section(out, "## Verification").first?.hasPrefix("- `health ok`: passed (") == true)

        // Every journal line is one timeline line, `HH:MM:SS — event`, in order.
        let timeline = Self.section(out, "## Timeline (UTC)")
        let expected = [
            "run of `report-approved` started by tara (level 3), approved by cora as cto",
            "precondition `shell works` passed",
            "step `check_health` started: Check health [read]",
            "step `check_health` succeeded in ",
            "step `flush` started: Flush the cache [write]",
            "step `flush` started: Flush the cache [write], attempt 2",
            "step `flush` succeeded in ",
            "step `skipped` skipped",
            "verification `health ok` passed",
            "run ended: succeeded after ",
        ]
        #expect(timeline.count == expected.count, "\(timeline)")
        for (line, event) in zip(timeline, expected) {
            let match = try #require(line.wholeMatch(of: #/- \d{2}:\d{2}:\d{2} — (.+)/#), "\(line)")
            #expect(match.1.hasPrefix(event), "\(line)")
        }
        for heading in Self.postMortemHeadings { #expect(out.contains("\n\(heading)"), "missing: \(heading)") }
    }

    @Test func anApprovedRunAsJSON() throws {
        let box = try ExecSandbox()
        let (runID, _) = try Self.approvedRun(box)
        let report = try box.runbook(["report", runID, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let document = try Self.json(report.stdout)
        #expect(Set(document.keys) == [
            "version", "run", "status", "title", "playbook", "playbook_id", "playbook_sha256", "level", "policy",
            "executor", "executor_key", "resumed_by", "approvals", "params", "started_at", "ended_at", "duration_ms",
            "elapsed_ms", "timeline", "steps", "preconditions", "verify", "journal",
        ])
        #expect(document["version"] as? Int == 1)
        #expect(document["run"] as? String == runID)
        #expect(document["status"] as? String == "succeeded")
        #expect(document["executor"] as? String == "tara")
        #expect(document["level"] as? Int == 3)
        #expect(document["params"] as? [String: String] == ["tenant": "greenwood_high", "token": "***"])
        let approval = try #require((document["approvals"] as? [[String: Any]])?.first)
        #expect(approval["approver"] as? String == "cora")
        #expect(approval["role"] as? String == "cto")
        #expect(approval["reason"] as? String == "bridge call 14:02, rollback agreed")
        #expect((approval["expires_at"] as? String)?.hasSuffix("Z") == true)
        let steps = try #require(document["steps"] as? [[String: Any]])
        #expect(steps.map { $0["id"] as? String } == ["check_health", "flush", "skipped"])
        #expect(steps.map { $0["status"] as? String } == ["succeeded", "succeeded", "skipped"])
        #expect(steps.map { $0["attempts"] as? Int } == [1, 2, 0])
        #expect((steps[1]["outputs"] as? [String: Any])?["stdout"] as? String == "flushing ***\n")
        let verify = try #require(document["verify"] as? [[String: Any]])
        #expect(verify.map { $0["name"] as? String } == ["health ok"])
        #expect(verify.map { $0["status"] as? String } == ["passed"])
        let timeline = try #require(document["timeline"] as? [[String: Any]])
        #expect(timeline.compactMap { $0["seq"] as? Int } == Array(1...10))
        #expect(timeline.first?["event"] as? String == "run of report-approved started by tara (level 3), approved by cora as cto")
        let journal = try #require(document["journal"] as? [String: Any])
        #expect(journal["intact"] as? Bool == true)
        #expect(journal["lines"] as? Int == 10)
        #expect(journal["problem"] is NSNull)
        // Stable: keys sorted at every level, so the same run always prints the same text.
        let keys = report.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.compactMap { $0.split(separator: "\"").dropFirst().first }
        #expect(keys == keys.sorted())
        #expect(try box.runbook(["report", runID, "--format", "json"]).stdout == report.stdout)
    }

    /// The secret param reached a step as `$T`, which echoed it; the step's output set the
    /// terminal title with an escape sequence. Neither appears in any format.
    @Test(arguments: Format.allCases)
    func secretsAndEscapeSequencesNeverReachTheReport(_ format: Format) throws {
        let box = try ExecSandbox()
        let (runID, secret) = try Self.approvedRun(box)
        let report = try box.runbook(["report", runID] + format.arguments)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.contains(secret))
        #expect(!report.stdout.contains(secret.dropLast(4)), "not even a part of it")
        #expect(report.stdout.contains("***"))
        for control in ["\u{1B}", "\u{07}", "\u{9B}"] { #expect(!report.stdout.contains(control)) }
        #expect(report.stdout.contains(format == .markdown ? "^[]0;owned^G" : "\\u001b]0;owned\\u0007"))
    }

    @Test(arguments: JournalVerifyTests.Tampering.allCases)
    func aTamperedJournalIsReportedAsFailingVerification(_ tampering: JournalVerifyTests.Tampering) throws {
        let box = try ExecSandbox()
        let runID = try Self.chainRun(box)
        try Self.rewriteJournal(box, runID) { tampering.apply($0).joined(separator: "\n") + "\n" }

        let markdown = try box.runbook(["report", runID])
        #expect(markdown.status == 0, "the report renders whatever the verdict: \(markdown.stderr)")
        let json = try Self.json(try box.runbook(["report", runID, "--format", "json"]).stdout)
        let journal = try #require(json["journal"] as? [String: Any])
        if let expected = tampering.expected {
            #expect(markdown.stdout.contains("- **Journal:** journal FAILED verification: \(expected)"), "\(markdown.stdout)")
            #expect(journal["intact"] as? Bool == false)
            #expect((journal["problem"] as? String)?.hasPrefix(expected) == true, "\(journal)")
        } else {
            #expect(markdown.stdout.contains("- **Journal:** journal verified: 8 lines, hash chain intact, signed by sam (run_started), sam (run_finished)"))
            #expect(journal["intact"] as? Bool == true)
        }
    }

    enum Crash: String, CaseIterable, Sendable {
        /// The end line never written.
        case endLineMissing
        /// The end line half written: no newline, not valid JSON.
        case endLineTorn

        func apply(_ lines: [String]) -> String {
            switch self {
            case .endLineMissing: lines.dropLast().joined(separator: "\n") + "\n"
            case .endLineTorn: lines.dropLast().joined(separator: "\n") + "\n" + lines[lines.count - 1].prefix(40)
            }
        }
    }

    @Test(arguments: Crash.allCases)
    func aRunWithoutAnEndLineIsIncomplete(_ crash: Crash) throws {
        let box = try ExecSandbox()
        let runID = try Self.chainRun(box)
        try Self.rewriteJournal(box, runID, crash.apply)

        let markdown = try box.runbook(["report", runID])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        for line in ["- **Status:** incomplete", "- **Ended:** never: the journal has no end line",
                     "- **Duration:** unknown (no end line)",
                     "- **Journal:** journal verified: 7 lines, hash chain intact, signed by sam (run_started)",
                     "  - note: the run has no end line", "Service restored [the run ended incomplete"] {
            #expect(markdown.stdout.contains(line), "missing: \(line)\n\(markdown.stdout)")
        }
        let json = try Self.json(try box.runbook(["report", runID, "--format", "json"]).stdout)
        #expect(json["status"] as? String == "incomplete")
        #expect(json["ended_at"] is NSNull)
        #expect(json["duration_ms"] is NSNull)
        #expect((json["steps"] as? [[String: Any]])?.count == 3)
    }

    /// A step that failed, a crash before the end line, `resume` by sam, and a confirmation
    /// declined without a terminal.
    @Test func aResumedRunWithADeclinedStep() throws {
        let box = try ExecSandbox()
        try box.write("r.yaml", """
            runbook: 1
            id: resume-me
            title: Resume me
            level: 1
            authorization: { executor: on_call }
            steps:
              - id: one
                title: One
                shell: { run: "echo one" }
              - id: two
                title: Needs the flag
                idempotent: true
                shell: { run: "test -f flag && echo two" }
              - id: gate
                title: Ask first
                confirm: true
                shell: { run: "echo gate" }
            """)
        #expect(try box.runbook(["exec", "r.yaml", "--no-tty"]).status == 1)
        let runID = try Self.onlyRunID(box)
        try Self.rewriteJournal(box, runID, Crash.endLineMissing.apply)
        try box.write("flag", "")
        let resumed = try box.runbook(["resume", runID, "--no-tty"])
        #expect(resumed.status == 1, "\(resumed.stdout)\(resumed.stderr)")

        let markdown = try box.runbook(["report", runID]).stdout
        for line in ["- **Status:** failed", "- **Run by:** sam", "- **Resumed by:** sam at ",
                     "- **Approved by:** no approvals recorded",
                     "| `two` | Needs the flag | read | succeeded | 2 | ",
                     "| `gate` |  |  | declined | 0 | ",
                     "- `gate`: not confirmed: run it with --confirm gate or answer y",
                     "signed by sam (run_started), sam (run_resumed), sam (run_finished)",
                     "**Executor:** sam; resumed by sam"] {
            #expect(markdown.contains(line), "missing: \(line)\n\(markdown)")
        }
        #expect(markdown.contains(#/— step `two` failed in \d+\.\d+s: exit status 1\n/#))
        #expect(markdown.contains(#/— run resumed by sam\n/#))
        #expect(markdown.contains(#/— step `gate` declined by sam\n/#))
        #expect(markdown.contains(#/- \*\*Duration:\*\* .+ from start to end, .+ of it running \(resumed once\)/#))
        let json = try Self.json(try box.runbook(["report", runID, "--format", "json"]).stdout)
        #expect((json["resumed_by"] as? [[String: Any]])?.map { $0["executor"] as? String } == ["sam"])
    }

    @Test(arguments: [["no-such-run"], ["../runs/x"], ["no-such-run", "--format", "json"]])
    func anUnknownRunExits2(_ arguments: [String]) throws {
        let box = try ExecSandbox()
        let report = try box.runbook(["report"] + arguments)
        #expect(report.status == 2)
        #expect(report.stdout.isEmpty)
        #expect(report.stderr.hasPrefix("error: "), "\(report.stderr)")
        #expect(report.stderr.contains(arguments[0]))
    }

    /// Journal values cannot add headings, table cells, links, HTML or terminal controls.
    @Test func journalTextCannotShapeTheMarkdown() {
        let hostile = "x |\n# Heading\n<img src=x> [link](http://e) `tick` **bold** _u_ \u{1B}[2J"
        var started = JournalEvent(seq: 1, time: "2026-11-24T13:05:12.000Z", type: .runStarted, run: "r")
        started.title = hostile
        started.executor = hostile
        started.params = ["p": hostile]
        var step = JournalEvent(seq: 2, time: "2026-11-24T13:05:13.000Z", type: .stepStarted, run: "r")
        step.step = "s`t|ep"
        step.title = hostile
        let journal = RunReport.JournalState(checked: false, problem: "no policy", notes: [], lines: nil, signatures: [],
                                             policy: nil, unreadableLines: [])
        let out = MarkdownReportRenderer.render(RunReport(runID: "r", events: [started, step], journal: journal))
        let lines = out.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("# Heading") || $0.hasPrefix("<img") })
        #expect(!out.contains("\u{1B}"))
        #expect(out.contains("x \\|^J\\# Heading^J\\<img src=x\\> \\[link\\](http://e) \\`tick\\` \\*\\*bold\\*\\* \\_u\\_ ^\\[\\[2J"))
        #expect(out.contains("| ``s`t\\|ep`` | x \\|"))
        #expect(out.contains("- **Status:** incomplete"))
        #expect(out.contains("- **Journal:** not verified: no policy"))
    }
}
