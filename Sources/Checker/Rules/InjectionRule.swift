import Diagnostics
import Language

/// §4 injection safety: values reach scripts through `env:`, SQL through `args` or `ident()`,
/// and secrets stay out of messages and URL paths.
struct InjectionRule: PlaybookRule {
    static let shell: RuleID = "shell-interpolation"
    static let sql: RuleID = "sql-interpolation"
    static let secret: RuleID = "secret-flow"

    static let descriptors = [
        RuleDescriptor(shell, .error, "`${{ }}` inside `shell.run`: pass values through `env:` instead"),
        RuleDescriptor(sql, .error, "`${{ }}` in SQL other than `ident()` of an identifier: bind values with `args`"),
        RuleDescriptor(secret, .error, "a secret value flowing into a `message` template or an HTTP path"),
    ]

    func check(_ context: CheckContext) {
        let scope = context.scope
        for step in context.allSteps { check(step.action, scope, context) }
        for probe in context.playbook.preconditions + context.playbook.verify { check(probe.action, scope, context) }
    }

    private func check(_ action: Action, _ scope: Scope, _ context: CheckContext) {
        switch action {
        case .shell(let shell):
            for expression in shell.run.expressions {
                let name = suggestedVariable(for: expression)
                context.error(Self.shell, "a shell script cannot interpolate '${{ \(expression) }}'",
                              at: expression.range,
                              notes: [DiagnosticNote("pass it through env: `env: { \(name): \"${{ \(expression) }}\" }` and write \"$\(name)\" in the script; values spliced into script text can run as code")])
            }
        case .postgres(let postgres):
            for expression in postgres.text.expressions where !isIdentQuote(expression, scope) {
                let binding: String
                switch postgres.body {
                case .sql: binding = "use `query:` (one statement) with `args: [\"${{ \(expression) }}\"]` and write $1 in the SQL"
                case .query(_, let args): binding = "add it to `args:` and write $\(args.count + 1) in the SQL"
                }
                context.error(Self.sql, "SQL text cannot interpolate '${{ \(expression) }}'", at: expression.range,
                              notes: [DiagnosticNote(binding),
                                      DiagnosticNote("only `ident(x)` of an identifier-typed param may stand in SQL text, for a schema or table name")])
            }
        case .message(let message):
            reportSecrets(in: message.template, "a message template", scope, context)
        case .http(let http):
            reportSecrets(in: http.path, "an HTTP path", scope, context)
        default:
            break
        }
    }

    /// `ident(params.X)`; whether X is identifier-typed is the type checker's finding.
    private func isIdentQuote(_ expression: Expression, _ scope: Scope) -> Bool {
        guard case .call("ident", let arguments) = expression.kind, arguments.count == 1,
              case .reference(let path) = arguments[0].kind
        else { return false }
        return path.first == .name("params")
    }

    private func reportSecrets(in template: Template, _ what: String, _ scope: Scope, _ context: CheckContext) {
        for expression in template.expressions where references(secretIn: expression, scope) {
            context.error(Self.secret, "a secret value would be written into \(what): '${{ \(expression) }}'",
                          at: expression.range,
                          notes: [DiagnosticNote("secrets never reach terminals, logs, journals or reports; send it in a header or body instead, or drop it")])
        }
    }

    private func references(secretIn expression: Expression, _ scope: Scope) -> Bool {
        switch expression.kind {
        case .reference(let path):
            guard path.count >= 2, case .name(let root) = path[0], case .name(let name) = path[1] else { return false }
            if root == "params" { return scope.params[name]?.secret ?? false }
            if root == "env" { return scope.env[name] ?? false }
            return false
        case .call(_, let arguments): return arguments.contains { references(secretIn: $0, scope) }
        case .unary(_, let operand): return references(secretIn: operand, scope)
        case .binary(_, let lhs, let rhs): return references(secretIn: lhs, scope) || references(secretIn: rhs, scope)
        default: return false
        }
    }

    private func suggestedVariable(for expression: Expression) -> String {
        guard case .reference(let path) = expression.kind, case .name(let last)? = path.last else { return "VALUE" }
        return last.uppercased()
    }
}
