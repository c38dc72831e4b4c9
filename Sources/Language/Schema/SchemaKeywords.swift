/// JSON Schema (draft 2020-12) building blocks shared by the playbook and policy schemas,
/// each mirroring one of the parser's readers (`ScalarReaders.swift`), so the schema accepts
/// exactly the YAML shapes the parser does.
enum SchemaKeywords {
    static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// `Duration(parsing:)`: one or more `<digits><unit>` parts, at most nine digits each.
    static let durationPattern = "^([0-9]{1,9}(ms|s|m|h|d))+$"
    /// `Identifier.isStepID`.
    static let stepIDPattern = "^[a-z][a-z0-9_]*$"
    /// `Identifier.isPlaybookID`.
    static let playbookIDPattern = "^[a-z][a-z0-9_-]*$"
    /// `Identifier.isName`: param, env and target names.
    static let namePattern = "^[A-Za-z_][A-Za-z0-9_]*$"

    /// Scalar types the parser reads as text: any non-null scalar (`title: 404` is the string "404").
    static let scalarTypes: JSONValue = ["string", "number", "boolean"]

    /// `ParseContext.string` and `.template`: any non-null scalar, `${{ }}` expressions included.
    static func text(_ description: String) -> JSONValue {
        ["type": scalarTypes, "description": .string(description)]
    }

    /// A string that must match `pattern` (ids and names, where a number would be refused too).
    static func string(_ description: String, pattern: String) -> JSONValue {
        ["type": "string", "pattern": .string(pattern), "description": .string(description)]
    }

    /// `ParseContext.int`: a plain whole number.
    static func integer(_ description: String, minimum: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer", "description": .string(description)]
        if let minimum { schema["minimum"] = .integer(minimum) }
        return .object(schema)
    }

    /// `ParseContext.number`: a plain integer or decimal.
    static func number(_ description: String) -> JSONValue {
        ["type": "number", "description": .string(description)]
    }

    /// `ParseContext.bool`: `true` or `false` (YAML 1.2, so not `yes`/`no`).
    static func boolean(_ description: String) -> JSONValue {
        ["type": "boolean", "description": .string(description)]
    }

    /// `ParseContext.choice`: one of the raw values of a `CaseIterable` enum.
    static func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ description: String) -> JSONValue
    where E.RawValue == String {
        ["type": "string", "enum": .array(type.allCases.map { .string($0.rawValue) }), "description": .string(description)]
    }

    /// `ParseContext.stringList`: a list of scalars, or a single scalar read as a list of one.
    static func stringList(_ description: String) -> JSONValue {
        [
            "type": ["array", "string", "number", "boolean"],
            "items": ["type": scalarTypes],
            "description": .string(description),
        ]
    }

    /// `ParseContext.templateList` and `.sequence`: a list (an empty value reads as no entries).
    static func list(of items: JSONValue, _ description: String, minItems: Int? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": ["array", "null"], "items": items, "description": .string(description)]
        if let minItems {
            schema["type"] = "array"
            schema["minItems"] = .integer(minItems)
        }
        return .object(schema)
    }

    /// `ParseContext.entries`: a mapping used as a dictionary (an empty value reads as no entries).
    static func map(of values: JSONValue, _ description: String, keyPattern: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": ["object", "null"], "additionalProperties": values, "description": .string(description),
        ]
        if let keyPattern { schema["propertyNames"] = ["pattern": .string(keyPattern)] }
        return .object(schema)
    }

    /// `ParseContext.templates`: `NAME: text` entries (`env:`, `headers:`, a called playbook's `params:`).
    static func textMap(_ description: String) -> JSONValue {
        map(of: ["type": scalarTypes], description)
    }

    /// A `$defs` reference, with the property's own hover text beside it.
    static func ref(_ name: String, _ description: String) -> JSONValue {
        ["$ref": .string("#/$defs/\(name)"), "description": .string(description)]
    }

    /// `ParseContext.fields`: a mapping with exactly these fields; unknown ones are errors.
    static func object(
        _ description: String, _ properties: [String: JSONValue], required: [String] = [],
        extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "object", "properties": .object(properties), "additionalProperties": false,
            "description": .string(description),
        ]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        schema.merge(extra) { $1 }
        return .object(schema)
    }

    /// Exactly one of `keys` is present (the other fields are unconstrained by this).
    static func exactlyOne(of keys: [String]) -> JSONValue {
        .array(keys.map { ["required": [.string($0)]] })
    }

    /// `first` and `second` exclude each other.
    static func notBoth(_ first: String, _ second: String) -> JSONValue {
        ["not": ["required": [.string(first), .string(second)]]]
    }
}
