import Diagnostics

/// `--format json`: one pretty, key-sorted JSON document, stable for diffing and scripting.
struct JSONLintFormatter: LintFormatter {
    func render(_ report: LintReport, rules: [RuleDescriptor], toolVersion: String) -> String {
        StableJSON.encode(JSONLintDocument(report, toolVersion: toolVersion))
    }
}
