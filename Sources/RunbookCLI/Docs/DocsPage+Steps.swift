import Language

/// The step-by-step part of a page, and the checks before and after it.
extension DocsPage {
    func preconditions() -> String {
        guard !playbook.preconditions.isEmpty else { return "" }
        return "## Before you start\n\n`runbook exec` checks these before the first step and refuses to run if one fails:\n\n"
            + playbook.preconditions.map(probe).joined()
    }

    func verification() -> String {
        guard !playbook.verify.isEmpty else { return "" }
        return "## Verification\n\nAfter the last step `runbook exec` checks, and the run fails verification unless all pass:\n\n"
            + playbook.verify.map(probe).joined()
    }

    func steps() -> String {
        "## Steps\n\n" + numbered(playbook.steps, prefix: "").map { step($0.step, number: $0.number) }.joined(separator: "\n")
    }

    /// Message steps listed by number, since the seeds keep their communication templates apart.
    func communication() -> String {
        let messages = numberedAll(playbook.steps, prefix: "").filter {
            if case .message = $0.step.action { return true }
            return false
        }
        guard !messages.isEmpty else { return "" }
        let items = messages.map { "- Step \($0.number): " + Markdown.escaped($0.step.title?.value ?? $0.step.id.value) + "\n" }
        return "## Communication templates\n\nThe messages this playbook sends; each is quoted in full in its step.\n\n" + items.joined()
    }

    private func numbered(_ steps: [Step], prefix: String) -> [(number: String, step: Step)] {
        steps.enumerated().map { ("\(prefix)\($0.offset + 1)", $0.element) }
    }

    /// Every step with its number, rollback steps (`2.1`) after the step they undo.
    private func numberedAll(_ steps: [Step], prefix: String) -> [(number: String, step: Step)] {
        numbered(steps, prefix: prefix).flatMap { [$0] + numberedAll($0.step.rollback, prefix: $0.number + ".") }
    }

    private func step(_ step: Step, number: String) -> String {
        let depth = number.split(separator: ".").count
        let title = Markdown.escaped(step.title?.value ?? step.id.value)
        let heading = String(repeating: "#", count: min(6, depth + 2)) + " "
            + (depth > 1 ? "Rollback \(number): \(title)" : "\(number). \(title)")
        var out = heading + "\n\n" + facts(step) + "\n"
        if let when = step.when { out += "\n**Only when** \(Markdown.code(when.description)); otherwise skipped.\n" }
        if step.needsConfirmation {
            out += "\n**Asks for confirmation** before it runs (without a terminal: `--confirm \(step.id.value)` or `--yes`).\n"
        }
        if let description = step.description { out += "\n" + Markdown.prose(description.value).trimmingTrailingNewlines() + "\n" }
        var callee: Playbook?
        if case .playbook(let call) = step.action { callee = callees[call.path.value] }
        out += "\n" + DocsAction(action: step.action, callee: callee).block()
        if !step.rollback.isEmpty {
            out += "\nIf the run rolls back (a later step fails with `on_failure: rollback`), this step is undone by:\n\n"
            out += numbered(step.rollback, prefix: number + ".").map { self.step($0.step, number: $0.number) }.joined(separator: "\n")
        }
        return out
    }

    /// `🟠 **write** · step `restart` · timeout 2m · …`
    private func facts(_ step: Step) -> String {
        var facts = [DocsWords.badge(effects[step.id.value] ?? step.effect?.value ?? .read), "step " + Markdown.code(step.id.value)]
        if let timeout = step.timeout { facts.append("timeout \(timeout.value)") }
        if let retry = step.retry { facts.append(DocsWords.retry(retry)) }
        if let failure = step.onFailure {
            switch failure.value {
            case .abort: facts.append("on failure: stop the run")
            case .continue: facts.append("on failure: continue")
            case .rollback: facts.append("on failure: roll back")
            }
        }
        if let rows = step.limits?.maxRows { facts.append("at most \(rows.value) rows, else undone") }
        if let keys = step.limits?.maxKeys { facts.append("at most \(keys.value) keys, else undone") }
        if step.isIdempotent { facts.append("safe to re-run") }
        return facts.joined(separator: " · ")
    }

    private func probe(_ probe: Probe) -> String {
        var timing: [String] = []
        if let retry = probe.retry { timing.append(DocsWords.retry(retry)) }
        if let hold = probe.hold { timing.append("and keeps passing for \(hold.span.value), checked every \(hold.every.value)") }
        if let timeout = probe.timeout { timing.append("each check stops after \(timeout.value)") }
        let when = "passes when " + DocsWords.expectation(probe.expect) + (timing.isEmpty ? "" : " (" + timing.joined(separator: "; ") + ")")
        let action = DocsAction(action: probe.action)
        let name = "- [ ] **" + Markdown.escaped(probe.name.value) + "**: "
        if let inline = action.inline { return name + inline + " — " + when + ".\n" }
        return name + when + ":\n\n" + action.block(indent: "  ") + "\n"
    }
}
