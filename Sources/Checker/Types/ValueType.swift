import Language

/// The static type of an expression. Identifier, url, file and enum are kinds of string;
/// `json` is a value only known at run time (rows, replies, response bodies).
indirect enum ValueType: Equatable, CustomStringConvertible {
    case string
    case identifier
    case url
    case file
    case enumeration([String])
    case integer
    case boolean
    case duration
    case null
    case json

    init(_ type: ParamType, choices: [String]) {
        switch type {
        case .string: self = .string
        case .int: self = .integer
        case .bool: self = .boolean
        case .duration: self = .duration
        case .identifier: self = .identifier
        case .enum: self = .enumeration(choices)
        case .file: self = .file
        case .url: self = .url
        }
    }

    var isStringLike: Bool {
        switch self {
        case .string, .identifier, .url, .file, .enumeration, .duration: true
        default: false
        }
    }

    /// Whether two values of these types may be compared with `==` or `<`.
    func isComparable(with other: ValueType) -> Bool {
        if self == .json || other == .json || self == .null || other == .null { return true }
        if isStringLike && other.isStringLike { return true }
        return self == other
    }

    var description: String {
        switch self {
        case .string: "string"
        case .identifier: "identifier"
        case .url: "url"
        case .file: "file"
        case .enumeration(let choices): "enum(\(choices.joined(separator: "|")))"
        case .integer: "int"
        case .boolean: "bool"
        case .duration: "duration"
        case .null: "null"
        case .json: "a run-time value"
        }
    }
}
