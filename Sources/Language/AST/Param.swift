import Diagnostics

/// The type of a parameter; decides how `--param k=v` is validated.
public enum ParamType: String, Sendable, Hashable, CaseIterable {
    case string, int, bool, duration, identifier, `enum`, file, url
}

/// A declared playbook parameter.
public struct Param: Sendable {
    public var name: Located<String>
    public var type: Located<ParamType>
    public var description: Located<String>?
    public var pattern: Located<String>?
    public var min: Located<Int>?
    public var max: Located<Int>?
    public var choices: [Located<String>]
    /// The default exactly as written; its type is checked against `type`.
    public var defaultValue: Located<ScalarValue>?
    public var secret: Bool
    public var range: SourceRange

    public var isRequired: Bool { defaultValue == nil }
}

/// An environment variable the playbook reads from the operator's environment.
public struct EnvVar: Sendable {
    public var name: Located<String>
    public var secret: Bool
    public var required: Bool
    public var defaultValue: Located<String>?
    public var description: Located<String>?
    public var range: SourceRange
}

/// A scalar as written in YAML, typed the way YAML 1.2's core schema reads it.
public enum ScalarValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case null

    public var description: String {
        switch self {
        case .string(let text): text
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .boolean(let value): String(value)
        case .null: "null"
        }
    }
}
