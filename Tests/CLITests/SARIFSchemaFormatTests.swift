import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import RunbookCLI

/// Checks `--format sarif` against the official SARIF 2.1.0 JSON schema with a real validator,
/// `scripts/validate-sarif` (Python jsonschema). A missing validator fails the test: it never skips.
@Suite struct SARIFSchemaFormatTests {
    static let installHint = "run scripts/install-test-deps to install the SARIF schema and validator"

    /// Reports worth validating: the shared sample, nothing at all, and awkward paths.
    static let reports: [(String, LintReport)] = [
        ("sample", FormatSample.report()),
        ("empty", LintReport()),
        ("awkward paths", awkwardPaths()),
    ]

    @Test(arguments: reports)
    func outputIsValidSARIF(name: String, report: LintReport) throws {
        let text = SARIFLintFormatter(root: FormatSample.root)
            .render(report, rules: FormatSample.rules, toolVersion: FormatSample.version)
        let outcome = try Self.validate(text)
        #expect(outcome.status == 0, "\(name): \(outcome.output)")
    }

    /// Proves the validator really validates: each broken log must be rejected (status 1).
    @Test(arguments: [
        ("a region starting at line 0", "\"startLine\" : 3", "\"startLine\" : 0"),
        ("an unknown level", "\"level\" : \"warning\"", "\"level\" : \"fatal\""),
        ("a URI with a raw space", "\"uri\" : \"playbooks/restart.yaml\"", "\"uri\" : \"play books/restart.yaml\""),
        ("another SARIF version", "\"version\" : \"2.1.0\"", "\"version\" : \"2.0.0\""),
    ])
    func brokenLogsAreRejected(what: String, original: String, replacement: String) throws {
        let text = SARIFLintFormatter(root: FormatSample.root)
            .render(FormatSample.report(), rules: FormatSample.rules, toolVersion: FormatSample.version)
        try #require(text.contains(original), "the rendered log no longer contains \(original)")
        let outcome = try Self.validate(text.replacingOccurrences(of: original, with: replacement))
        #expect(outcome.status == 1, "\(what) was not rejected: \(outcome.output)")
    }

    private static func awkwardPaths() -> LintReport {
        var report = LintReport()
        for file in ["/work/repo/my dir/odd:name,v2#1.yaml", "/elsewhere/p.yaml", "../up/é.yaml"] {
            report.add(file: file, source: SourceFile(path: file, text: "a: 1\n"), diagnostics: [
                Diagnostic(.note, "some-rule", "a note\nover two lines", at: FormatSample.range(1, 1, 1, 1, in: file),
                           notes: [DiagnosticNote("see here", at: FormatSample.range(1, 4, 2, 1, in: file))]),
            ])
        }
        return report
    }

    /// Runs `python3 scripts/validate-sarif` on `text`; records a failure (with the install hint)
    /// when Python, the validator or the schema package is missing.
    private static func validate(_ text: String) throws -> (status: Int32, output: String) {
        let root = Fixtures.repositoryRoot()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-\(UUID().uuidString).sarif")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result: TestProcess.Output
        do {
            result = try TestProcess.run(
                "/usr/bin/env", ["python3", root.appendingPathComponent("scripts/validate-sarif").path, file.path],
                mergingStderr: true)
        } catch {
            Issue.record("cannot start python3 (\(error)); \(installHint)")
            return (-1, "")
        }
        let output = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if result.status == 2 || result.status == 127 {
            Issue.record("the SARIF validator is not available (\(output)): \(installHint)")
        }
        return (result.status, output)
    }
}
