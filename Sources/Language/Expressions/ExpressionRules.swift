import Diagnostics

/// Rule ids of the diagnostics the expression parser reports.
public enum ExpressionRules {
    /// A malformed `${{ … }}` or `when:` condition.
    public static let syntax: RuleID = "expression-syntax"

    public static let all: [RuleID] = [syntax]
}
