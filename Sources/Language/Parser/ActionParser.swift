import Diagnostics
import YAMLLoader

/// Parses the body of one action (`shell:`, `postgres:` …) of a step or probe.
struct ActionParser {
    let context: ParseContext

    /// Finds the one action key among `fields`; reports none or several.
    static func singleKind(
        in fields: Fields, among kinds: [ActionKind], what: String, context: ParseContext
    ) -> (ActionKind, YAMLPair)? {
        let present = kinds.compactMap { kind in fields.pair(kind.rawValue).map { (kind, $0) } }
        guard let first = present.first else {
            let names = kinds.map(\.rawValue).joined(separator: ", ")
            context.error(LanguageRules.stepKind, "\(what) has no action: give it one of \(names)",
                          at: context.keyRange(of: fields.node))
            return nil
        }
        if present.count > 1 {
            let extra = present[1]
            context.error(LanguageRules.stepKind,
                          "\(what) has both '\(first.0.rawValue)' and '\(extra.0.rawValue)'; a step does exactly one thing",
                          at: extra.1.key.range)
        }
        return first
    }

    func parse(_ kind: ActionKind, _ node: YAMLNode, what: String) -> Action? {
        func label() -> String { "the \(kind.rawValue) action of \(what)" }  // for messages only
        switch kind {
        case .shell:
            guard let fields = context.fields(of: node, in: label(), allowed: ["run", "env", "cwd"], required: ["run"]),
                  let runNode = fields["run"], let run = context.template(runNode, "the script")
            else { return nil }
            return .shell(ShellAction(run: run, runNode: runNode, env: context.templates(fields["env"], "env"),
                                      cwd: context.template(fields["cwd"], "cwd")))
        case .postgres:
            guard let fields = context.fields(of: node, in: label(), allowed: ["target", "sql", "query", "args"],
                                              required: ["target"]),
                  let target = context.string(fields["target"], "the target")
            else { return nil }
            switch (fields["sql"], fields["query"]) {
            case (let sql?, nil):
                if let args = fields.keyRange("args") {
                    context.error(LanguageRules.invalidValue, "'args' go with 'query', not 'sql'", at: args,
                                  notes: [DiagnosticNote("use 'query' (one statement) to bind $1, $2 … to args")])
                }
                return context.template(sql, "the SQL").map {
                    .postgres(PostgresAction(target: target, body: .sql($0), textNode: sql))
                }
            case (nil, let query?):
                guard let text = context.template(query, "the query") else { return nil }
                let args = context.templateList(fields["args"], "args")
                return .postgres(PostgresAction(target: target, body: .query(text, args: args), textNode: query))
            case (_?, _?):
                context.error(LanguageRules.stepKind, "\(label()) has both 'sql' and 'query'; give one",
                              at: fields.keyRange("query") ?? node.range)
                return nil
            case (nil, nil):
                context.error(LanguageRules.missingField, "\(label()) needs 'sql' or 'query'",
                              at: context.keyRange(of: node))
                return nil
            }
        case .redis:
            guard let fields = context.fields(of: node, in: label(), allowed: ["target", "command"],
                                              required: ["target", "command"]),
                  let target = context.string(fields["target"], "the target")
            else { return nil }
            let command = context.templateList(fields["command"], "the command")
            if let commandNode = fields["command"], commandNode.sequence?.isEmpty ?? (commandNode.scalar?.isNull == true) {
                context.error(LanguageRules.invalidValue, "the redis command is empty", at: commandNode.range)
            }
            return .redis(RedisAction(target: target, command: command))
        case .http:
            guard let fields = context.fields(of: node, in: label(),
                                              allowed: ["target", "method", "path", "headers", "body", "json"],
                                              required: ["target"]),
                  let target = context.string(fields["target"], "the target")
            else { return nil }
            if fields.has("body"), let json = fields.keyRange("json") {
                context.error(LanguageRules.invalidValue, "give 'body' or 'json', not both", at: json)
            }
            var method = Located("GET", at: fields.keyRange("target") ?? node.range)
            if let given = context.string(fields["method"], "the method") {
                method = Located(given.value.uppercased(), at: given.range)
                let known = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
                if !known.contains(method.value) {
                    context.error(LanguageRules.invalidValue, "unknown HTTP method '\(given.value)'", at: given.range,
                                  notes: [DiagnosticNote("expected one of: \(known.joined(separator: ", "))")])
                }
            }
            let path = context.template(fields["path"], "the path")
                ?? Template(parts: [.text("/")], range: node.range)
            return .http(HTTPAction(target: target, method: method, path: path,
                                    headers: context.templates(fields["headers"], "headers"),
                                    body: context.template(fields["body"], "the body"),
                                    json: fields["json"].flatMap(context.templateValue)))
        case .manual:
            guard let fields = context.fields(of: node, in: label(), allowed: ["instructions", "checklist"]) else {
                return nil
            }
            if !fields.has("instructions"), !fields.has("checklist") {
                context.error(LanguageRules.missingField, "\(label()) needs 'instructions' or a 'checklist'",
                              at: node.range)
            }
            return .manual(ManualAction(instructions: context.template(fields["instructions"], "the instructions"),
                                        checklist: context.templateList(fields["checklist"], "the checklist")))
        case .message:
            guard let fields = context.fields(of: node, in: label(), allowed: ["template", "to"],
                                              required: ["template"]),
                  let template = context.template(fields["template"], "the template")
            else { return nil }
            return .message(MessageAction(template: template, to: context.template(fields["to"], "'to'")))
        case .wait:
            guard let fields = context.fields(of: node, in: label(), allowed: ["for"], required: ["for"]),
                  let duration = context.duration(fields["for"], "how long to wait")
            else { return nil }
            return .wait(WaitAction(duration: duration))
        case .playbook:
            guard let fields = context.fields(of: node, in: label(), allowed: ["path", "params"], required: ["path"]),
                  let path = context.string(fields["path"], "the playbook path")
            else { return nil }
            return .playbook(PlaybookCall(path: path, params: context.templates(fields["params"], "params")))
        }
    }
}
