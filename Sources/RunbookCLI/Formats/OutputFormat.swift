import ArgumentParser

/// How `runbook lint` prints its findings: for people (`text`) or for machines and CI.
enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Compiler-style text with source excerpts, for a terminal.
    case text
    /// The stable JSON document described in `docs/lint-output.md`.
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// GitHub Actions workflow commands, which become annotations on a pull request.
    case github

    /// The machine formatter for this format; nil for `text`, which `LintCommand` renders itself
    /// because it depends on the terminal (colour, `--quiet`).
    var formatter: (any LintFormatter)? {
        switch self {
        case .text: nil
        case .json: JSONLintFormatter()
        case .sarif: SARIFLintFormatter()
        case .github: GitHubLintFormatter()
        }
    }
}
