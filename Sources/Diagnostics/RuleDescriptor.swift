/// What a rule is, for documentation and machine formats (SARIF's rule list, `lint-rules.md`).
public struct RuleDescriptor: Sendable, Hashable {
    public var id: RuleID
    /// The severity its findings usually have.
    public var severity: Severity
    /// One line: what the rule finds.
    public var summary: String

    public init(_ id: RuleID, _ severity: Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}
