import Diagnostics
import Language

/// Resolves every name in an expression and infers its type, reporting what does not fit.
struct ExpressionTyper {
    static let descriptors = [
        RuleDescriptor(unresolved, .error, "a name that is not declared: params.X, env.X, steps.ID.OUTPUT or run.X"),
        RuleDescriptor(stepOrder, .error, "a step's output read before (or by) that step"),
        RuleDescriptor(unknownOutput, .error, "a step output that the step's kind does not have"),
        RuleDescriptor(typeMismatch, .error, "an operator, function or condition given a value of the wrong type"),
        RuleDescriptor(unknownFunction, .error, "a function other than ident, trim, lower and default"),
    ]
    static let unresolved: RuleID = "unresolved-reference"
    static let stepOrder: RuleID = "step-order"
    static let unknownOutput: RuleID = "unknown-output"
    static let typeMismatch: RuleID = "type-mismatch"
    static let unknownFunction: RuleID = "unknown-function"

    static let functions = ["ident": 1, "trim": 1, "lower": 1, "default": 2]

    let scope: Scope
    let context: CheckContext

    /// The type of `expression` and whether it carries a secret; nil type when unknown after an error.
    struct Typed {
        var type: ValueType?
        var secret: Bool
    }

    func type(of expression: Expression) -> Typed {
        switch expression.kind {
        case .string: return Typed(type: .string, secret: false)
        case .integer: return Typed(type: .integer, secret: false)
        case .boolean: return Typed(type: .boolean, secret: false)
        case .null: return Typed(type: .null, secret: false)
        case .reference(let path): return reference(path, at: expression)
        case .unary(_, let operand):
            let typed = type(of: operand)
            expect(typed, .boolean, at: operand, "'!' needs a boolean")
            return Typed(type: .boolean, secret: typed.secret)
        case .binary(let op, let lhs, let rhs):
            let left = type(of: lhs)
            let right = type(of: rhs)
            let secret = left.secret || right.secret
            switch op {
            case .and, .or:
                expect(left, .boolean, at: lhs, "'\(op.rawValue)' needs booleans")
                expect(right, .boolean, at: rhs, "'\(op.rawValue)' needs booleans")
            default:
                if let l = left.type, let r = right.type, !l.isComparable(with: r) {
                    context.error(Self.typeMismatch, "cannot compare \(l) with \(r) using '\(op.rawValue)'",
                                  at: expression.range)
                } else if [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op),
                          let l = left.type, l == .boolean
                {
                    context.error(Self.typeMismatch, "'\(op.rawValue)' orders numbers and strings, not booleans",
                                  at: expression.range)
                }
            }
            return Typed(type: .boolean, secret: secret)
        case .call(let name, let arguments):
            return call(name, arguments, at: expression)
        }
    }

    /// Checks a `when:` condition: it must be a boolean.
    func checkCondition(_ expression: Expression) {
        let typed = type(of: expression)
        if let type = typed.type, type != .boolean, type != .json {
            context.error(Self.typeMismatch, "a 'when' condition must be true or false, but this is \(type)",
                          at: expression.range,
                          notes: [DiagnosticNote("compare it, e.g. `\(expression) == 'value'`")])
        }
    }

    private func expect(_ typed: Typed, _ wanted: ValueType, at expression: Expression, _ message: String) {
        guard let type = typed.type, type != wanted, type != .json else { return }
        context.error(Self.typeMismatch, "\(message), found \(type)", at: expression.range)
    }

    private func call(_ name: String, _ arguments: [Expression], at expression: Expression) -> Typed {
        let typed = arguments.map(type(of:))
        let secret = typed.contains { $0.secret }
        guard let arity = Self.functions[name] else {
            var notes = [DiagnosticNote("functions: \(Self.functions.keys.sorted().joined(separator: ", "))")]
            if let guess = Suggestion.closest(to: name, in: Self.functions.keys) {
                notes.insert(DiagnosticNote("did you mean '\(guess)'?"), at: 0)
            }
            context.error(Self.unknownFunction, "unknown function '\(name)'", at: expression.range, notes: notes)
            return Typed(type: nil, secret: secret)
        }
        guard arguments.count == arity else {
            context.error(Self.typeMismatch,
                          "'\(name)' takes \(arity) argument\(arity == 1 ? "" : "s"), found \(arguments.count)",
                          at: expression.range)
            return Typed(type: nil, secret: secret)
        }
        switch name {
        case "ident":
            if let type = typed[0].type, type != .identifier {
                context.error(Self.typeMismatch,
                              "ident() quotes an SQL identifier and needs an identifier-typed value, found \(type)",
                              at: arguments[0].range,
                              notes: [DiagnosticNote("declare the param with `type: identifier`")])
            }
            return Typed(type: .string, secret: secret)
        case "trim", "lower":
            if let type = typed[0].type, !type.isStringLike, type != .json {
                context.error(Self.typeMismatch, "\(name)() needs a string, found \(type)", at: arguments[0].range)
            }
            if name == "lower", typed[0].type == .identifier { return Typed(type: .identifier, secret: secret) }
            return Typed(type: .string, secret: secret)
        default:
            let (first, second) = (typed[0].type, typed[1].type)
            if let first, let second, !first.isComparable(with: second) {
                context.error(Self.typeMismatch, "default() needs two values of one type, found \(first) and \(second)",
                              at: expression.range)
            }
            return Typed(type: first == .null ? second : first, secret: secret)
        }
    }

