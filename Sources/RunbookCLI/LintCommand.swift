import ArgumentParser
import Diagnostics

/// `runbook lint [PATH…]`: checks playbooks and the policy before they can be merged.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check playbooks and the policy for errors.",
        discussion: """
        Folders are searched for *.yaml and *.yml files that carry `runbook:`, and for \
        runbook.policy.yaml. Exit status: 0 clean, 1 errors found, 2 bad usage or unreadable input.
        """)

    @Argument(help: "Files or folders to lint (default: the current folder).")
    var paths: [String] = []

    @Flag(name: .shortAndLong, help: "Print errors only, and no summary when clean.")
    var quiet = false

    func run() throws {
        let report: Linter.Report
        do {
            report = try Linter().lint(paths: paths.isEmpty ? ["."] : paths)
        } catch {
            Terminal.error("error: \(error.description)\n")
            throw ExitStatus.usage.exitCode
        }
        let shown = quiet ? report.diagnostics.filter { $0.severity == .error } : report.diagnostics
        let renderer = TextRenderer(useColor: Terminal.wantsColor(1))
        var output = ""
        for diagnostic in shown {
            output += renderer.render(diagnostic, sources: report.sources)
        }
        let errors = report.diagnostics.errorCount
        if !quiet || errors > 0 {
            output += summary(files: report.files.count, errors: errors, warnings: report.diagnostics.warningCount)
        }
        Terminal.write(output)
        if errors > 0 { throw ExitStatus.failure.exitCode }
    }

    private func summary(files: Int, errors: Int, warnings: Int) -> String {
        "\(plural(files, "file")), \(plural(errors, "error")), \(plural(warnings, "warning"))\n"
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
