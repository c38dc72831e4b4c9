import Checker
import Diagnostics
import Language

/// Lints a set of files: parses each, checks playbooks against their policy, runs
/// ShellCheck on scripts, and applies `# runbook:ignore` comments.
struct Linter {
    var policyPath: String?
    var shellCheck: Bool = true

    func lint(paths: [String]) throws(InputFiles.Problem) -> LintReport {
        var report = LintReport()
        let workspace = Workspace(policyPath: policyPath)
        let shellCheckRunner = shellCheck ? ShellCheckRunner() : nil
        if let notice = shellCheckRunner?.availability.notice { report.notices.append(notice) }
        var policiesSeen: Set<String> = []
        var files = try InputFiles.collect(paths)
        if let policyPath { files.insert(policyPath, at: 0) }
        for path in files {
            guard let entry = workspace.parse(path) else { throw InputFiles.Problem(description: "\(path): cannot read the file") }
            var found = entry.result.diagnostics
            switch entry.result.document {
            case .policy(let policy)?:
                guard policiesSeen.insert(workspace.normalized(path)).inserted else { continue }
                found += PolicyChecker.check(policy)
            case .playbook(let playbook)?:
                let policy = policyFor(path, workspace, &report, &policiesSeen)
                found += Checker.check(playbook, source: entry.source, policy: policy, callees: workspace.callees)
                if let shellCheckRunner {
                    found += ShellCheckFindings.check(playbook, source: entry.source, runner: shellCheckRunner)
                }
                workspace.forget(path)  // checked: its tree need not stay in memory until the end
            case nil:
                break
            }
            report.add(file: path, source: entry.source,
                       diagnostics: Suppressions(source: entry.source).apply(to: found))
        }
        report.diagnostics = report.diagnostics.sortedByLocation()
        return report
    }

    /// The playbook's policy, with its own findings added to the report the first time it is seen.
    private func policyFor(
        _ path: String, _ workspace: Workspace, _ report: inout LintReport, _ seen: inout Set<String>
    ) -> Policy? {
        guard let policyPath = workspace.policyPath(for: path), let entry = workspace.parse(policyPath) else { return nil }
        if seen.insert(workspace.normalized(policyPath)).inserted {
            var found = entry.result.diagnostics
            if let policy = entry.result.policy { found += PolicyChecker.check(policy) }
            report.add(file: policyPath, source: entry.source, diagnostics: Suppressions(source: entry.source).apply(to: found))
        }
        return entry.result.policy
    }
}
