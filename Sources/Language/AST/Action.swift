import Diagnostics
import YAMLLoader

/// The single thing a step or probe does.
///
/// Indirect, so that a copy (rules read `step.action` over and over) is one reference count
/// rather than one per string of the action's fields.
public indirect enum Action: Sendable {
    case shell(ShellAction)
    case postgres(PostgresAction)
    case redis(RedisAction)
    case http(HTTPAction)
    case manual(ManualAction)
    case message(MessageAction)
    case wait(WaitAction)
    case playbook(PlaybookCall)

    /// The action's key in YAML, which is also its kind name.
    public var kind: ActionKind {
        switch self {
        case .shell: .shell
        case .postgres: .postgres
        case .redis: .redis
        case .http: .http
        case .manual: .manual
        case .message: .message
        case .wait: .wait
        case .playbook: .playbook
        }
    }

    /// The named target, for actions that address one.
    public var target: Located<String>? {
        switch self {
        case .postgres(let action): action.target
        case .redis(let action): action.target
        case .http(let action): action.target
        default: nil
        }
    }
}

/// Kinds of action; probes may use only the ones that talk to a backend.
public enum ActionKind: String, Sendable, Hashable, CaseIterable {
    case shell, postgres, redis, http, manual, message, wait, playbook

    public static let probeKinds: [ActionKind] = [.shell, .postgres, .redis, .http]

    /// The target backend this kind addresses, if it addresses one.
    public var backend: String? {
        switch self {
        case .postgres, .redis, .http: rawValue
        default: nil
        }
    }
}

/// `shell:` — a bash script; values reach it only through `env`.
public struct ShellAction: Sendable {
    public var run: Template
    /// The YAML scalar holding the script, so findings inside it map back to the file.
    public var runNode: YAMLNode
    public var env: [NamedTemplate]
    public var cwd: Template?
}

/// `postgres:` — `sql` (statements, no args) or `query` (one statement, bound `args`).
public struct PostgresAction: Sendable {
    public enum Body: Sendable {
        case sql(Template)
        case query(Template, args: [Template])
    }

    public var target: Located<String>
    public var body: Body
    /// The YAML scalar holding the SQL, so statement findings map back to the file.
    public var textNode: YAMLNode

    public var text: Template {
        switch body {
        case .sql(let text): text
        case .query(let text, _): text
        }
    }
}

/// `redis:` — one command as an argv list.
public struct RedisAction: Sendable {
    public var target: Located<String>
    public var command: [Template]
}

/// `http:` — one request against the target's base URL.
public struct HTTPAction: Sendable {
    public var target: Located<String>
    public var method: Located<String>
    public var path: Template
    public var headers: [NamedTemplate]
    public var body: Template?
    public var json: TemplateValue?
}

/// `manual:` — instructions and a checklist the operator confirms.
public struct ManualAction: Sendable {
    public var instructions: Template?
    public var checklist: [Template]
}

/// `message:` — a rendered communication template.
public struct MessageAction: Sendable {
    public var template: Template
    /// `stdout` or a file path.
    public var to: Template?
}

/// `wait:` — pause for a duration.
public struct WaitAction: Sendable {
    public var duration: Located<Duration>
}

/// `playbook:` — run another playbook as a child run.
public struct PlaybookCall: Sendable {
    public var path: Located<String>
    public var params: [NamedTemplate]
}

/// A YAML value whose strings may hold `${{ }}` (an HTTP `json:` body, an `equals:`).
public indirect enum TemplateValue: Sendable {
    case string(Template)
    case scalar(ScalarValue, SourceRange)
    case array([TemplateValue], SourceRange)
    case object([(key: String, value: TemplateValue)], SourceRange)

    /// Every template inside, depth first.
    public var templates: [Template] {
        switch self {
        case .string(let template): [template]
        case .scalar: []
        case .array(let items, _): items.flatMap(\.templates)
        case .object(let pairs, _): pairs.flatMap(\.value.templates)
        }
    }
}
