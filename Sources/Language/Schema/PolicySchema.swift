/// `runbook.policy.yaml`: roles, levels, effect rules and people, after `PolicyParser`.
enum PolicySchema {
    typealias K = SchemaKeywords

    static func document() -> JSONValue {
        K.object(
            "The runbook policy: who may run what, at which recovery level, with whose approval.",
            [
                "runbook": PlaybookSchema.version,
                "roles": K.map(of: role, "Roles by name (required); `includes` gives a role every power of the roles it names."),
                "levels": K.map(of: level, "Recovery levels by number (required): who runs each and whose approval it needs.",
                                keyPattern: "^[+-]?[0-9]+$"),
                "effects": [
                    "type": ["object", "null"],
                    "propertyNames": ["enum": .array(Effect.allCases.map { .string($0.rawValue) })],
                    "additionalProperties": effectRule,
                    "description": "Extra rules for steps of one effect (read, write, destructive).",
                ],
                "people": K.map(of: person, "Identities that may run or approve playbooks, by name."),
            ],
            required: ["runbook", "roles", "levels"],
            extra: ["$schema": .string(K.draft), "title": "runbook policy"])
    }

    static var role: JSONValue {
        [
            "anyOf": [
                ["type": "null"],
                K.object("A role.", [
                    "includes": K.stringList("Roles whose every power this role also holds."),
                    "description": K.text("What the role is, for humans."),
                ]),
            ],
            "description": "A role; empty means a role that includes no other.",
        ]
    }

    static var level: JSONValue {
        K.object(
            "A recovery level: who runs it and whose approval it needs.",
            [
                "title": K.text("What the level does, e.g. 'Tenant isolation'."),
                "executor": K.text("The lowest role that may run playbooks of this level (required)."),
                "approvals": K.stringList("Roles whose signed approval every playbook of this level needs."),
            ],
            required: ["executor"])
    }

    static var effectRule: JSONValue {
        K.object(
            "Extra rules for steps of this effect, e.g. destructive: level 3 and up, with IC approval.",
            [
                "min_level": K.integer("The lowest level whose playbooks may contain such a step."),
                "approvals": K.stringList("Roles whose signed approval a playbook with such a step needs."),
            ])
    }

    static var person: JSONValue {
        K.object(
            "An identity that may run or approve playbooks.",
            [
                "roles": K.stringList("The roles this person holds (required)."),
                "key": [
                    "type": "string", "pattern": "^ed25519:",
                    "description": "The public key, 'ed25519:BASE64'; `runbook keygen NAME` prints it.",
                ],
            ],
            required: ["roles"])
    }
}
