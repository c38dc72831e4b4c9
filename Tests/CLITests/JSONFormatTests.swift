import Diagnostics
import Foundation
import Testing
@testable import RunbookCLI

@Suite struct JSONFormatTests {
    private func render(_ report: LintReport) -> String {
        JSONLintFormatter().render(report, rules: FormatSample.rules, toolVersion: FormatSample.version)
    }

    private func decode(_ text: String) throws -> JSONLintDocument {
        try JSONDecoder().decode(JSONLintDocument.self, from: Data(text.utf8))
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func decodesBackToEveryField() throws {
        let document = try decode(render(FormatSample.report()))
        let file = FormatSample.path
        #expect(document == JSONLintDocument(
            version: 1,
            tool: .init(name: "runbook", version: "1.2.3"),
            summary: .init(files: 1, errors: 2, warnings: 1),
            files: [file],
            diagnostics: [
                .init(file: file, line: 3, column: 1, endLine: 3, endColumn: 6, severity: "error",
                      rule: "unknown-field", message: "unknown field 'setps' in a playbook",
                      notes: [.init(message: "did you mean 'steps'?")]),
                .init(file: file, line: 5, column: 9, endLine: 5, endColumn: 14, severity: "warning",
                      rule: "destructive-without-confirm", message: "step 'purge' deletes data without asking first",
                      notes: [.init(message: "the playbook's id is set here", file: file, line: 2, column: 1)]),
                .init(file: file, line: 6, column: 5, endLine: 6, endColumn: 5, severity: "error",
                      rule: "missing-field", message: "missing field 'title' in a step", notes: []),
            ]))
    }

    @Test func keysAreExactlyTheDocumentedOnesAndUnplacedNotesOmitTheirPosition() throws {
        let top = try object(render(FormatSample.report()))
        #expect(Set(top.keys) == ["version", "tool", "summary", "files", "diagnostics"])
        #expect(Set((top["tool"] as? [String: Any] ?? [:]).keys) == ["name", "version"])
        #expect(Set((top["summary"] as? [String: Any] ?? [:]).keys) == ["files", "errors", "warnings"])
        let entries = try #require(top["diagnostics"] as? [[String: Any]])
        #expect(Set(entries[0].keys) == ["file", "line", "column", "endLine", "endColumn", "severity", "rule",
                                         "message", "notes"])
        let unplaced = try #require((entries[0]["notes"] as? [[String: Any]])?.first)
        #expect(Set(unplaced.keys) == ["message"])
        let placed = try #require((entries[1]["notes"] as? [[String: Any]])?.first)
        #expect(Set(placed.keys) == ["message", "file", "line", "column"])
    }

    @Test func outputIsStableSortedAndEndsWithANewline() throws {
        let text = render(FormatSample.report())
        #expect(text == render(FormatSample.report()))
        #expect(text.hasSuffix("}\n"))
        #expect(StableJSON.encode(try decode(text)) == text)
        let order = ["\"diagnostics\"", "\"files\"", "\"summary\"", "\"tool\"", "\"version\""]
            .compactMap { text.range(of: $0)?.lowerBound }
        #expect(order.count == 5 && order == order.sorted(), "top-level keys are sorted")
        #expect(text.contains("./playbooks/restart.yaml"), "slashes are not escaped")
    }

    @Test(arguments: Severity.allCases)
    func severityIsItsNameAndOnlyErrorsAndWarningsAreCounted(severity: Severity) throws {
        let document = try decode(render(FormatSample.single(severity)))
        #expect(document.diagnostics.map(\.severity) == [severity.rawValue])
        #expect(document.summary.errors == (severity == .error ? 1 : 0))
        #expect(document.summary.warnings == (severity == .warning ? 1 : 0))
    }

    @Test func anEmptyReportHasZeroCountsAndEmptyLists() throws {
        let document = try decode(render(LintReport()))
        #expect(document.summary == .init(files: 0, errors: 0, warnings: 0))
        #expect(document.files.isEmpty && document.diagnostics.isEmpty)
    }
}
