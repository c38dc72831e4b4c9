/// The playbook document and its declarations (`params`, `env`, `targets`), after
/// `PlaybookParser` and `DeclarationParser`.
enum PlaybookSchema {
    typealias K = SchemaKeywords

    static func document() -> JSONValue {
        K.object(
            "A runbook playbook: what to run during an incident, against which systems, who may run it, and how to verify recovery.",
            properties, required: ["runbook", "id", "title", "level", "authorization", "steps"],
            extra: ["$schema": .string(K.draft), "title": "runbook playbook", "$defs": .object(definitions())])
    }

    static let properties: [String: JSONValue] = [
        "runbook": version,
        "id": K.string("Unique in the repository: lowercase letters, digits, '-' and '_', starting with a letter (required).",
                       pattern: K.playbookIDPattern),
        "title": K.text("What the playbook does, e.g. 'Tenant isolation' (required)."),
        "level": K.integer("Recovery level; must exist in the policy (required)."),
        "severity": K.stringList("Incident severities this playbook answers, e.g. [P0, P1] (metadata)."),
        "summary": K.text("When to use it: the situation this playbook answers."),
        "impact": K.text("What running it costs, e.g. 'the affected school goes offline'."),
        "description": K.text("Longer notes for humans."),
        "triggers": K.stringList("Alert names this playbook answers (metadata, searchable)."),
        "timeout": K.ref("duration", "(added) Deadline for the whole run, e.g. 30m."),
        "authorization": K.ref("authorization", """
            Who may run it and whose signed approval it needs (required: the checker refuses a playbook \
            that does not say who may run it).
            """),
        "params": K.map(of: ["$ref": "#/$defs/param"],
                        "Typed inputs, given with --param NAME=VALUE and validated before anything runs.",
                        keyPattern: K.namePattern),
        "env": K.map(of: ["$ref": "#/$defs/envVar"],
                     "Environment variables the playbook reads; reference them as ${{ env.NAME }}.",
                     keyPattern: K.namePattern),
        "targets": K.map(of: ["$ref": "#/$defs/target"], "Named connections, one backend each.",
                         keyPattern: K.namePattern),
        "preconditions": K.list(of: ["$ref": "#/$defs/probe"],
                                "Probes; all must pass before the first step, else the run aborts before anything changes."),
        "steps": K.list(of: ["$ref": "#/$defs/step"], "What to do, in order (required, at least one).", minItems: 1),
        "verify": K.list(of: ["$ref": "#/$defs/probe"],
                         "Probes after the last step; a failure marks the run verification_failed."),
    ]

    /// `runbook: 1`, shared with the policy.
    static var version: JSONValue {
        [
            "type": "integer",
            "enum": .array(LanguageVersion.supported.sorted().map(JSONValue.integer)),
            "description": .string("Language version (required); this runbook understands \(LanguageVersion.current)."),
        ]
    }

    static func definitions() -> [String: JSONValue] {
        var defs: [String: JSONValue] = [
            "duration": [
                "type": "string", "pattern": .string(K.durationPattern),
                "description": "A duration: 500ms, 30s, 5m, 1h, 2d, or combinations such as 1h30m.",
            ],
            "authorization": K.object(
                "Who may run the playbook and whose signed approval it needs.",
                [
                    "executor": K.text("The lowest role that may run it (required)."),
                    "approvals": K.stringList("Roles whose signed approval is needed before any step runs."),
                ],
                required: ["executor"]),
            "param": param,
            "envVar": envVar,
            "target": target,
        ]
        defs.merge(StepSchema.definitions()) { $1 }
        defs.merge(ProbeSchema.definitions()) { $1 }
        return defs
    }

    static var param: JSONValue {
        let types = ParamType.allCases.map(\.rawValue).joined(separator: ", ")
        return K.object(
            "A typed input. A param without `default` is required.",
            [
                "type": K.choice(ParamType.self, """
                    The param's type (required): \(types). string takes a `pattern`, int `min` and `max`, \
                    enum `choices`; identifier is an SQL identifier (^[a-z_][a-z0-9_]{0,62}$); file must exist \
                    when the run starts.
                    """),
                "description": K.text("What the param is for, shown to the operator."),
                "pattern": K.text("A regular expression the value must match somewhere; anchor it with ^ and $ to match all of it."),
                "min": K.integer("The smallest allowed value (int params)."),
                "max": K.integer("The largest allowed value (int params)."),
                "choices": K.stringList("The allowed values (enum params)."),
                "default": K.text("The value when --param does not give one; without it the param is required."),
                "secret": K.boolean("When true, the value is shown as *** everywhere."),
            ],
            required: ["type"],
            extra: ["allOf": [
                when(type: "enum", then: ["required": ["choices"], "properties": ["choices": ["minItems": 1]]],
                     else: ["properties": ["choices": false]]),
                when(type: "int", then: ["properties": ["default": ["type": "integer"]]],
                     else: ["properties": ["min": false, "max": false]]),
                when(type: "bool", then: ["properties": ["default": ["type": "boolean"]]], else: nil),
                when(type: "duration", then: ["properties": ["default": [
                    "type": "string", "pattern": .string(K.durationPattern),
                ]]], else: nil),
                when(type: "identifier", then: ["properties": ["default": [
                    "type": ["string", "boolean"], "pattern": "^[a-z_][a-z0-9_]{0,62}$",
                ]]], else: nil),
            ]])
    }

    /// Checker rules on params (`DeclarationRule`, `ParamValidator`), so editors flag them as you type.
    private static func when(type: String, then: JSONValue, else otherwise: JSONValue?) -> JSONValue {
        var schema: [String: JSONValue] = [
            "if": ["properties": ["type": ["const": .string(type)]], "required": ["type"]],
            "then": then,
        ]
        if let otherwise { schema["else"] = otherwise }
        return .object(schema)
    }

    static var envVar: JSONValue {
        let fields = K.object(
            "An environment variable the playbook reads.",
            [
                "secret": K.boolean("When true, the value is shown as *** everywhere."),
                "required": K.boolean("Whether the variable must be set; true unless a `default` is given."),
                "default": K.text("(added) The value when the variable is not set."),
                "description": K.text("(added) What the variable holds, shown to the operator."),
            ])
        return [
            "anyOf": [["type": "null"], fields],
            "description": "An environment variable the playbook reads; empty means required and not secret.",
        ]
    }

    static var target: JSONValue {
        K.object(
            "A named connection that steps and probes address.",
            [
                "backend": [
                    "type": "string",
                    "enum": .array(ActionKind.allCases.compactMap(\.backend).map(JSONValue.string)),
                    "description": "The backend this target speaks (required): postgres, redis or http.",
                ],
                "url": K.text("Where to connect, e.g. \"${{ env.DATABASE_URL }}\"."),
                "headers": K.textMap("(added) HTTP headers sent with every request to this target."),
                "timeout": K.ref("duration", "(added) How long one call may take."),
                "description": K.text("(added) What the target is, for humans."),
            ],
            required: ["backend"])
    }
}
