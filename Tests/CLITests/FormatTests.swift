import Diagnostics
import Foundation
import Testing
@testable import RunbookCLI

/// A small lint result the format tests share: an error with an unplaced note, a warning whose
/// note points at another line, and a zero-width error.
enum FormatSample {
    static let root = "/work/repo"
    static let path = "./playbooks/restart.yaml"
    static let version = "1.2.3"
    static let text = """
        runbook: 1
        id: restart
        setps: []
        steps:
          - id: purge
            shell: { run: "rm -rf /tmp/cache" }

        """

    static let rules = [
        RuleDescriptor("unknown-field", .error, "a field the language does not have"),
        RuleDescriptor("missing-field", .error, "a required field is absent"),
        RuleDescriptor("destructive-without-confirm", .warning, "a destructive step that does not ask the operator first"),
        RuleDescriptor("yaml-syntax", .error, "the file is not valid YAML"),
    ]

    static func range(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int, in file: String = path) -> SourceRange {
        SourceRange(start: SourceLocation(file: file, line: line, column: column),
                    end: SourceLocation(file: file, line: endLine, column: endColumn))
    }

    /// The three diagnostics, with every line moved down by `shift` (for fingerprint stability).
    static func diagnostics(shift: Int = 0) -> [Diagnostic] {
        [
            Diagnostic(.error, "unknown-field", "unknown field 'setps' in a playbook", at: range(3 + shift, 1, 3 + shift, 6),
                       notes: [DiagnosticNote("did you mean 'steps'?")]),
            Diagnostic(.warning, "destructive-without-confirm", "step 'purge' deletes data without asking first",
                       at: range(5 + shift, 9, 5 + shift, 14),
                       notes: [DiagnosticNote("the playbook's id is set here", at: range(2 + shift, 1, 2 + shift, 12))]),
            Diagnostic(.error, "missing-field", "missing field 'title' in a step", at: range(6 + shift, 5, 6 + shift, 5)),
        ]
    }

    static func report(shift: Int = 0) -> LintReport {
        var report = LintReport()
        let text = String(repeating: "\n", count: shift) + text
        report.add(file: path, source: SourceFile(path: path, text: text), diagnostics: diagnostics(shift: shift))
        return report
    }

    /// A report with one diagnostic of `severity` in `file`.
    static func single(_ severity: Severity, file: String = path, message: String = "something",
                       notes: [DiagnosticNote] = []) -> LintReport {
        var report = LintReport()
        report.add(file: file, source: SourceFile(path: file, text: "a: 1\n"),
                   diagnostics: [Diagnostic(severity, "some-rule", message, at: range(1, 1, 1, 2, in: file), notes: notes)])
        return report
    }
}

@Suite struct FormatTests {
    @Test func casesAreTheFourDocumentedNames() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ["text", "json", "sarif", "github"])
        #expect(OutputFormat.allValueStrings == ["text", "json", "sarif", "github"])
    }

    @Test(arguments: OutputFormat.allCases)
    func parsesFromItsNameAndHasAFormatterUnlessText(format: OutputFormat) {
        #expect(OutputFormat(argument: format.rawValue) == format)
        switch format {
        case .text: #expect(format.formatter == nil)
        case .json: #expect(format.formatter is JSONLintFormatter)
        case .sarif: #expect(format.formatter is SARIFLintFormatter)
        case .github: #expect(format.formatter is GitHubLintFormatter)
        }
    }

    @Test func unknownNamesAreRejected() {
        #expect(OutputFormat(argument: "xml") == nil)
        #expect(OutputFormat(argument: "JSON") == nil)
    }
}