    private func reference(_ path: [PathComponent], at expression: Expression) -> Typed {
        guard case .name(let root)? = path.first else {
            context.error(Self.unresolved, "a reference starts with params, env, steps or run", at: expression.range)
            return Typed(type: nil, secret: false)
        }
        let rest = Array(path.dropFirst())
        switch root {
        case "params":
            guard case .name(let name)? = rest.first else { return missingName("params", at: expression) }
            guard let param = scope.params[name] else {
                return unknown("param '\(name)'", among: scope.params.keys, name: name, at: expression,
                               hint: "declare it under params:")
            }
            return member(of: param.type, rest.dropFirst(), secret: param.secret, at: expression)
        case "env":
            guard case .name(let name)? = rest.first else { return missingName("env", at: expression) }
            guard let secret = scope.env[name] else {
                return unknown("env var '\(name)'", among: scope.env.keys, name: name, at: expression,
                               hint: "declare it under env:")
            }
            return member(of: .string, rest.dropFirst(), secret: secret, at: expression)
        case "run":
            guard case .name(let name)? = rest.first, let type = StepOutputs.run[name] else {
                context.error(Self.unresolved, "unknown run field in '\(PathComponentText.render(path))'",
                              at: expression.range,
                              notes: [DiagnosticNote("run has: \(StepOutputs.run.keys.sorted().joined(separator: ", "))")])
                return Typed(type: nil, secret: false)
            }
            return member(of: type, rest.dropFirst(), secret: false, at: expression)
        case "steps":
            return stepOutput(rest, at: expression)
        default:
            var notes = [DiagnosticNote("references start with params, env, steps or run")]
            if let guess = Suggestion.closest(to: root, in: ["params", "env", "steps", "run"]) {
                notes.insert(DiagnosticNote("did you mean '\(guess)'?"), at: 0)
            }
            context.error(Self.unresolved, "unknown name '\(root)'", at: expression.range, notes: notes)
            return Typed(type: nil, secret: false)
        }
    }

    private func stepOutput(_ rest: [PathComponent], at expression: Expression) -> Typed {
        guard case .name(let id)? = rest.first else { return missingName("steps", at: expression) }
        if let reason = scope.stepsUnavailableReason {
            context.error(Self.stepOrder, "steps.\(id) cannot be read here: \(reason)", at: expression.range)
            return Typed(type: nil, secret: false)
        }
        guard let kind = scope.earlierSteps[id] else {
            if scope.allSteps[id] != nil {
                context.error(Self.stepOrder, "step '\(id)' has not run yet at this point", at: expression.range,
                              notes: [DiagnosticNote("a step can read only the outputs of steps before it")])
            } else {
                _ = unknown("step '\(id)'", among: scope.allSteps.keys, name: id, at: expression, hint: nil)
            }
            return Typed(type: nil, secret: false)
        }
        let outputs = StepOutputs.outputs(of: kind)
        if kind == .playbook { return Typed(type: .json, secret: false) }
        guard case .name(let output)? = rest.dropFirst().first else {
            context.error(Self.unknownOutput, "name an output of step '\(id)'", at: expression.range,
                          notes: [DiagnosticNote("\(kind.rawValue) steps have: \(outputs.keys.sorted().joined(separator: ", "))")])
            return Typed(type: nil, secret: false)
        }
        guard let type = outputs[output] else {
            var notes = [DiagnosticNote(outputs.isEmpty ? "\(kind.rawValue) steps have no outputs"
                                        : "\(kind.rawValue) steps have: \(outputs.keys.sorted().joined(separator: ", "))")]
            if let guess = Suggestion.closest(to: output, in: outputs.keys) {
                notes.insert(DiagnosticNote("did you mean '\(guess)'?"), at: 0)
            }
            context.error(Self.unknownOutput, "step '\(id)' (\(kind.rawValue)) has no output '\(output)'",
                          at: expression.range, notes: notes)
            return Typed(type: nil, secret: false)
        }
        return member(of: type, rest.dropFirst(2), secret: false, at: expression)
    }

    /// Member access and indexing are allowed on run-time values only.
    private func member(of type: ValueType, _ rest: ArraySlice<PathComponent>, secret: Bool, at expression: Expression) -> Typed {
        guard !rest.isEmpty else { return Typed(type: type, secret: secret) }
        guard type == .json else {
            context.error(Self.typeMismatch, "\(type) has no fields or elements: '\(PathComponentText.render(Array(rest)))'",
                          at: expression.range)
            return Typed(type: nil, secret: secret)
        }
        return Typed(type: .json, secret: secret)
    }

    private func missingName(_ root: String, at expression: Expression) -> Typed {
        context.error(Self.unresolved, "'\(root)' needs a name after it, e.g. \(root).NAME", at: expression.range)
        return Typed(type: nil, secret: false)
    }

    private func unknown<S: Sequence>(
        _ what: String, among names: S, name: String, at expression: Expression, hint: String?
    ) -> Typed where S.Element == String {
        var notes: [DiagnosticNote] = []
        if let guess = Suggestion.closest(to: name, in: names) {
            notes.append(DiagnosticNote("did you mean '\(guess)'?"))
        } else if let hint {
            notes.append(DiagnosticNote(hint))
        }
        context.error(Self.unresolved, "unknown \(what)", at: expression.range, notes: notes)
        return Typed(type: nil, secret: false)
    }
}

/// Prints a path for messages.
enum PathComponentText {
    static func render(_ components: [PathComponent]) -> String {
        Expression(kind: .reference(components), range: SourceRange(at: SourceLocation(file: "", line: 0, column: 0)))
            .referencePath ?? ""
    }
}
