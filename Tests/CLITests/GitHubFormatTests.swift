import Diagnostics
import Testing
@testable import RunbookCLI

@Suite struct GitHubFormatTests {
    private let formatter = GitHubLintFormatter(root: FormatSample.root)

    private func render(_ report: LintReport) -> String {
        formatter.render(report, rules: FormatSample.rules, toolVersion: FormatSample.version)
    }

    @Test func oneCommandPerDiagnosticWithNotesAsEscapedExtraLines() {
        #expect(render(FormatSample.report()) == """
            ::error file=playbooks/restart.yaml,line=3,col=1,endLine=3,endColumn=6,title=unknown-field::\
            unknown field 'setps' in a playbook%0Anote: did you mean 'steps'?
            ::warning file=playbooks/restart.yaml,line=5,col=9,endLine=5,endColumn=14,title=destructive-without-confirm::\
            step 'purge' deletes data without asking first%0Aplaybooks/restart.yaml:2:1: note: the playbook's id is set here
            ::error file=playbooks/restart.yaml,line=6,col=5,endLine=6,endColumn=6,title=missing-field::\
            missing field 'title' in a step

            """)
    }

    @Test func fileNamesAndMessagesAreEscaped() {
        let report = FormatSample.single(.error, file: "/work/repo/dir/odd:name,v2.yaml",
                                         message: "100% sure: it is\nbroken, twice\r\n")
        #expect(render(report) == """
            ::error file=dir/odd%3Aname%2Cv2.yaml,line=1,col=1,endLine=1,endColumn=2,title=some-rule::\
            100%25 sure: it is%0Abroken, twice%0D%0A

            """)
    }

    @Test(arguments: [
        ("plain text", "plain text"),
        ("100%", "100%25"),
        ("%0A is not a newline", "%250A is not a newline"),
        ("one\ntwo", "one%0Atwo"),
        ("crlf\r\nline", "crlf%0D%0Aline"),
        ("colons: and, commas stay", "colons: and, commas stay"),
    ])
    func messageEscaping(input: String, expected: String) {
        #expect(GitHubLintFormatter.escapeData(input) == expected)
    }

    @Test(arguments: [
        ("playbooks/a.yaml", "playbooks/a.yaml"),
        ("odd:name,v2.yaml", "odd%3Aname%2Cv2.yaml"),
        ("50%:\n", "50%25%3A%0A"),
        ("a\r,b", "a%0D%2Cb"),
    ])
    func propertyEscaping(input: String, expected: String) {
        #expect(GitHubLintFormatter.escapeProperty(input) == expected)
    }

    @Test(arguments: [(Severity.error, "::error "), (.warning, "::warning "), (.note, "::notice ")])
    func severityNamesTheCommand(severity: Severity, prefix: String) {
        let output = render(FormatSample.single(severity))
        #expect(output.hasPrefix(prefix))
        #expect(output.split(separator: "\n").count == 1)
    }

    @Test func aZeroWidthRangeIsOneColumnWideAndAnEmptyReportPrintsNothing() {
        let line = formatter.line(for: Diagnostic(.error, "r", "m", at: FormatSample.range(4, 7, 4, 7)))
        #expect(line.contains(",line=4,col=7,endLine=4,endColumn=8,"))
        #expect(render(LintReport()) == "")
    }
}
