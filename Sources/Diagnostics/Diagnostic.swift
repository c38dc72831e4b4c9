/// How bad a finding is; `error` fails lint and refuses a run.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    case error
    case warning
    case note
}

/// A stable identifier of the rule behind a diagnostic, e.g. `unknown-field`.
///
/// Rule ids are part of the user interface: they appear in output, in suppressions
/// (`# runbook:ignore RULE reason`) and in SARIF, so they never change once published.
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Extra context attached to a diagnostic, optionally pointing elsewhere in the source.
public struct DiagnosticNote: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One finding about the input: where, which rule, what is wrong, and what would help.
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    public var rule: RuleID
    public var message: String
    public var range: SourceRange
    public var notes: [DiagnosticNote]

    public init(
        _ severity: Severity, _ rule: RuleID, _ message: String,
        at range: SourceRange, notes: [DiagnosticNote] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.range = range
        self.notes = notes
    }

    public var location: SourceLocation { range.start }
}

extension Diagnostic: CustomStringConvertible {
    /// One line, `file:line:col: severity: message [rule]`, for logs and test failures.
    public var description: String {
        "\(range.start): \(severity.rawValue): \(message) [\(rule)]"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }

    /// Diagnostics in reading order: by file, line, column, then rule.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.range.start, $0.rule) < ($1.range.start, $1.rule) }
    }
}
