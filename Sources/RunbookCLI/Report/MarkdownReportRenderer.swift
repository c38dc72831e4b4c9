import BackendKit

/// `runbook report` as Markdown: the run's facts, its timeline, steps and probes, then the
/// seeds' post-mortem template with those facts filled in and the judgement left to people.
enum MarkdownReportRenderer {
    /// Lines of a multi-line output value shown before it is cut (the JSON report has it all).
    static let maxOutputLines = 40

    static func render(_ report: RunReport) -> String {
        let sections = [header(report), parameters(report), timeline(report), steps(report), probes(report),
                        outputs(report), postMortem(report)]
        return TerminalText.safe(sections.filter { !$0.isEmpty }.joined(separator: "\n"), keepingNewlines: true)
    }

    private static func esc(_ text: String) -> String { MarkdownText.escape(text) }
    private static func code(_ text: String) -> String { MarkdownText.code(text) }

    // MARK: the run

    static func header(_ report: RunReport) -> String {
        var out = "# Run report: \(esc(report.title ?? report.playbookID ?? report.runID))\n\n"
        out += "- **Run:** \(code(report.runID))\n"
        out += "- **Status:** \(esc(report.status))\n"
        if let playbook = report.playbook {
            var about: [String] = []
            if let id = report.playbookID { about.append("id \(code(id))") }
            if let level = report.level { about.append("level \(level)") }
            if let sha = report.playbookSHA256 { about.append("SHA-256 \(code(sha))") }
            out += "- **Playbook:** \(code(playbook))\(about.isEmpty ? "" : " (\(about.joined(separator: ", ")))")\n"
        }
        out += "- **Run by:** \(esc(report.executor ?? "unknown (the journal has no start line)"))"
            + (report.executorKey.map { " (key \(code($0)))" } ?? "") + "\n"
        for resumption in report.resumptions {
            out += "- **Resumed by:** \(esc(resumption.executor)) at \(RunReport.moment(resumption.time))\n"
        }
        out += approvals(report)
        if let started = report.startedAt { out += "- **Started:** \(RunReport.moment(started))\n" }
        out += "- **Ended:** \(report.endedAt.map(RunReport.moment) ?? "never: the journal has no end line")\n"
        out += "- **Duration:** \(duration(report))\n"
        if let policy = report.policy { out += "- **Policy:** \(code(policy))\n" }
        out += "- **Journal:** \(esc(report.journal.summary))\n"
        for note in report.journal.notes { out += "  - note: \(esc(note))\n" }
        if !report.journal.unreadableLines.isEmpty {
            let lines = report.journal.unreadableLines.map(String.init).joined(separator: ", ")
            out += "  - lines left out of this report because they are not journal events: \(lines)\n"
        }
        return out
    }

    static func approvals(_ report: RunReport) -> String {
        guard !report.approvals.isEmpty else { return "- **Approved by:** no approvals recorded\n" }
        return "- **Approved by:**\n" + report.approvals.map { approval in
            "  - \(esc(approval.approver)) as \(esc(approval.role))"
                + (approval.reason.map { ": “\(esc($0))”" } ?? "")
                + " (issued \(RunReport.moment(approval.issuedAt)), expires \(RunReport.moment(approval.expiresAt)),"
                + " nonce \(code(approval.nonce)))\n"
        }.joined()
    }

    static func duration(_ report: RunReport) -> String {
        let span = report.elapsedMs.map { "\(TerminalText.seconds($0)) from the first journal line to the last" }
        guard let running = report.durationMs else {
            return "unknown (no end line)" + (span.map { "; \($0)" } ?? "")
        }
        let resumed = report.resumptions.count
        guard resumed > 0, let elapsed = report.elapsedMs else { return TerminalText.seconds(running) }
        return "\(TerminalText.seconds(elapsed)) from start to end, \(TerminalText.seconds(running)) of it running"
            + " (resumed \(resumed == 1 ? "once" : "\(resumed) times"))"
    }

    static func parameters(_ report: RunReport) -> String {
        guard !report.params.isEmpty else { return "## Parameters\n\nNone.\n" }
        return "## Parameters\n\n| name | value |\n| --- | --- |\n"
            + report.params.sorted { $0.key < $1.key }.map { "| \(code($0.key)) | \(code($0.value)) |\n" }.joined()
    }

    static func timeline(_ report: RunReport) -> String {
        let firstDay = report.timeline.first.map { RunReport.day($0.time) }
        return "## Timeline (UTC)\n\n" + report.timeline.map { entry in
            let day = RunReport.day(entry.time)
            let when = day == firstDay ? RunReport.clock(entry.time) : "\(day) \(RunReport.clock(entry.time))"
            return "- \(when) — \(entry.text.markdown)\n"
        }.joined()
    }

    static func steps(_ report: RunReport) -> String {
        guard !report.steps.isEmpty else { return "## Steps\n\nNo step ran.\n" }
        var out = "## Steps\n\n| step | title | effect | status | attempts | duration |\n| --- | --- | --- | --- | ---: | ---: |\n"
        for step in report.steps {
            out += "| \(code(step.id)) | \(esc(step.title ?? "")) | \(esc(step.effect ?? "")) | \(esc(step.status))"
                + " | \(step.attempts) | \(step.durationMs.map(TerminalText.seconds) ?? "") |\n"
        }
        let failures = report.steps.filter { $0.message != nil }
        if !failures.isEmpty {
            out += "\n" + failures.map { "- \(code($0.id)): \(esc($0.message ?? ""))\n" }.joined()
        }
        return out
    }

