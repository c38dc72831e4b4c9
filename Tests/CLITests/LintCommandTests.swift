import Foundation
import Testing
import TestSupport

@Suite struct LintCommandTests {
    let root = Fixtures.repositoryRoot()

    @Test func repositoryPlaybooksLintClean() throws {
        let output = try RunbookBinary.run(["lint", "playbooks/"], in: root)
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains(", 0 errors"))
    }

    @Test func typoDuplicateKeyAndDuplicateStepAreEachReportedWithACaret() throws {
        let dir = try temporaryFolder()
        try FileManager.default.copyItem(at: root.appendingPathComponent("playbooks/runbook.policy.yaml"),
                                         to: dir.appendingPathComponent("runbook.policy.yaml"))
        let file = dir.appendingPathComponent("bad.yaml")
        try """
        runbook: 1
        id: bad
        title: Bad
        level: 1
        authorization: { executor: on_call }
        setps: []
        steps:
          - id: a
            title: A
            shell: { run: "true" }
            shell: { run: "false" }
          - id: a
            title: A again
            wait: { for: 1s }

        """.write(to: file, atomically: true, encoding: .utf8)
        let output = try RunbookBinary.run(["lint", "bad.yaml"], in: dir)
        #expect(output.status == 1)
        #expect(output.stdout.contains("bad.yaml:6:1: error: unknown field 'setps' in a playbook [unknown-field]"))
        #expect(output.stdout.contains("did you mean 'steps'?"))
        #expect(output.stdout.contains("bad.yaml:11:5: error: duplicate key 'shell' [duplicate-key]"))
        #expect(output.stdout.contains("bad.yaml:12:9: error: duplicate step id 'a' [duplicate-step-id]"))
        #expect(output.stdout.contains("""
         6 | setps: []
           | ^~~~~
        """))
        #expect(output.stdout.hasSuffix("2 files, 3 errors, 0 warnings\n"))
    }

    @Test(arguments: [
        (["lint", "no/such/path"], Int32(2), "no such file or folder"),
        (["lint", "--frobnicate"], 2, "Unknown option"),
        (["exec", "x.yaml", "--param", "novalue"], 2, "--param takes k=v"),
    ])
    func usageErrorsExitWithTheirStatus(arguments: [String], status: Int32, message: String) throws {
        let output = try RunbookBinary.run(arguments, in: root)
        #expect(output.status == status)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test func quietPrintsNothingWhenClean() throws {
        let output = try RunbookBinary.run(["lint", "--quiet", "playbooks/"], in: root)
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
    }

    @Test func aliasBombIsRejectedQuickly() throws {
        let dir = try temporaryFolder()
        var text = "runbook: 1\nl0: &l0 [\"lol\"]\n"
        for level in 1..<12 {
            text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ",") + "]\n"
        }
        text += "# " + String(repeating: "x", count: 1 << 20) + "\n"
        try text.write(to: dir.appendingPathComponent("bomb.yaml"), atomically: true, encoding: .utf8)
        let output = try RunbookBinary.run(["lint", "bomb.yaml"], in: dir)
        #expect(output.status == 1)
        #expect(output.stdout.contains("[yaml-alias-limit]"))
    }
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
