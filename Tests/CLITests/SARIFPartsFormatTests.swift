import Diagnostics
import Testing
@testable import RunbookCLI

/// The pieces SARIF and GitHub output share: paths, URIs, regions and rule names.
@Suite struct SARIFPartsFormatTests {
    @Test(arguments: [
        ("./playbooks/a.yaml", "playbooks/a.yaml", "playbooks/a.yaml"),
        ("/work/repo/playbooks/a.yaml", "playbooks/a.yaml", "playbooks/a.yaml"),
        ("playbooks//./a.yaml", "playbooks/a.yaml", "playbooks/a.yaml"),
        ("playbooks/old/../a.yaml", "playbooks/a.yaml", "playbooks/a.yaml"),
        ("../shared/a.yaml", "../shared/a.yaml", "../shared/a.yaml"),
        ("/etc/runbook/a.yaml", "/etc/runbook/a.yaml", "file:///etc/runbook/a.yaml"),
        ("/work/repository/a.yaml", "/work/repository/a.yaml", "file:///work/repository/a.yaml"),
        ("my dir/odd:name,v2#1.yaml", "my dir/odd:name,v2#1.yaml", "my%20dir/odd%3Aname%2Cv2%231.yaml"),
        ("plays/café.yaml", "plays/café.yaml", "plays/caf%C3%A9.yaml"),
    ])
    func pathsBecomeRelativeURIReferences(path: String, relative: String, uri: String) {
        let made = ReportPath.relative(path, to: FormatSample.root)
        #expect(made == relative)
        #expect(ReportPath.uri(made) == uri)
    }

    @Test(arguments: [("/work/repo", "file:///work/repo/"), ("/work/my repo/", "file:///work/my%20repo/"), ("/", "file:///")])
    func folderURIsEndInASlash(folder: String, uri: String) {
        #expect(ReportPath.folderURI(folder) == uri)
    }

    @Test(arguments: [
        ([3, 1, 3, 6], [3, 1, 3, 6]),
        ([6, 5, 6, 5], [6, 5, 6, 6]),
        ([2, 3, 4, 1], [2, 3, 4, 1]),
        ([5, 4, 5, 2], [5, 4, 5, 5]),
        ([5, 4, 3, 9], [5, 4, 5, 5]),
        ([0, 0, 0, 0], [1, 1, 1, 2]),
    ])
    func regionsAreValidAndNeverEmpty(range: [Int], expected: [Int]) {
        let region = ReportRegion(FormatSample.range(range[0], range[1], range[2], range[3]))
        #expect([region.startLine, region.startColumn, region.endLine, region.endColumn] == expected)
    }

    @Test func aRangeEndingInAnotherFileIsOneColumnWide() {
        let range = SourceRange(start: SourceLocation(file: "a.yaml", line: 2, column: 3),
                                end: SourceLocation(file: "b.yaml", line: 9, column: 9))
        #expect(ReportRegion(range) == ReportRegion(startLine: 2, startColumn: 3, endLine: 2, endColumn: 4))
    }

    @Test(arguments: [
        ("unknown-field", "UnknownField"), ("yaml-syntax", "YamlSyntax"), ("SC2086", "SC2086"),
        ("destructive-without-confirm", "DestructiveWithoutConfirm"), ("shellcheck-failed", "ShellcheckFailed"),
    ])
    func ruleNamesAreUpperCamelIds(id: String, name: String) {
        #expect(SARIFRule.upperCamel(id) == name)
    }
}