    static func probes(_ report: RunReport) -> String {
        func list(_ probes: [RunReport.Probe], none: String) -> String {
            guard !probes.isEmpty else { return none + "\n" }
            return probes.map { probe in
                "- \(code(probe.name)): \(esc(probe.status))" + (probe.message.map { ": \(esc($0))" } ?? "")
                    + " (\(RunReport.clock(probe.time)))\n"
            }.joined()
        }
        return "## Preconditions\n\n" + list(report.preconditions, none: "None ran.")
            + "\n## Verification\n\n" + list(report.verify, none: "None ran.")
    }

    /// Each step's outputs as an indented code block, so nothing in them is read as Markdown.
    static func outputs(_ report: RunReport) -> String {
        let withOutputs = report.steps.filter { !$0.outputs.isEmpty }
        guard !withOutputs.isEmpty else { return "" }
        return "## Step outputs\n\n" + withOutputs.map { step in
            let lines = step.outputs.sorted { $0.key < $1.key }.flatMap { key, value in outputLines(key, value) }
            return "\(code(step.id)):\n\n" + MarkdownText.block(lines.joined(separator: "\n")) + "\n"
        }.joined(separator: "\n")
    }

    static func outputLines(_ key: String, _ value: Value) -> [String] {
        guard case .string(let text) = value, text.contains("\n") else {
            if case .string(let text) = value { return ["\(key): \(text.isEmpty ? "\"\"" : text)"] }
            return ["\(key): \(value.json)"]
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let shown = lines.prefix(maxOutputLines).map { "  \($0)" }
        let cut = lines.count > maxOutputLines ? ["  … \(lines.count - maxOutputLines) more lines (see --format json)"] : []
        return ["\(key): |"] + shown + cut
    }

    // MARK: the post-mortem

    /// The post-mortem template of the seeds (first-school-incident-runbook.md, "Post-mortem
    /// template", the one the incident response plan's review phase asks for), with its headings
    /// kept. What the journal knows is filled in; what needs judgement stays a `[prompt]`.
    static func postMortem(_ report: RunReport) -> String {
        let started = report.startedAt ?? report.timeline.first?.time
        var out = "## Incident Post-Mortem\n\n"
        out += "**Date:** \(started.map(RunReport.day) ?? "YYYY-MM-DD")\n"
        out += "**Duration:** X minutes [from detection to restoration]; playbook run: \(duration(report))\n"
        out += "**Severity:** P0/P1 [choose]" + (report.level.map { "; recovery level \($0)" } ?? "") + "\n"
        out += "**Affected:** [School name], [N] users\n"
        out += "**Playbook:** \(esc(report.title ?? "?"))" + (report.playbookID.map { " (\(code($0)))" } ?? "")
            + (report.level.map { ", level \($0)" } ?? "") + "\n"
        out += "**Executor:** \(esc(report.executor ?? "?"))"
            + report.resumptions.map { "; resumed by \(esc($0.executor))" }.joined() + "\n"
        out += "**Approvers:** " + (report.approvals.isEmpty ? "none recorded"
            : report.approvals.map { "\(esc($0.approver)) as \(esc($0.role))" + ($0.reason.map { " (“\(esc($0))”)" } ?? "") }
                .joined(separator: ", ")) + "\n"
        out += "**Run:** \(code(report.runID)), \(esc(report.status)); \(esc(report.journal.summary))\n"

        out += "\n### Timeline\n\n"
        out += "- HH:MM — Issue detected\n- HH:MM — On-call notified\n- HH:MM — Root cause identified\n"
        if let started { out += "- \(hourMinute(started)) — Fix applied: \(esc(report.title ?? "the playbook")) started by \(esc(report.executor ?? "?"))\n" }
        for step in report.steps {
            let time = report.timeline.last { $0.step == step.id && $0.type == "step_finished" }?.time
            out += "- \(time.map(hourMinute) ?? "HH:MM") — step \(code(step.id)) \(esc(step.status))\n"
        }
        let verified = !report.verify.isEmpty && report.verify.allSatisfy { $0.status == "passed" }
        if verified, report.status == "succeeded", let last = report.verify.last {
            out += "- \(hourMinute(last.time)) — Service restored: verification passed ("
                + report.verify.map { code($0.name) }.joined(separator: ", ") + ")\n"
        } else {
            out += "- HH:MM — Service restored [the run ended \(esc(report.status))\(report.verify.isEmpty ? ", with no verification" : "")]\n"
        }

        out += "\n### Root Cause\n\n[What actually caused the issue]\n"
        out += "\n### Impact\n\n[What users experienced]\n"
        out += "\n### Resolution\n\n"
        out += "Ran \(esc(report.title ?? "the playbook"))" + (report.level.map { " (level \($0))" } ?? "")
            + " as \(code(report.runID)): \(esc(report.status)).\n\n"
        out += report.steps.isEmpty ? "No step ran.\n" : report.steps.enumerated().map { index, step in
            "\(index + 1). \(code(step.id))" + (step.title.map { " \(esc($0))" } ?? "") + ": \(esc(step.status))"
                + (step.durationMs.map { " (\(TerminalText.seconds($0)))" } ?? "") + "\n"
        }.joined()
        let passed = report.verify.filter { $0.status == "passed" }.count
        out += "\nVerification: " + (report.verify.isEmpty ? "none ran" : "\(passed) of \(report.verify.count) checks passed") + ".\n"
        out += "\n[What else was done to fix it]\n"
        out += "\n### Prevention\n\n[What changes prevent recurrence]\n"
        out += "\n### Action Items\n\n- [ ] [Action] — Owner — Due date\n"
        return out
    }

    /// `HH:MM` of a journal time, as the template's timeline writes it.
    private static func hourMinute(_ time: String) -> String { String(RunReport.clock(time).prefix(5)) }
}
