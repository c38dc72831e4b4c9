/// Steps, their actions and `retry`, after `StepParser` and `ActionParser`.
enum StepSchema {
    typealias K = SchemaKeywords

    /// Methods `ActionParser` knows; it upper-cases what is written first.
    static let httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    static func definitions() -> [String: JSONValue] {
        var defs: [String: JSONValue] = ["step": step, "retry": retry, "limits": limits]
        for kind in ActionKind.allCases {
            defs[kind.rawValue] = action(kind)
        }
        return defs
    }

    static var step: JSONValue {
        var properties: [String: JSONValue] = [
            "id": K.string("""
                Unique across the playbook, rollback steps included; [a-z][a-z0-9_]* so its outputs \
                read as steps.ID.OUTPUT (required).
                """, pattern: K.stepIDPattern),
            "title": K.text("What the step does, shown while it runs."),
            "description": K.text("Longer notes for humans."),
            "when": [
                "type": ["string", "boolean"], "minLength": 1,
                "description": "A boolean expression, bare or in ${{ }}; when false the step is skipped.",
            ],
            "effect": K.choice(Effect.self, """
                What the step can do: read < write < destructive. The checker infers it too; \
                declaring less than it infers is an error.
                """),
            "confirm": K.boolean("Ask the operator right before running this step."),
            "idempotent": K.boolean("Safe to run again when a run is resumed."),
            "timeout": K.ref("duration", "How long the step may take."),
            "retry": K.ref("retry", "Run the step again when it fails: attempts, interval, backoff."),
            "on_failure": K.choice(FailureAction.self,
                                   "What a failure does: abort (the default), continue, or rollback."),
            "rollback": K.list(of: ["$ref": "#/$defs/step"],
                               "Steps run, newest first, when a later failure asks for rollback."),
            "limits": K.ref("limits", "A blast-radius budget: max_rows for postgres, max_keys for redis."),
        ]
        for kind in ActionKind.allCases {
            properties[kind.rawValue] = K.ref(kind.rawValue, summary(of: kind))
        }
        let kinds = ActionKind.allCases.map(\.rawValue)
        return K.object(
            "One step: common fields and exactly one action (\(kinds.joined(separator: ", "))).",
            properties, required: ["id"], extra: ["oneOf": K.exactlyOne(of: kinds)])
    }

    /// Hover text for an action key: what it does and the outputs it leaves in `steps.ID`.
    static func summary(of kind: ActionKind) -> String {
        switch kind {
        case .shell: "Run a bash script. Outputs: exit_code, stdout, stderr."
        case .postgres: "Run SQL against a postgres target. Outputs: rows, value, row_count."
        case .redis: "Send one command to a redis target. Outputs: reply, value."
        case .http: "Send one request to an http target. Outputs: status, body, json, latency_ms."
        case .manual: "Stop and ask the operator to do something and confirm it. Output: confirmed_by."
        case .message: "Render a communication template (to stdout or a file). Output: text."
        case .wait: "Pause for a duration."
        case .playbook: "Run another playbook as a child run in the same journal; its outputs become this step's."
        }
    }

    static var retry: JSONValue {
        K.object(
            "Run again on failure: a step retries until it succeeds, a probe passes on any attempt.",
            [
                "attempts": K.integer("How many attempts in all (required)."),
                "interval": K.ref("duration", "The pause between attempts."),
                "backoff": K.choice(Retry.Backoff.self, "constant (the default) or exponential intervals."),
            ],
            required: ["attempts"])
    }

    static var limits: JSONValue {
        K.object(
            "A blast-radius budget: past it the step fails and its change is undone.",
            [
                "max_rows": K.integer("""
                    Postgres: the step runs in one transaction that is rolled back, failing the step, \
                    when more rows are affected.
                    """),
                "max_keys": K.integer("Redis: the most keys a deleting command may remove."),
            ])
    }

    static func action(_ kind: ActionKind) -> JSONValue {
        let about = summary(of: kind)
        let target = K.text("The name of a \(kind.backend ?? "") target declared under `targets` (required).")
        switch kind {
        case .shell:
            return K.object(about, [
                "run": K.text("The bash script (required). It takes no ${{ }}: values reach it through env."),
                "env": K.textMap("Environment variables for the script; values may use ${{ }}."),
                "cwd": K.text("The folder the script runs in."),
            ], required: ["run"])
        case .postgres:
            return K.object(about, [
                "target": target,
                "sql": K.text("""
                    One or more statements, no args. ${{ }} only as ident(…) of an identifier param; \
                    give 'sql' or 'query'.
                    """),
                "query": K.text("One statement whose values are bound from args as $1, $2 …; give 'sql' or 'query'."),
                "args": K.list(of: ["type": K.scalarTypes], "Values bound to $1, $2 … of the query."),
            ], required: ["target"], extra: [
                "oneOf": K.exactlyOne(of: ["sql", "query"]),
                "dependentRequired": ["args": ["query"]],
            ])
        case .redis:
            return K.object(about, [
                "target": target,
                "command": K.list(of: ["type": K.scalarTypes], """
                    The command as an argv list, e.g. [SET, "tenant:blocked:${{ params.tenant }}", "true", EX, 3600]; \
                    an element with ${{ }} stays one argument (required).
                    """, minItems: 1),
            ], required: ["target", "command"])
        case .http:
            return K.object(about, [
                "target": target,
                "method": method,
                "path": K.text("The path under the target's url (default /)."),
                "headers": K.textMap("Request headers; values may use ${{ }}."),
                "body": K.text("A text body; give 'body' or 'json', not both."),
                "json": ["description": "A JSON body written as YAML; its strings may use ${{ }}. Give 'body' or 'json', not both."],
            ], required: ["target"], extra: ["allOf": [K.notBoth("body", "json")]])
        case .manual:
            return K.object(about, [
                "instructions": K.text("What the operator should do."),
                "checklist": K.list(of: ["type": K.scalarTypes], "Items the operator confirms one by one."),
            ], extra: ["anyOf": [["required": ["instructions"]], ["required": ["checklist"]]]])
        case .message:
            return K.object(about, [
                "template": K.text("The text, with ${{ }} expressions (required)."),
                "to": K.text("stdout (the default) or a file path."),
            ], required: ["template"])
        case .wait:
            return K.object(about, ["for": K.ref("duration", "How long to wait (required).")], required: ["for"])
        case .playbook:
            return K.object(about, [
                "path": K.text("The playbook to run, relative to this one (required)."),
                "params": K.textMap("Params for the called playbook; values may use ${{ }}."),
            ], required: ["path"])
        }
    }

    /// Any case of a known method: the enum is there for completion, the pattern for `post`.
    static var method: JSONValue {
        let caseless = httpMethods.map { name in
            name.map { "[\($0)\($0.lowercased())]" }.joined()
        }
        return [
            "anyOf": [
                ["enum": .array(httpMethods.map(JSONValue.string))],
                ["type": "string", "pattern": .string("^(\(caseless.joined(separator: "|")))$")],
            ],
            "description": .string("The HTTP method (default GET): \(httpMethods.joined(separator: ", ")), in any case."),
        ]
    }
}
