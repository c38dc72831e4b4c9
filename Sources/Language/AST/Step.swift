import Diagnostics

/// What to do when a step fails.
public enum FailureAction: String, Sendable, Hashable, CaseIterable {
    case abort, `continue`, rollback
}

/// One step of a playbook: common fields plus exactly one action.
///
/// Every rule walks every step, so steps are copied a lot: the fields live in one shared,
/// immutable box, and a copy costs one reference count instead of one per string inside.
public struct Step: Sendable {
    public var id: Located<String> {
        get { storage.fields.id }
        set { update { $0.id = newValue } }
    }
    public var title: Located<String>? {
        get { storage.fields.title }
        set { update { $0.title = newValue } }
    }
    public var description: Located<String>? {
        get { storage.fields.description }
        set { update { $0.description = newValue } }
    }
    public var when: Expression? {
        get { storage.fields.when }
        set { update { $0.when = newValue } }
    }
    public var effect: Located<Effect>? {
        get { storage.fields.effect }
        set { update { $0.effect = newValue } }
    }
    public var confirm: Located<Bool>? {
        get { storage.fields.confirm }
        set { update { $0.confirm = newValue } }
    }
    public var idempotent: Located<Bool>? {
        get { storage.fields.idempotent }
        set { update { $0.idempotent = newValue } }
    }
    public var timeout: Located<Duration>? {
        get { storage.fields.timeout }
        set { update { $0.timeout = newValue } }
    }
    public var retry: Retry? {
        get { storage.fields.retry }
        set { update { $0.retry = newValue } }
    }
    public var onFailure: Located<FailureAction>? {
        get { storage.fields.onFailure }
        set { update { $0.onFailure = newValue } }
    }
    public var rollback: [Step] {
        get { storage.fields.rollback }
        set { update { $0.rollback = newValue } }
    }
    public var limits: Limits? {
        get { storage.fields.limits }
        set { update { $0.limits = newValue } }
    }
    public var action: Action {
        get { storage.fields.action }
        set { update { $0.action = newValue } }
    }
    /// The key naming the action (`shell:`, `postgres:` …), where effect findings point.
    public var actionRange: SourceRange {
        get { storage.fields.actionRange }
        set { update { $0.actionRange = newValue } }
    }
    public var range: SourceRange {
        get { storage.fields.range }
        set { update { $0.range = newValue } }
    }

    public var needsConfirmation: Bool { confirm?.value ?? false }
    public var isIdempotent: Bool { idempotent?.value ?? false }
    public var failureAction: FailureAction { onFailure?.value ?? .abort }

    private var storage: Storage

    init(
        id: Located<String>, title: Located<String>?, description: Located<String>?, when: Expression?,
        effect: Located<Effect>?, confirm: Located<Bool>?, idempotent: Located<Bool>?,
        timeout: Located<Duration>?, retry: Retry?, onFailure: Located<FailureAction>?, rollback: [Step],
        limits: Limits?, action: Action, actionRange: SourceRange, range: SourceRange
    ) {
        storage = Storage(Fields(
            id: id, title: title, description: description, when: when, effect: effect, confirm: confirm,
            idempotent: idempotent, timeout: timeout, retry: retry, onFailure: onFailure, rollback: rollback,
            limits: limits, action: action, actionRange: actionRange, range: range))
    }

    /// Changes a field in a box of this step's own; the others keep sharing theirs.
    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    private struct Fields: Sendable {
        var id: Located<String>
        var title: Located<String>?
        var description: Located<String>?
        var when: Expression?
        var effect: Located<Effect>?
        var confirm: Located<Bool>?
        var idempotent: Located<Bool>?
        var timeout: Located<Duration>?
        var retry: Retry?
        var onFailure: Located<FailureAction>?
        var rollback: [Step]
        var limits: Limits?
        var action: Action
        var actionRange: SourceRange
        var range: SourceRange
    }

    private final class Storage: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }
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
