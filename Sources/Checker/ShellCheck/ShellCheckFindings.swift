import Diagnostics
import Language

/// Runs ShellCheck over every `shell.run` script of a playbook (steps, rollback steps and
/// probes) and reports each finding as a warning `SC<code>` at its place in the YAML file.
public enum ShellCheckFindings {
    /// ShellCheck could not check the scripts (crashed, timed out, unreadable output).
    public static let failed: RuleID = "shellcheck-failed"

    /// The rule ids this check reports besides the open-ended `SC<code>` family.
    public static let descriptors = [
        RuleDescriptor(failed, .warning, "ShellCheck could not check a `shell.run` script"),
    ]

    /// Findings for `playbook`; none when ShellCheck is not installed, which the caller
    /// reports once from `runner.availability`.
    public static func check(_ playbook: Playbook, source: SourceFile, runner: ShellCheckRunner) -> [Diagnostic] {
        guard runner.availability.isAvailable else { return [] }
        let sites = ShellScriptSite.all(in: playbook, source: source).filter { !$0.isBlank }
        guard !sites.isEmpty else { return [] }
        let results: [[ShellCheckComment]]
        do {
            results = try runner.check(sites.map(\.script))
        } catch {
            return sites.map { site in
                Diagnostic(.warning, failed, "this script was not checked: \(error)",
                           at: site.map.range(0..<site.map.count))
            }
        }
        return zip(sites, results).flatMap { site, comments in
            comments.compactMap { diagnostic(for: $0, in: site) }
        }
    }

    /// The warning for one ShellCheck comment, or nil for an unassigned-variable finding
    /// about a name the step or playbook declares under `env:`.
    static func diagnostic(for comment: ShellCheckComment, in site: ShellScriptSite) -> Diagnostic? {
        if let name = UnassignedVariable.name(of: comment, text: site.text(of: comment)),
           site.declaredNames.contains(name) {
            return nil
        }
        return Diagnostic(
            .warning, RuleID(rawValue: comment.ruleName), comment.message, at: site.range(of: comment),
            notes: [DiagnosticNote("see https://www.shellcheck.net/wiki/\(comment.ruleName)")])
    }
}
