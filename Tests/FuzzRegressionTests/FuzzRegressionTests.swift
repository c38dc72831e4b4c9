import Diagnostics
import Foundation
import FuzzHarness
import Testing

/// Every input the fuzzer (scripts/fuzz) found to crash, hang or exhaust memory, and a few
/// hand-made hostile ones, linted again: each must finish and explain itself at a place.
@Suite struct FuzzRegressionTests {
    /// The `Fixtures` folder beside this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The fixture names, sorted, so each is its own test case.
    static let fixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func fixturesExist() {
        #expect(Self.fixtures.count >= 4, "no fixtures found in \(Self.folder.path)")
    }

    @Test(arguments: fixtures)
    func fixtureIsLintedWithoutCrashing(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let started = ContinuousClock.now
        let outcome = LintOnce.run(Array(data))
        let elapsed = ContinuousClock.now - started
        // libFuzzer's -timeout is 10 s; a debug build must still stay well clear of a hang.
        #expect(elapsed < .seconds(10), "\(name) took \(elapsed)")
        // What could not be built must say why.
        if !outcome.checkedPlaybook {
            #expect(outcome.playbookDiagnostics.hasErrors, "\(name) built no playbook yet reported no error")
        }
        if let policyDiagnostics = outcome.policyDiagnostics, !outcome.checkedPolicy {
            #expect(policyDiagnostics.hasErrors, "\(name) built no policy yet reported no error")
        }
        for diagnostic in outcome.diagnostics {
            #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1,
                    "\(name): \(diagnostic) has no place")
        }
        #expect(outcome.diagnostics.isEmpty || !outcome.rendered.isEmpty)
    }

    /// A cycle through 30,000 roles, one `includes` each: the cycle search used to recurse once
    /// per role (too big to keep as a fixture, so it is made here).
    @Test func longRoleChainIsFoundWithoutRecursion() {
        let count = 30_000
        var text = "runbook: 1\nroles:\n  r0: { includes: [r\(count - 1)] }\n"
        for index in 1..<count { text += "  r\(index): { includes: [r\(index - 1)] }\n" }
        text += "levels:\n  1: { executor: r0 }\n"
        let outcome = LintOnce.run(Array(text.utf8))
        #expect(outcome.checkedPolicy)
        let cycles = (outcome.policyDiagnostics ?? []).filter { $0.rule.rawValue == "role-cycle" }
        #expect(cycles.count == 1)
        #expect(cycles.first?.location.line == 3)
    }

    /// An unknown role's note lists the first roles only, not thousands once per unknown role.
    @Test func unknownRoleNoteStaysShort() {
        var text = "runbook: 1\nroles:\n"
        for index in 0..<500 { text += "  role_\(index): {}\n" }
        text += "people:\n"
        for index in 0..<50 { text += "  p\(index): { roles: [missing_\(index)], key: x }\n" }
        let outcome = LintOnce.run(Array(text.utf8))
        let unknown = (outcome.policyDiagnostics ?? []).filter { $0.rule.rawValue == "unknown-role" }
        #expect(unknown.count == 50)
        for diagnostic in unknown {
            #expect(diagnostic.notes.allSatisfy { $0.message.count < 1_000 }, "\(diagnostic.notes)")
        }
    }

    /// The built-in policy a playbook is checked against must itself be clean.
    @Test func builtinPolicyIsUsed() {
        let playbook = """
            runbook: 1
            id: ok
            title: A clean playbook
            level: 1
            authorization: { executor: on_call }
            steps:
              - id: ping
                redis: { target: cache, command: [PING] }
            targets:
              cache: { backend: redis, url: "redis://127.0.0.1:6379/0" }

            """
        let outcome = LintOnce.run(Array(playbook.utf8))
        #expect(outcome.checkedPlaybook)
        #expect(!outcome.diagnostics.contains { $0.rule.rawValue == "no-policy" || $0.message.contains("policy") },
                "\(outcome.diagnostics)")
    }
}
