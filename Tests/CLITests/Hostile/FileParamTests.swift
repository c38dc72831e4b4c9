import Foundation
import Testing
import TestSupport

/// `file` params: only a readable regular file is taken, and a step receives its absolute
/// path without links, so `..`, links and names like `-rf` cannot mean anything else.
@Suite(.serialized) struct FileParamTests {
    static let playbook = """
    runbook: 1
    id: file-param
    title: Read a file
    level: 1
    authorization: { executor: on_call }
    params:
      input: { type: file }
    steps:
      - id: show
        title: Show the path and the first line
        shell:
          run: printf 'path=%s\\n' "$INPUT"; head -n 1 -- "$INPUT"
          env: { INPUT: "${{ params.input }}" }
    """

    struct Refused: Sendable, CustomTestStringConvertible {
        var path: String
        var reason: String
        var testDescription: String { path }
    }

    static let refused: [Refused] = [
        Refused(path: "/dev/zero", reason: "not a regular file"),
        Refused(path: "/tmp", reason: "a folder, not a file"),
        Refused(path: "no/such/file.sql", reason: "no such file"),
        Refused(path: "fifo", reason: "not a regular file"),
    ]

    @Test(arguments: refused) func whatIsNotARegularFileIsRefused(_ input: Refused) throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", Self.playbook)
        _ = mkfifo(box.folder.appendingPathComponent("fifo").path, 0o600)
        let output = try box.runbook(["exec", "p.yaml", "--no-tty", "--param", "input=\(input.path)"])
        #expect(output.status == 4, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains("input: \(input.reason)"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.state.appendingPathComponent("runs").path), "a run started")
    }

    @Test(arguments: ["-rf", "../FOLDER/sub/../-rf", "link-to-rf"]) func theStepGetsTheCanonicalPath(_ given: String) throws {
        let box = try ExecSandbox()
        try box.write("p.yaml", Self.playbook)
        try box.write("-rf", "first line of -rf\n")
        try FileManager.default.createDirectory(at: box.folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.folder.appendingPathComponent("link-to-rf").path,
                                                   withDestinationPath: "-rf")
        let argument = given.replacingOccurrences(of: "FOLDER", with: box.folder.lastPathComponent)
        let output = try box.runbook(["exec", "p.yaml", "--no-tty", "--param", "input=\(argument)"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        let canonical = box.folder.appendingPathComponent("-rf").resolvingSymlinksInPath().path
        #expect(output.stdout.contains("path=\(canonical)"), "\(output.stdout)")
        #expect(output.stdout.contains("first line of -rf"))
        #expect(try box.journals().first?.contains("\"input\":\"\(canonical)\"") == true, "the journal shows another path")
    }
}
