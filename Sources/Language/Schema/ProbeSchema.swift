/// Probes (`preconditions`, `verify`) and their expectations, after `ProbeParser`.
enum ProbeSchema {
    typealias K = SchemaKeywords

    static func definitions() -> [String: JSONValue] {
        ["probe": probe, "hold": hold, "expect": expect, "textExpectation": textExpectation]
    }

    static var probe: JSONValue {
        let kinds = ActionKind.probeKinds.map(\.rawValue)
        var properties: [String: JSONValue] = [
            "name": K.text("What the probe checks, shown in the run (required)."),
            "expect": K.ref("expect", "What the result must satisfy; without it the call must merely succeed."),
            "retry": K.ref("retry", "Pass on any of several attempts; excludes 'hold'."),
            "hold": K.ref("hold", "Pass on every check for a whole span; excludes 'retry'."),
            "timeout": K.ref("duration", "(added) How long one check may take."),
        ]
        for kind in ActionKind.probeKinds {
            properties[kind.rawValue] = K.ref(kind.rawValue, StepSchema.summary(of: kind) + " Read-only in a probe.")
        }
        return K.object(
            "A precondition or verify check: name, one of \(kinds.joined(separator: ", ")), and optionally expect, retry or hold.",
            properties, required: ["name"],
            extra: ["oneOf": K.exactlyOne(of: kinds), "allOf": [K.notBoth("retry", "hold")]])
    }

    static var hold: JSONValue {
        K.object(
            "The probe must pass on every check for the whole span, e.g. 'stays GREEN for 5 minutes'.",
            [
                "for": K.ref("duration", "How long the probe must keep passing (required)."),
                "every": K.ref("duration", "How often it is checked (required)."),
            ],
            required: ["for", "every"])
    }

    static var expect: JSONValue {
        K.object(
            "What a probe's result must satisfy; every key given must hold.",
            [
                "exit_code": K.integer("shell: the script's exit status."),
                "stdout": K.ref("textExpectation", "shell: what the output must contain or match."),
                "status": K.integer("http: the response status, e.g. 200."),
                "json": K.object(
                    "http: a dot path into the JSON response and exactly one comparison.",
                    ["path": K.text("A dot path such as checks.db.status or items[0].id (required).")]
                        .merging(comparisons) { $1 },
                    required: ["path"], extra: ["minProperties": 2, "maxProperties": 2]),
                "value": K.object(
                    "postgres, redis: the first column of the first row, or the reply; exactly one comparison.",
                    comparisons, extra: ["minProperties": 1, "maxProperties": 1]),
                "body": K.ref("textExpectation", "http: what the response body must contain or match."),
                "latency_ms": K.object(
                    "http: how fast the response must come.",
                    ["less_than": K.number("The response time must be under this many milliseconds (required).")],
                    required: ["less_than"]),
            ])
    }

    /// `equals | in | greater_than | less_than`, of which `expect.json` and `expect.value` take one.
    static let comparisons: [String: JSONValue] = [
        "equals": ["description": "The value must equal this (any YAML value; strings may use ${{ }})."],
        "in": K.list(of: [:], "The value must equal one of these."),
        "greater_than": K.number("The value must be a number greater than this."),
        "less_than": K.number("The value must be a number less than this."),
    ]

    static var textExpectation: JSONValue {
        K.object(
            "Text the output must contain and/or a regular expression it must match.",
            [
                "contains": K.text("A substring the text must contain; may use ${{ }}."),
                "matches": K.text("A regular expression the text must match."),
            ],
            extra: ["minProperties": 1])
    }
}
