import Diagnostics

/// Turns a finished lint into one machine-readable document, so CI systems can consume findings.
///
/// Formatters are pure: the same report, rules and version always give the same text.
protocol LintFormatter: Sendable {
    /// The whole output for `report`; `rules` describes the rule ids that may occur.
    func render(_ report: LintReport, rules: [RuleDescriptor], toolVersion: String) -> String
}
