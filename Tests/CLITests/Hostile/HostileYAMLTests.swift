import Foundation
import Testing
import TestSupport

/// Hostile YAML through `runbook lint`: each case ends in a clear error at its place, with
/// exit 1, never a crash or a hang. (The alias bomb is YAMLLoaderTests' AliasBomb.)
@Suite struct HostileYAMLTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        /// `file:line:col: error: …[rule]` as the first error must read, minus the file name.
        var expected: String
        var testDescription: String { name }
    }

    static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    static let cases: [Case] = [
        Case(name: "NUL byte", bytes: { text("runbook: 1\nid: a") + [0] + text("b\n") },
             expected: ":2:6: error: control characters are not allowed (found byte 0x0) [yaml-syntax]"),
        Case(name: "invalid UTF-8", bytes: { text("runbook: 1\nid: ") + [0xFF, 0xFE] + text("\n") },
             expected: ":2:5: error: invalid leading UTF-8 octet: the file must be valid UTF-8 [yaml-syntax]"),
        Case(name: "tab as indentation", bytes: { text("runbook: 1\nid: x\nsteps:\n\t- id: y\n") },
             expected: ":4:1: error: found character that cannot start any token [yaml-syntax]"),
        Case(name: "merge key", bytes: { text("runbook: 1\nbase: &b { title: t }\nid: x\n<<: *b\n") },
             expected: ":4:1: error: merge keys ('<<') are not supported [merge-key]"),
        Case(name: "python tag", bytes: { text("runbook: 1\nid: !!python/object:os.system x\n") },
             expected: ":2:5: error: the tag '!!python/object:os.system' is not supported [unsupported-tag]"),
        Case(name: "non-string key", bytes: { text("runbook: 1\n? [a, b]\n: c\nid: x\n") },
             expected: ":2:3: error: expected a field name, found a sequence [wrong-kind]"),
        Case(name: "10,000-deep nesting", bytes: { text("runbook: 1\nid: x\nsteps: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n") },
             expected: ":3:207: error: nesting is deeper than 200 levels [yaml-too-deep]"),
        Case(name: "duplicate keys at two levels",
             bytes: { text("runbook: 1\nid: x\nid: y\nsteps:\n  - id: a\n    title: t\n    title: u\n") },
             expected: ":3:1: error: duplicate key 'id'"),
        Case(name: "70 MB scalar", bytes: { text("runbook: 1\nid: x\ntitle: \"") + [UInt8](repeating: 0x61, count: 70 << 20) + text("\"\n") },
             expected: ":1:1: error: file is 73400347 bytes; the limit is 67108864 [yaml-too-large]"),
    ]

    @Test(arguments: cases)
    func aHostileFileGetsAClearErrorAtItsPlace(_ hostile: Case) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hostile.yaml")
        try Data(hostile.bytes()).write(to: file)
        let run = try RunbookBinary.run(["lint", "--no-shellcheck", file.path])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(file.path + hostile.expected), "\(run.stdout.prefix(2000))")
    }

    /// A 10 GB file (sparse: it takes no disk) is refused by its size under a 2 GB address-space
    /// limit, named on its own and found in a folder: reading it first would fail or be killed.
    @Test(arguments: [false, true])
    func aHugeFileIsRefusedWithoutBeingRead(inFolder: Bool) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("huge.yaml")
        try Data("runbook: 1\nid: huge\n".utf8).write(to: file)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 10 << 30)
        try handle.close()
        let output = folder.appendingPathComponent("output.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", #"ulimit -v 2000000; exec "$0" lint --no-shellcheck "$1" > "$2" 2>&1"#,
                             RunbookBinary.url.path, inFolder ? folder.path : file.path, output.path]
        process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
        let shown = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 1, "\(shown)")
        #expect(shown.contains(file.path + ":1:1: error: file is 10737418240 bytes; the limit is 67108864 [yaml-too-large]"), "\(shown)")
    }
}
