import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Checker

/// `docs/lint-rules.md` is generated from the rule catalog and the rule fixtures, so the
/// documentation cannot drift from what lint does. Regenerate with `UPDATE_DOCS=1 swift test`.
@Suite struct LintRulesDocTests {
    @Test func documentationMatchesTheRuleRegistry() throws {
        let url = Fixtures.repositoryRoot().appendingPathComponent("docs/lint-rules.md")
        let generated = Self.render()
        if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == generated, "docs/lint-rules.md is stale: run `UPDATE_DOCS=1 swift test --filter LintRulesDocTests`")
    }

    static func render() -> String {
        var out = """
        # Lint rules

        Every finding of `runbook lint` carries a stable rule id. This page is generated from
        the rule registry and the test fixtures (`Tests/CheckerTests/Fixtures/rules/`), so each
        example below is checked by the test suite: the bad one reports the rule, the good one
        does not. Silence a finding on one line with a reason:
        `# runbook:ignore RULE-ID why this is safe`.

        | rule | severity | what it finds |
        | --- | --- | --- |

        """
        for rule in RuleCatalog.all {
            let anchor = RuleFixtureTests.ruleNames.contains(rule.id.rawValue) ? "[`\(rule.id)`](#\(rule.id))" : "`\(rule.id)`"
            out += "| \(anchor) | \(rule.severity.rawValue) | \(rule.summary) |\n"
        }
        for rule in RuleCatalog.all where RuleFixtureTests.ruleNames.contains(rule.id.rawValue) {
            out += "\n## \(rule.id)\n\n\(rule.summary.prefix(1).uppercased() + rule.summary.dropFirst()).\n"
            for (name, heading) in [("bad", "Reported"), ("good", "Accepted")] {
                guard let (_, marked, _) = try? RuleFixtureTests.load(rule.id.rawValue, name) else { continue }
                let lines = marked.text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("# expect:") && !$0.hasPrefix("# policy:") }
                let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                out += "\n\(heading):\n\n```yaml\n\(body)\n```\n"
            }
        }
        return out
    }
}
