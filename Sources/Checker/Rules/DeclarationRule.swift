import Diagnostics
import Foundation
import Language

/// Params, env and patterns are well-formed: regexes compile, bounds are ordered, defaults fit.
struct DeclarationRule: PlaybookRule {
    static let pattern: RuleID = "invalid-pattern"
    static let defaultValue: RuleID = "invalid-default"
    static let declaration: RuleID = "invalid-declaration"

    static let descriptors = [
        RuleDescriptor(pattern, .error, "a `pattern` or `matches` that is not a valid regular expression"),
        RuleDescriptor(defaultValue, .error, "a param default that its own type, pattern, bounds or choices reject"),
        RuleDescriptor(declaration, .error, "a param whose fields do not fit its type (choices without enum, min > max …)"),
    ]

    func check(_ context: CheckContext) {
        for param in context.playbook.params { check(param, context) }
        for probe in context.playbook.preconditions + context.playbook.verify {
            for matches in [probe.expect?.stdout?.matches, probe.expect?.body?.matches].compactMap({ $0 }) {
                compile(matches, context)
            }
        }
    }

    private func check(_ param: Param, _ context: CheckContext) {
        let type = param.type.value
        if let pattern = param.pattern { compile(pattern, context) }
        if type == .enum, param.choices.isEmpty {
            context.error(Self.declaration, "enum param '\(param.name.value)' needs `choices`", at: param.type.range)
        }
        if type != .enum, let first = param.choices.first {
            context.error(Self.declaration, "`choices` only apply to enum params; '\(param.name.value)' is \(type.rawValue)",
                          at: first.range)
        }
        for bound in [param.min, param.max].compactMap({ $0 }) where type != .int {
            context.error(Self.declaration, "`min` and `max` only apply to int params; '\(param.name.value)' is \(type.rawValue)",
                          at: bound.range)
        }
        if let min = param.min, let max = param.max, min.value > max.value {
            context.error(Self.declaration, "min \(min.value) is greater than max \(max.value)", at: min.range)
        }
        if let pattern = param.pattern, type != .string, type != .identifier, type != .url {
            context.warning(Self.declaration, "a pattern on a \(type.rawValue) param is unusual", at: pattern.range)
        }
        guard let given = param.defaultValue else { return }
        let text: String
        switch given.value {
        case .null:
            context.error(Self.defaultValue, "a default cannot be empty; leave `default` out to make the param required",
                          at: given.range)
            return
        default:
            text = given.value.description
        }
        if case .string = given.value, type == .int || type == .bool {
            context.error(Self.defaultValue, "the default of '\(param.name.value)' is a quoted string; write it unquoted",
                          at: given.range)
            return
        }
        if let problem = ParamValidator.problem(with: text, for: param, checkFiles: false) {
            context.error(Self.defaultValue, "invalid default: \(problem)", at: given.range)
        }
    }

    private func compile(_ pattern: Located<String>, _ context: CheckContext) {
        do {
            _ = try NSRegularExpression(pattern: pattern.value)
        } catch {
            context.error(Self.pattern, "'\(pattern.value)' is not a valid regular expression", at: pattern.range)
        }
    }
}
