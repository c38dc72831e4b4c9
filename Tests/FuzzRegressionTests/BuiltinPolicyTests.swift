import Diagnostics
import Foundation
import Language
import Testing
@testable import FuzzHarness

/// The fuzz harness checks inputs against an in-memory copy of the repository's policy; this
/// keeps the copy's rules equal to `playbooks/runbook.policy.yaml` (descriptions may differ).
@Suite struct BuiltinPolicyTests {
    static let repositoryPolicy = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("playbooks/runbook.policy.yaml")

    /// Roles with what they include, levels with executor and approvals, effect rules: the
    /// parts of a policy that change what the checker reports.
    static func rules(_ policy: Policy) -> [String] {
        policy.roles.map { "role \($0.name.value) includes \($0.includes.map(\.value).sorted())" }.sorted()
            + policy.levels.map { "level \($0.number.value): \($0.title?.value ?? ""), executor \($0.executor?.value ?? "-"), approvals \($0.approvals.map(\.value).sorted())" }.sorted()
            + policy.effects.map { "effect \($0.effect.value.rawValue) from level \($0.minLevel.map { String($0.value) } ?? "-"), approvals \($0.approvals.map(\.value).sorted())" }.sorted()
    }

    @Test func copiesTheRepositoryPolicysRules() throws {
        let text = try String(contentsOf: Self.repositoryPolicy, encoding: .utf8)
        let parsed = Frontend.parsePolicy(SourceFile(path: Self.repositoryPolicy.path, text: text))
        let repository = try #require(parsed.policy, "\(parsed.diagnostics)")
        let builtin = try #require(BuiltinPolicy.policy)
        #expect(Self.rules(builtin) == Self.rules(repository),
                "Sources/FuzzHarness/BuiltinPolicy.swift no longer matches playbooks/runbook.policy.yaml: copy its roles, levels and effects")
        #expect(!Self.rules(builtin).isEmpty)
    }
}
