import BackendKit
import Language

/// Turns an action into a backend request, rendering every template with the run's values.
struct ActionRenderer {
    let evaluator: Evaluator

    func request(for action: Action, timeout: Duration?, limits: Limits?) -> BackendRequest {
        var fields: [String: Value] = [:]
        switch action {
        case .shell(let shell):
            fields["run"] = .string(shell.run.literal ?? evaluator.render(shell.run))
            fields["env"] = .object(Dictionary(shell.env.map { ($0.name.value, Value.string(evaluator.render($0.value))) },
                                               uniquingKeysWith: { $1 }))
            if let cwd = shell.cwd { fields["cwd"] = .string(evaluator.render(cwd)) }
        case .postgres(let postgres):
            switch postgres.body {
            case .sql(let sql): fields["sql"] = .string(evaluator.render(sql))
            case .query(let query, let args):
                fields["query"] = .string(evaluator.render(query))
                fields["args"] = .array(args.map { arg in
                    let value = evaluator.value(of: arg)
                    return value == .null ? .null : .string(value.text)
                })
            }
        case .redis(let redis):
            fields["command"] = .array(redis.command.map { .string(evaluator.render($0)) })
        case .http(let http):
            fields["method"] = .string(http.method.value)
            fields["path"] = .string(evaluator.render(http.path))
            fields["headers"] = .object(Dictionary(http.headers.map { ($0.name.value, Value.string(evaluator.render($0.value))) },
                                                   uniquingKeysWith: { $1 }))
            if let body = http.body { fields["body"] = .string(evaluator.render(body)) }
            if let json = http.json { fields["json"] = evaluator.value(of: json) }
        case .manual, .message, .wait, .playbook:
            break
        }
        return BackendRequest(
            kind: action.kind.rawValue, fields: fields,
            timeout: timeout.map { .milliseconds($0.milliseconds) },
            limits: BackendRequest.Limits(maxRows: limits?.maxRows?.value, maxKeys: limits?.maxKeys?.value))
    }

    /// The name of the target an action addresses; shell steps use an implicit local target
    /// named after their kind.
    static func targetName(of action: Action) -> String { action.target?.value ?? action.kind.rawValue }

    /// The rendered target a backend connects to; shell steps use an implicit local target.
    func target(for action: Action, in playbook: Playbook) -> TargetSpec {
        guard let name = action.target?.value, let target = playbook.target(named: name) else {
            return TargetSpec(name: Self.targetName(of: action), url: nil)
        }
        return TargetSpec(
            name: name,
            url: target.url.map(evaluator.render),
            headers: Dictionary(target.headers.map { ($0.name.value, evaluator.render($0.value)) }, uniquingKeysWith: { $1 }),
            timeout: target.timeout.map { .milliseconds($0.value.milliseconds) })
    }
}
