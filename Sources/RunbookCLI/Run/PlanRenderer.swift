import BackendKit
import Engine
import Language

/// Renders a playbook as it would run: params filled in, effects and targets shown,
/// secrets as `***`, and step outputs (unknown before the run) as `‹steps.ID.OUTPUT›`.
struct PlanRenderer {
    let playbook: Playbook
    let policy: Policy?
    let bound: ParamBinder.Bound
    let effects: [String: Effect]

    func render() -> String {
        var out = "\(playbook.title.value) (\(playbook.id.value)), level \(playbook.level.value)\n"
        if let level = policy?.level(playbook.level.value) {
            out += "  level \(level.number.value): \(level.title?.value ?? "") — run by \(level.executor?.value ?? "?")"
            out += level.approvals.isEmpty ? "\n" : ", approved by \(level.approvals.map(\.value).joined(separator: ", "))\n"
        }
        let approvals = playbook.authorization?.approvals.map(\.value) ?? []
        out += "  executor: \(playbook.authorization?.executor?.value ?? "?")"
        out += approvals.isEmpty ? ", no approvals\n" : ", approvals: \(approvals.joined(separator: ", "))\n"
        if !bound.shownParams.isEmpty {
            out += "  params: " + bound.shownParams.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "\n"
        }
        for target in playbook.targets {
            out += "  target \(target.name.value): \(target.backend.value) \(target.url.map(text) ?? "")\n"
        }
        if !playbook.preconditions.isEmpty { out += "\npreconditions\n" + playbook.preconditions.map(probe).joined() }
        out += "\nsteps\n"
        for (index, step) in playbook.steps.enumerated() {
            out += self.step(step, number: "\(index + 1).", indent: "  ")
        }
        if !playbook.verify.isEmpty { out += "\nverify\n" + playbook.verify.map(probe).joined() }
        return out
    }

    private func step(_ step: Step, number: String, indent: String) -> String {
        let effect = effects[step.id.value] ?? .read
        var out = "\(indent)\(number) \(step.id.value) — \(step.title?.value ?? "") [\(effect.rawValue)]\n"
        let detail = indent + "     "
        out += detail + action(step.action).replacingOccurrences(of: "\n", with: "\n" + detail) + "\n"
        var flags: [String] = []
        if let when = step.when { flags.append("when \(when)") }
        if step.needsConfirmation { flags.append("asks to confirm") }
        if let timeout = step.timeout { flags.append("timeout \(timeout.value)") }
        if let retry = step.retry { flags.append("retry ×\(retry.attempts.value)") }
        if step.failureAction != .abort { flags.append("on failure: \(step.failureAction.rawValue)") }
        if let rows = step.limits?.maxRows { flags.append("max \(rows.value) rows") }
        if let keys = step.limits?.maxKeys { flags.append("max \(keys.value) keys") }
        if step.isIdempotent { flags.append("idempotent") }
        if !flags.isEmpty { out += detail + "(" + flags.joined(separator: ", ") + ")\n" }
        for (index, rollback) in step.rollback.enumerated() {
            out += self.step(rollback, number: "rollback \(index + 1).", indent: indent + "     ")
        }
        return out
    }

    private func probe(_ probe: Probe) -> String {
        var out = "  - \(probe.name.value): \(action(probe.action))"
        if let hold = probe.hold { out += "  (holds \(hold.span.value), every \(hold.every.value))" }
        if let retry = probe.retry { out += "  (retry ×\(retry.attempts.value))" }
        return out + "\n"
    }

    private func action(_ action: Action) -> String {
        let target = action.target.map { " \($0.value)" } ?? ""
        switch action {
        case .shell(let shell):
            let env = shell.env.map { "\($0.name.value)=\(text($0.value))" }.joined(separator: " ")
            return "shell\(env.isEmpty ? "" : " (" + env + ")"): " + text(shell.run).trimmingCharacters(in: .newlines)
        case .postgres(let postgres):
            switch postgres.body {
            case .sql(let sql): return "postgres\(target): " + text(sql).trimmingCharacters(in: .newlines)
            case .query(let query, let args):
                return "postgres\(target): " + text(query).trimmingCharacters(in: .newlines)
                    + (args.isEmpty ? "" : "  args: [" + args.map(text).joined(separator: ", ") + "]")
            }
        case .redis(let redis): return "redis\(target): " + redis.command.map(text).joined(separator: " ")
        case .http(let http): return "http\(target): \(http.method.value) \(text(http.path))"
        case .manual(let manual):
            return "manual: " + (manual.instructions.map(text) ?? "") + manual.checklist.map { "\n[ ] " + text($0) }.joined()
        case .message(let message): return "message to \(message.to.map(text) ?? "stdout"):\n" + text(message.template)
        case .wait(let wait): return "wait \(wait.duration.value)"
        case .playbook(let call):
            return "playbook \(call.path.value) " + call.params.map { "\($0.name.value)=\(text($0.value))" }.joined(separator: " ")
        }
    }

    private func text(_ template: Template) -> String {
        let evaluator = Evaluator(bindings: Bindings(params: bound.params, env: bound.env))
        var out = ""
        for part in template.parts {
            switch part {
            case .text(let chunk): out += chunk
            case .expression(let expression):
                if expression.mentionsSteps { out += "‹\(expression)›" } else { out += evaluator.evaluate(expression).text }
            }
        }
        return bound.redactor.redact(out)
    }
}

extension Expression {
    /// Whether the value depends on a step's output, unknown until the run.
    var mentionsSteps: Bool {
        switch kind {
        case .reference(let path): path.first == .name("steps") || path.first == .name("run")
        case .call(_, let arguments): arguments.contains { $0.mentionsSteps }
        case .unary(_, let operand): operand.mentionsSteps
        case .binary(_, let lhs, let rhs): lhs.mentionsSteps || rhs.mentionsSteps
        default: false
        }
    }
}
