import Authorization
import Checker
import Language

/// One playbook as a Markdown runbook for people: when to use it, who may run it, what it
/// needs, every step with its exact command, and the checks before and after. Deterministic:
/// the same YAML and policy always give the same page.
struct DocsPage {
    let playbook: Playbook
    let policy: Policy?
    /// Each step's effect as the checker settles it, by step id.
    let effects: [String: Effect]
    /// The playbook's path as shown in the footer and the commands (`playbooks/level1.yaml`).
    let sourcePath: String
    /// The policy's path as shown (relative to the playbook's folder when it is above it).
    let policyPath: String?
    /// Playbooks that `playbook:` steps call, by `path:` as written.
    let callees: [String: Playbook]

    func render() -> String {
        [header(), whenToUse(), authorization(), howToRun(), parameters(), environment(), targets(),
         preconditions(), steps(), communication(), verification(), footer()]
            .filter { !$0.isEmpty }.map { $0.trimmingTrailingNewlines() + "\n" }.joined(separator: "\n")
    }

    private func header() -> String {
        var facts = ["**Level \(playbook.level.value)**"]
        if let title = policy?.level(playbook.level.value)?.title?.value, title != playbook.title.value {
            facts[0] += " (\(Markdown.escaped(title)))"
        }
        if !playbook.severity.isEmpty { facts.append("severity " + playbook.severity.map(\.value).joined(separator: ", ")) }
        if let timeout = playbook.timeout { facts.append("the whole run at most \(timeout.value)") }
        facts.append("id " + Markdown.code(playbook.id.value))
        return "# \(Markdown.escaped(playbook.title.value))\n\n" + facts.joined(separator: " · ") + "\n"
    }

    private func whenToUse() -> String {
        var paragraphs: [String] = []
        if let summary = playbook.summary { paragraphs.append(Markdown.prose(summary.value)) }
        if let description = playbook.description { paragraphs.append(Markdown.prose(description.value)) }
        if !playbook.triggers.isEmpty {
            paragraphs.append("**Alerts:** " + playbook.triggers.map { Markdown.code($0.value) }.joined(separator: ", "))
        }
        if let impact = playbook.impact { paragraphs.append("**Impact:** " + Markdown.prose(impact.value)) }
        guard !paragraphs.isEmpty else { return "" }
        return "## When to use\n\n" + paragraphs.map { $0.trimmingTrailingNewlines() + "\n" }.joined(separator: "\n")
    }

    // MARK: Authorization

    private func authorization() -> String {
        var out = "## Authorization\n\n"
        guard let policy else {
            let executor = playbook.authorization?.executor.map { Markdown.code($0.value) } ?? "anyone"
            return out + "- **Runs it:** \(executor) (no policy was found, so nobody is named).\n"
        }
        let graph = RoleGraph(policy)
        var roles: [String] = []
        if let role = policy.level(playbook.level.value)?.executor?.value { roles.append(role) }
        if let role = playbook.authorization?.executor?.value, !roles.contains(role) { roles.append(role) }
        // Holding the stronger role is enough: `tech_lead` covers a level run by `on_call`.
        roles = roles.filter { role in !roles.contains { $0 != role && graph.role($0, holds: role) } }
        if roles.isEmpty {
            out += "- **Runs it:** anyone in the policy.\n"
        } else {
            out += "- **Runs it:** " + roles.map { role(role: $0, graph: graph, policy: policy) }.joined(separator: ", and ") + ".\n"
            let people = policy.people.filter { person in
                roles.allSatisfy { needed in person.roles.contains { graph.role($0.value, holds: needed) } }
            }.map(\.name.value)
            out += "- **People who may run it:** " + (people.isEmpty ? nobody(policy) : people.joined(separator: ", ")) + ".\n"
        }
        let approvals = Authorizer.requiredApprovals(policy: policy, playbook: playbook, effects: effects)
        if approvals.isEmpty {
            out += "- **Approvals:** none.\n"
        } else {
            out += "- **Approvals before any step runs**, each from a different person than the one running it:\n"
            for approval in approvals {
                let holders = RoleGraph.holders(of: approval.role, in: policy)
                out += "  - \(Markdown.code(approval.role)): \(Markdown.quotedNamesAsCode(approval.reason))"
                out += holders.isEmpty ? "\n" : " (held by \(holders.joined(separator: ", ")))\n"
            }
        }
        if let policyPath { out += "\nFrom the policy \(Markdown.code(policyPath)).\n" }
        return out
    }

    /// `senior_engineer` or a role that includes it (`tech_lead`, `cto`).
    private func role(role: String, graph: RoleGraph, policy: Policy) -> String {
        let including = policy.roles.map(\.name.value).filter { $0 != role && graph.role($0, holds: role) }
        var out = Markdown.code(role)
        if !including.isEmpty { out += " or a role that includes it (" + including.map(Markdown.code).joined(separator: ", ") + ")" }
        return out
    }

