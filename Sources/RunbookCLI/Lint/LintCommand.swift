import ArgumentParser
import Checker
import Diagnostics

/// `runbook lint [PATH…]`: checks playbooks and the policy before they can be merged.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check playbooks and the policy for errors.",
        discussion: """
        Folders are searched for *.yaml and *.yml files that carry `runbook:`, and for \
        runbook.policy.yaml. Each playbook is checked against the nearest runbook.policy.yaml \
        above it, or --policy. Exit status: 0 clean, 1 errors found (or warnings with --strict), \
        2 bad usage or unreadable input.
        """)

    @Argument(help: "Files or folders to lint (default: the current folder).")
    var paths: [String] = []

    @Option(help: "The policy file to check against, instead of the nearest runbook.policy.yaml.")
    var policy: String?


    @Option(help: "Output format: text, json, sarif or github.")
    var format: OutputFormat = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(name: .customLong("no-shellcheck"), help: "Do not run ShellCheck on shell scripts.")
    var noShellCheck = false

    @Flag(name: .shortAndLong, help: "Print errors only, and no summary when clean (text format).")
    var quiet = false

    func run() throws {
        let report: LintReport
        do {
            report = try Linter(policyPath: policy, shellCheck: !noShellCheck)
                .lint(paths: paths.isEmpty ? ["."] : paths)
        } catch {
            Terminal.error("error: \(error.description)\n")
            throw ExitStatus.usage.exitCode
        }
        for notice in report.notices { Terminal.error("note: \(notice)\n") }
        Terminal.write(render(report))
        let errors = report.diagnostics.errorCount
        if errors > 0 || (strict && report.diagnostics.warningCount > 0) {
            throw ExitStatus.failure.exitCode
        }
    }

    private func render(_ report: LintReport) -> String {
        guard let formatter = format.formatter else { return text(report) }
        return formatter.render(report, rules: RuleCatalog.all, toolVersion: Runbook.version)
    }

    private func text(_ report: LintReport) -> String {
        let shown = quiet ? report.diagnostics.filter { $0.severity == .error } : report.diagnostics
        let renderer = TextRenderer(useColor: Terminal.wantsColor(1))
        var output = shown.map { renderer.render($0, sources: report.sources) }.joined()
        let errors = report.diagnostics.errorCount
        if !quiet || errors > 0 {
            let warnings = report.diagnostics.warningCount
            output += "\(plural(report.files.count, "file")), \(plural(errors, "error")), \(plural(warnings, "warning"))\n"
        }
        return output
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
