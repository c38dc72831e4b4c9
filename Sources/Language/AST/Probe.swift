import Diagnostics

/// A precondition or verify check: one backend call and what its result must satisfy.
public struct Probe: Sendable {
    public var name: Located<String>
    public var action: Action
    public var expect: Expect?
    public var retry: Retry?
    public var hold: Hold?
    public var timeout: Located<Duration>?
    public var actionRange: SourceRange
    public var range: SourceRange
}

/// `hold: { for, every }` — the probe must pass on every check for the whole span.
public struct Hold: Sendable {
    public var span: Located<Duration>
    public var every: Located<Duration>
    public var range: SourceRange
}

/// What a probe's result must satisfy; every key present must hold.
public struct Expect: Sendable {
    public var exitCode: Located<Int>?
    public var stdout: TextExpectation?
    public var status: Located<Int>?
    public var json: JSONExpectation?
    public var value: Comparison?
    public var body: TextExpectation?
    public var latencyMs: Comparison?
    public var range: SourceRange
}

/// `contains` and/or `matches` (a regular expression) on text output.
public struct TextExpectation: Sendable {
    public var contains: Template?
    public var matches: Located<String>?
    public var range: SourceRange
}

/// A dot path into a JSON response (`checks.db.status`, `items[0].id`) and its comparison.
public struct JSONExpectation: Sendable {
    public var path: Located<String>
    public var comparison: Comparison
    public var range: SourceRange
}

/// One comparison of a value: `equals`, `in`, `greater_than`, `less_than`.
public enum Comparison: Sendable {
    case equals(TemplateValue)
    case oneOf([TemplateValue])
    case greaterThan(Located<Double>)
    case lessThan(Located<Double>)
}
