import BackendKit
import Language

/// Evaluates `${{ }}` expressions and renders templates against a run's bindings.
///
/// The checker has already resolved every name and type, so evaluation is total: a name
/// without a value (a skipped step's output) is null, never a crash.
public struct Evaluator: Sendable {
    public var bindings: Bindings

    public init(bindings: Bindings) {
        self.bindings = bindings
    }

    /// The template's text with every expression replaced by its value's text.
    public func render(_ template: Template) -> String {
        var out = ""
        for part in template.parts {
            switch part {
            case .text(let text): out += text
            case .expression(let expression): out += evaluate(expression).text
            }
        }
        return out
    }

    /// A template that is exactly one expression keeps the expression's value (a number stays a number).
    public func value(of template: Template) -> Value {
        if template.parts.count == 1, case .expression(let expression) = template.parts[0] {
            return evaluate(expression)
        }
        return .string(render(template))
    }

    public func value(of templateValue: TemplateValue) -> Value {
        switch templateValue {
        case .string(let template): value(of: template)
        case .scalar(let scalar, _): Self.value(of: scalar)
        case .array(let items, _): .array(items.map(value(of:)))
        case .object(let pairs, _): .object(Dictionary(pairs.map { ($0.key, value(of: $0.value)) }, uniquingKeysWith: { $1 }))
        }
    }

    public func evaluate(_ expression: Expression) -> Value {
        switch expression.kind {
        case .string(let text): return .string(text)
        case .integer(let value): return .int(value)
        case .boolean(let value): return .bool(value)
        case .null: return .null
        case .reference(let path): return resolve(path)
        case .unary(.not, let operand): return .bool(!Self.truthy(evaluate(operand)))
        case .binary(let op, let lhs, let rhs):
            switch op {
            case .and: return .bool(Self.truthy(evaluate(lhs)) && Self.truthy(evaluate(rhs)))
            case .or: return .bool(Self.truthy(evaluate(lhs)) || Self.truthy(evaluate(rhs)))
            case .equal: return .bool(Self.equal(evaluate(lhs), evaluate(rhs)))
            case .notEqual: return .bool(!Self.equal(evaluate(lhs), evaluate(rhs)))
            case .less: return .bool(Self.compare(evaluate(lhs), evaluate(rhs)).map { $0 < 0 } ?? false)
            case .lessOrEqual: return .bool(Self.compare(evaluate(lhs), evaluate(rhs)).map { $0 <= 0 } ?? false)
            case .greater: return .bool(Self.compare(evaluate(lhs), evaluate(rhs)).map { $0 > 0 } ?? false)
            case .greaterOrEqual: return .bool(Self.compare(evaluate(lhs), evaluate(rhs)).map { $0 >= 0 } ?? false)
            }
        case .call(let name, let arguments):
            let values = arguments.map(evaluate)
            switch name {
            case "ident": return .string(Self.quoteIdentifier(values.first?.text ?? ""))
            case "trim": return .string((values.first?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            case "lower": return .string((values.first?.text ?? "").lowercased())
            case "default":
                guard let first = values.first else { return .null }
                if first == .null || first == .string("") { return values.count > 1 ? values[1] : .null }
                return first
            default: return .null
            }
        }
    }

    private func resolve(_ path: [PathComponent]) -> Value {
        guard case .name(let root)? = path.first, path.count >= 2, case .name(let name) = path[1] else { return .null }
        var rest = path.dropFirst(2)
        var current: Value?
        switch root {
        case "params": current = bindings.params[name]
        case "env": current = bindings.env[name].map(Value.string)
        case "run": current = bindings.run[name]
        case "steps":
            guard case .name(let output)? = rest.first else {
                return bindings.steps[name].map { .object($0) } ?? .null
            }
            rest = rest.dropFirst()
            current = bindings.steps[name]?[output]
        default: current = nil
        }
        for component in rest {
            switch component {
            case .name(let key): current = current?[key]
            case .index(let index): current = current?[index]
            }
        }
        return current ?? .null
    }

    static func value(of scalar: ScalarValue) -> Value {
        switch scalar {
        case .string(let text): .string(text)
        case .integer(let value): .int(value)
        case .number(let value): .double(value)
        case .boolean(let value): .bool(value)
        case .null: .null
        }
    }

    static func truthy(_ value: Value) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .double(let number): number != 0
        case .string(let text): !text.isEmpty && text != "false"
        case .array(let items): !items.isEmpty
        case .object(let fields): !fields.isEmpty
        }
    }

    /// Numbers compare by value (`1 == 1.0 == "1"` when one side is a number); the rest exactly.
    static func equal(_ lhs: Value, _ rhs: Value) -> Bool {
        if lhs == rhs { return true }
        switch (lhs, rhs) {
        case (.int, _), (.double, _), (_, .int), (_, .double):
            if let a = lhs.number, let b = rhs.number { return a == b }
            return false
        case (.bool(let flag), .string(let text)), (.string(let text), .bool(let flag)):
            return text == String(flag)
        default:
            return false
        }
    }

    static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        if let a = lhs.number, let b = rhs.number { return a < b ? -1 : (a > b ? 1 : 0) }
        if case .string(let a) = lhs, case .string(let b) = rhs { return a < b ? -1 : (a > b ? 1 : 0) }
        return nil
    }

    /// PostgreSQL's quoting of an identifier: `"name"` with inner quotes doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
