import Diagnostics

/// A parsed playbook: everything in one `runbook: 1` file, with positions.
public struct Playbook: Sendable {
    public var path: String
    public var range: SourceRange
    public var version: Located<Int>
    public var id: Located<String>
    public var title: Located<String>
    public var level: Located<Int>
    public var severity: [Located<String>]
    public var summary: Located<String>?
    public var impact: Located<String>?
    public var description: Located<String>?
    public var triggers: [Located<String>]
    /// The whole run's deadline, if any.
    public var timeout: Located<Duration>?
    public var authorization: Authorization?
    public var params: [Param]
    public var env: [EnvVar]
    public var targets: [Target]
    public var preconditions: [Probe]
    public var steps: [Step]
    public var verify: [Probe]

    /// Every step, including rollback steps, in source order.
    public var allSteps: [Step] {
        var out: [Step] = []
        func visit(_ steps: [Step]) {
            for step in steps {
                out.append(step)
                visit(step.rollback)
            }
        }
        visit(steps)
        return out
    }

    public func param(named name: String) -> Param? { params.first { $0.name.value == name } }
    public func envVar(named name: String) -> EnvVar? { env.first { $0.name.value == name } }
    public func target(named name: String) -> Target? { targets.first { $0.name.value == name } }
}

/// Who may run a playbook and whose signed approval it needs.
public struct Authorization: Sendable {
    public var executor: Located<String>?
    public var approvals: [Located<String>]
    public var range: SourceRange
}

/// A named connection that steps and probes address; one backend each.
public struct Target: Sendable {
    public var name: Located<String>
    public var backend: Located<String>
    public var url: Template?
    public var headers: [NamedTemplate]
    public var timeout: Located<Duration>?
    public var description: Located<String>?
    public var range: SourceRange
}

/// A `name: template` entry of an `env:`, `headers:` or `params:` map.
public struct NamedTemplate: Sendable {
    public var name: Located<String>
    public var value: Template
}