    private func nobody(_ policy: Policy) -> String {
        policy.people.isEmpty ? "none listed yet (the policy has no `people:`)" : "nobody in the policy holds that role"
    }

    // MARK: Running it

    private func howToRun() -> String {
        let params = playbook.params.filter(\.isRequired).map { " --param \($0.name.value)=\($0.name.value.uppercased())" }.joined()
        let approvals = policy.map { Authorizer.requiredApprovals(policy: $0, playbook: playbook, effects: effects) } ?? []
        var commands = "runbook plan \(sourcePath)\(params)\n"
        if !approvals.isEmpty {
            commands += "# each approver (\(approvals.map(\.role).joined(separator: ", "))), with the same params:\n"
            commands += "runbook approve \(sourcePath)\(params) --as APPROVER\n"
        }
        commands += "runbook exec \(sourcePath)\(params) --as YOUR_NAME"
        commands += approvals.indices.map { " --approval TOKEN_\($0 + 1)" }.joined() + "\n"
        var out = "## How to run\n\n" + Markdown.block(commands, language: "sh")
        let required = playbook.env.filter { $0.required && $0.defaultValue == nil }.map(\.name.value)
        let defaulted = playbook.env.filter { $0.defaultValue != nil }.map(\.name.value)
        if !required.isEmpty {
            out += "\nSet " + Markdown.codeList(required) + " in the environment first"
            out += defaulted.isEmpty ? ".\n" : " (" + Markdown.codeList(defaulted) + (defaulted.count == 1 ? " has a default" : " have defaults") + ").\n"
        }
        return out
    }

    // MARK: Inputs and targets

    private func parameters() -> String {
        guard !playbook.params.isEmpty else { return "" }
        let rows = playbook.params.map { param -> [String] in
            let value: String
            if let given = param.defaultValue { value = param.secret ? "`***`" : Self.literal(given.value.description) } else { value = "**required**" }
            return [Markdown.code(param.name.value), param.type.value.rawValue, value, accepts(param),
                    Markdown.prose(param.description?.value ?? "")]
        }
        return "## Parameters\n\n" + Markdown.table(["parameter", "type", "default", "accepts", "description"], rows)
    }

    private func accepts(_ param: Param) -> String {
        var rules: [String] = []
        switch param.type.value {
        case .identifier: rules.append("an SQL identifier (`^[a-z_][a-z0-9_]{0,62}$`)")
        case .enum: rules.append("one of " + Markdown.codeList(param.choices.map(\.value), conjunction: "or"))
        case .file: rules.append("a file that exists when the run starts")
        case .url: rules.append("a URL")
        case .duration: rules.append("a duration such as `30s`, `5m`, `1h30m`")
        case .bool: rules.append("`true` or `false`")
        case .int, .string: break
        }
        if let pattern = param.pattern { rules.append("matches " + Markdown.code(pattern.value)) }
        switch (param.min?.value, param.max?.value) {
        case let (min?, max?): rules.append("\(min) to \(max)")
        case let (min?, nil): rules.append("at least \(min)")
        case let (nil, max?): rules.append("at most \(max)")
        case (nil, nil): break
        }
        if param.secret { rules.append("secret, shown as `***`") }
        return rules.joined(separator: "; ")
    }

    private func environment() -> String {
        guard !playbook.env.isEmpty else { return "" }
        let rows = playbook.env.map { variable -> [String] in
            var value: String
            if let given = variable.defaultValue {
                value = "default " + (variable.secret ? "`***`" : Self.literal(given.value))
            } else {
                value = variable.required ? "**required**" : "optional"
            }
            if variable.secret { value += ", secret" }
            return [Markdown.code(variable.name.value), value, Markdown.prose(variable.description?.value ?? "")]
        }
        return "## Environment\n\n" + Markdown.table(["variable", "value", "description"], rows)
    }

    private func targets() -> String {
        guard !playbook.targets.isEmpty else { return "" }
        let rows = playbook.targets.map { target -> [String] in
            var details: [String] = []
            if let description = target.description { details.append(Markdown.prose(description.value)) }
            for header in target.headers {
                details.append("header " + Markdown.code(header.name.value + ": " + DocsWords.headerValue(header)))
            }
            if let timeout = target.timeout { details.append("timeout \(timeout.value)") }
            let address = target.url.map { Markdown.code(DocsWords.maskedURL($0.asWritten)) } ?? ""
            return [Markdown.code(target.name.value), DocsWords.backend(target.backend.value), address,
                    details.joined(separator: "; ")]
        }
        return "## Targets\n\n" + Markdown.table(["target", "backend", "address", "details"], rows)
    }

    /// A default as inline code, or `empty`.
    private static func literal(_ text: String) -> String {
        text.isEmpty ? "empty" : Markdown.code(text)
    }

    private func footer() -> String {
        "---\n\n*Generated by `runbook docs` from \(Markdown.code(sourcePath)) — do not edit; edit the YAML.*\n"
    }
}
