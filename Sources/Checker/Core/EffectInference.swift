import Diagnostics
import Language

/// What the checker infers an action does, with the evidence that decided it.
struct InferredEffect {
    var effect: Effect
    /// Why, in words: "DELETE without WHERE removes every row".
    var reason: String
    /// The statement, command or pattern that decided it, when it has a place.
    var evidence: SourceRange?
    /// A Redis command the table does not know; reported so the table can grow.
    var unknownCommand: Located<String>?
}

/// Infers effects from the text of steps (§5), independent of what the author declared.
struct EffectInference {
    let source: SourceFile
    let callees: CalleeResolver
    let callerPath: String
    var depth = 0
    /// Shared by the whole call tree, so each callee is inferred once per depth.
    var calleeEffects = CalleeEffectCache()

    func infer(_ action: Action) -> InferredEffect {
        switch action {
        case .shell(let shell):
            let script = ScriptText(node: shell.runNode, source: source)
            let findings = ShellEffects.findings(in: script.text)
            if let worst = findings.max(by: { $0.effect < $1.effect }), worst.effect == .destructive {
                return InferredEffect(effect: .destructive, reason: worst.reason,
                                      evidence: script.range(ofBytes: worst.range))
            }
            if findings.isEmpty {  // what ShellEffects.isReadOnly says, without analysing the script again
                return InferredEffect(effect: .read, reason: "every command only reads")
            }
            let reason = findings.first?.reason ?? "a shell script can change anything unless it only runs read-only commands"
            return InferredEffect(effect: .write, reason: reason,
                                  evidence: findings.first.map { script.range(ofBytes: $0.range) })
        case .postgres(let postgres):
            let sql = ScriptText(node: postgres.textNode, source: source)
            guard let strongest = SQLEffects.strongestStatement(in: sql.text) else {
                return InferredEffect(effect: .read, reason: "no SQL statement")
            }
            return InferredEffect(effect: strongest.effect, reason: strongest.reason,
                                  evidence: sql.range(ofBytes: strongest.range))
        case .redis(let redis):
            let argv = redis.command.map { $0.literal ?? "x" }
            guard let name = redis.command.first else { return InferredEffect(effect: .read, reason: "no command") }
            guard let literal = name.literal else {
                return InferredEffect(effect: .destructive, reason: "the command name is computed at run time",
                                      evidence: name.range)
            }
            guard let classified = RedisEffects.classify(argv) else {
                return InferredEffect(effect: .write, reason: "'\(literal)' is not in the Redis command table",
                                      evidence: name.range, unknownCommand: Located(literal, at: name.range))
            }
            return InferredEffect(effect: classified.effect, reason: classified.reason, evidence: name.range)
        case .http(let http):
            let method = http.method.value
            if method == "GET" || method == "HEAD" || method == "OPTIONS" {
                return InferredEffect(effect: .read, reason: "\(method) requests only read")
            }
            return InferredEffect(effect: .write, reason: "\(method) requests change the server", evidence: http.method.range)
        case .manual, .message, .wait:
            return InferredEffect(effect: .read, reason: "it changes nothing by itself")
        case .playbook(let call):
            guard depth < 8, let callee = callees.load(call.path.value, callerPath) else {
                return InferredEffect(effect: .read, reason: "the called playbook could not be read")
            }
            let strongest = calleeEffects.entry(for: callee.path, depth: depth) { strongestStep(of: callee) }
            guard let stepID = strongest.stepID else {
                return InferredEffect(effect: .read, reason: "'\(call.path.value)' only reads")
            }
            return InferredEffect(effect: strongest.effect,
                                  reason: "'\(call.path.value)' has a \(strongest.effect.rawValue) step '\(stepID)'",
                                  evidence: call.path.range)
        }
    }

    /// The first of the callee's steps with its strongest effect, its own calls inferred one level deeper.
    private func strongestStep(of callee: Playbook) -> CalleeEffectCache.Entry {
        let inner = EffectInference(source: Self.sourceOf(callee) ?? source, callees: callees,
                                    callerPath: callee.path, depth: depth + 1, calleeEffects: calleeEffects)
        var strongest = CalleeEffectCache.Entry(effect: .read, stepID: nil)
        for step in callee.allSteps {
            let stepEffect = max(step.effect?.value ?? .read, inner.infer(step.action).effect)
            if stepEffect > strongest.effect {
                strongest = CalleeEffectCache.Entry(effect: stepEffect, stepID: step.id.value)
            }
        }
        return strongest
    }

    /// Callee positions come from the callee's own file.
    private static func sourceOf(_ playbook: Playbook) -> SourceFile? {
        guard case .bytes(let bytes)? = try? FileBytes.read(playbook.path) else { return nil }
        return SourceFile(path: playbook.path, bytes: bytes)
    }
}
