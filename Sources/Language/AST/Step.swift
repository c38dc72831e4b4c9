import Diagnostics

/// What to do when a step fails.
public enum FailureAction: String, Sendable, Hashable, CaseIterable {
    case abort, `continue`, rollback
}

/// One step of a playbook: common fields plus exactly one action.
public struct Step: Sendable {
    public var id: Located<String>
    public var title: Located<String>?
    public var description: Located<String>?
    public var when: Expression?
    public var effect: Located<Effect>?
    public var confirm: Located<Bool>?
    public var idempotent: Located<Bool>?
    public var timeout: Located<Duration>?
    public var retry: Retry?
    public var onFailure: Located<FailureAction>?
    public var rollback: [Step]
    public var limits: Limits?
    public var action: Action
    /// The key naming the action (`shell:`, `postgres:` …), where effect findings point.
    public var actionRange: SourceRange
    public var range: SourceRange

    public var needsConfirmation: Bool { confirm?.value ?? false }
    public var isIdempotent: Bool { idempotent?.value ?? false }
    public var failureAction: FailureAction { onFailure?.value ?? .abort }
}

/// Retry policy of a step or probe.
public struct Retry: Sendable {
    public enum Backoff: String, Sendable, Hashable, CaseIterable { case constant, exponential }

    public var attempts: Located<Int>
    public var interval: Located<Duration>?
    public var backoff: Located<Backoff>?
    public var range: SourceRange
}

/// A blast-radius budget: the step fails, and its change is undone, past these counts.
public struct Limits: Sendable {
    public var maxRows: Located<Int>?
    public var maxKeys: Located<Int>?
    public var range: SourceRange
}
