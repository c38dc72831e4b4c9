import Language

/// Every template an action or probe holds, so rules can walk them without knowing each kind.
extension Action {
    var templates: [Template] {
        switch self {
        case .shell(let shell): [shell.run] + shell.env.map(\.value) + (shell.cwd.map { [$0] } ?? [])
        case .postgres(let postgres):
            switch postgres.body {
            case .sql(let sql): [sql]
            case .query(let query, let args): [query] + args
            }
        case .redis(let redis): redis.command
        case .http(let http):
            [http.path] + http.headers.map(\.value) + (http.body.map { [$0] } ?? []) + (http.json?.templates ?? [])
        case .manual(let manual): (manual.instructions.map { [$0] } ?? []) + manual.checklist
        case .message(let message): [message.template] + (message.to.map { [$0] } ?? [])
        case .wait: []
        case .playbook(let call): call.params.map(\.value)
        }
    }
}

extension Expect {
    var templates: [Template] {
        var out: [Template] = []
        if let contains = stdout?.contains { out.append(contains) }
        if let contains = body?.contains { out.append(contains) }
        for comparison in [value, json?.comparison].compactMap({ $0 }) {
            switch comparison {
            case .equals(let value): out += value.templates
            case .oneOf(let values): out += values.flatMap(\.templates)
            case .greaterThan, .lessThan: break
            }
        }
        return out
    }
}

extension Probe {
    var templates: [Template] { action.templates + (expect?.templates ?? []) }
}
