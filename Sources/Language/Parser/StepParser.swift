import Diagnostics
import YAMLLoader

/// Parses `steps:` and `rollback:` lists.
struct StepParser {
    let context: ParseContext

    static let commonFields = [
        "id", "title", "description", "when", "effect", "confirm", "idempotent", "timeout", "retry",
        "on_failure", "rollback", "limits",
    ]
    /// Every key a step may have: the common fields and one action.
    static let fields = commonFields + ActionKind.allCases.map(\.rawValue)

    func parseSteps(_ node: YAMLNode?, what: String) -> [Step] {
        context.sequence(node, what).compactMap(parseStep)
    }

    private func parseStep(_ node: YAMLNode) -> Step? {
        guard let fields = context.fields(of: node, in: "a step", allowed: Self.fields, required: ["id"])
        else { return nil }
        let id = context.string(fields["id"], "the step id")
        if let id, !Identifier.isStepID(id.value) {
            context.error(LanguageRules.invalidID,
                          "step id '\(id.value)' must match [a-z][a-z0-9_]* so it can be used in steps.ID",
                          at: id.range)
        }
        let what = id.map { "step '\($0.value)'" } ?? "a step"
        guard let (kind, actionPair) = ActionParser.singleKind(in: fields, among: ActionKind.allCases,
                                                               what: what, context: context),
              let action = ActionParser(context: context).parse(kind, actionPair.value, what: what)
        else { return nil }
        let condition: Expression? = fields["when"].flatMap { node in
            let (expression, diagnostics) = TemplateParser.parseCondition(node, in: context.source)
            context.append(diagnostics)
            return expression
        }
        return Step(
            id: id ?? Located("", at: node.range),
            title: context.string(fields["title"], "the title"),
            description: context.string(fields["description"], "the description"),
            when: condition,
            effect: context.choice(fields["effect"], "effect", as: Effect.self),
            confirm: context.bool(fields["confirm"], "confirm"),
            idempotent: context.bool(fields["idempotent"], "idempotent"),
            timeout: context.duration(fields["timeout"], "the timeout"),
            retry: fields["retry"].flatMap { RetryParser(context: context).retry($0) },
            onFailure: context.choice(fields["on_failure"], "on_failure", as: FailureAction.self),
            rollback: parseSteps(fields["rollback"], what: "rollback"),
            limits: fields["limits"].flatMap(parseLimits),
            action: action,
            actionRange: actionPair.key.range,
            range: node.range)
    }

    private func parseLimits(_ node: YAMLNode) -> Limits? {
        guard let fields = context.fields(of: node, in: "limits", allowed: ["max_rows", "max_keys"]) else {
            return nil
        }
        return Limits(maxRows: context.int(fields["max_rows"], "max_rows"),
                      maxKeys: context.int(fields["max_keys"], "max_keys"),
                      range: node.range)
    }
}

/// `retry:` and `hold:`, shared by steps and probes.
struct RetryParser {
    let context: ParseContext

    func retry(_ node: YAMLNode) -> Retry? {
        guard let fields = context.fields(of: node, in: "retry", allowed: ["attempts", "interval", "backoff"],
                                          required: ["attempts"]),
              let attempts = context.int(fields["attempts"], "attempts")
        else { return nil }
        return Retry(attempts: attempts,
                     interval: context.duration(fields["interval"], "the retry interval"),
                     backoff: context.choice(fields["backoff"], "backoff", as: Retry.Backoff.self),
                     range: node.range)
    }

    func hold(_ node: YAMLNode) -> Hold? {
        guard let fields = context.fields(of: node, in: "hold", allowed: ["for", "every"], required: ["for", "every"]),
              let span = context.duration(fields["for"], "how long to hold"),
              let every = context.duration(fields["every"], "how often to check")
        else { return nil }
        return Hold(span: span, every: every, range: node.range)
    }
}
