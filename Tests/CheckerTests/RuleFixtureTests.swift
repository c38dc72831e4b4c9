import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Checker
@testable import Language

/// Every checker rule has a folder under `Fixtures/rules/<rule-id>/` with `bad.yaml` (the
/// expected findings marked with 1️⃣ 2️⃣ and listed in a first-line `# expect:` comment) and
/// `good.yaml` (the same intent written so the rule is satisfied).
@Suite struct RuleFixtureTests {
    static let rulesFolder = Fixtures.directory().appendingPathComponent("rules")

    static let ruleNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rulesFolder.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: rulesFolder.appendingPathComponent(name).path,
                                                  isDirectory: &isDirectory) && isDirectory.boolValue && name != "callees"
        }.sorted()
    }()

    @Test func everyCheckerRuleHasFixtures() {
        let covered = Set(Self.ruleNames)
        for rule in RuleCatalog.checker.map(\.id.rawValue) {
            #expect(covered.contains(rule), "no fixtures for rule \(rule) under Fixtures/rules/\(rule)/")
        }
    }

    @Test(arguments: ruleNames)
    func badFixtureReportsTheRuleAtEachMarker(_ rule: String) throws {
        let (path, marked, raw) = try Self.load(rule, "bad")
        let found = RuleHarness.lint(path: path, text: marked.text)
        let expected = RuleHarness.expectations(raw)
        #expect(!expected.isEmpty)
        var unmatched = found
        for (marker, expectedRule) in expected {
            let position = marked[marker]
            let index = unmatched.firstIndex {
                $0.rule == expectedRule && $0.location.line == position.line && $0.location.column == position.column
            }
            #expect(index != nil, "\(rule)/bad: expected \(expectedRule) at \(position.line):\(position.column); got:\n\(found.map(\.description).joined(separator: "\n"))")
            if let index { unmatched.remove(at: index) }
        }
        let unexpected = unmatched.filter { $0.severity == .error || $0.rule.rawValue == rule }
        #expect(unexpected.isEmpty, "\(rule)/bad: unexpected:\n\(unexpected.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: ruleNames)
    func goodFixtureIsClean(_ rule: String) throws {
        let (path, marked, _) = try Self.load(rule, "good")
        let found = RuleHarness.lint(path: path, text: marked.text)
        let relevant = found.filter { $0.severity == .error || $0.rule.rawValue == rule }
        #expect(relevant.isEmpty, "\(rule)/good:\n\(relevant.map(\.description).joined(separator: "\n"))")
    }

    static func load(_ rule: String, _ name: String) throws -> (String, MarkedText, String) {
        let folder = rulesFolder.appendingPathComponent(rule)
        for file in ["\(name).yaml", "\(name)/runbook.policy.yaml"] {
            let url = folder.appendingPathComponent(file)
            if let text = try? String(contentsOf: url, encoding: .utf8) { return (url.path, MarkedText(text), text) }
        }
        throw FixtureMissing(path: folder.appendingPathComponent(name).path)
    }

    struct FixtureMissing: Error { var path: String }
}

/// Lints one fixture as `runbook lint` would, without ShellCheck.
enum RuleHarness {
    static let policy: Policy? = {
        let url = RuleFixtureTests.rulesFolder.appendingPathComponent("runbook.policy.yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return Frontend.parsePolicy(SourceFile(path: url.path, text: text)).policy
    }()

    static func lint(path: String, text: String) -> [Diagnostic] {
        let source = SourceFile(path: path, text: text)
        let result = Frontend.parse(source)
        var found = result.diagnostics
        switch result.document {
        case .policy(let policy)?:
            found += PolicyChecker.check(policy)
        case .playbook(let playbook)?:
            let usePolicy = text.contains("# policy: none") ? nil : policy
            found += Checker.check(playbook, source: source, policy: usePolicy, callees: Workspace().callees)
        case nil:
            break
        }
        return Suppressions(source: source).apply(to: found)
    }

    /// `# expect: 1️⃣ rule, 2️⃣ rule` on the raw first line: each marker with its rule.
    /// A marker may name several findings at one place (`1️⃣ a, 1️⃣ b`).
    static func expectations(_ raw: String) -> [(Int, RuleID)] {
        let firstLine = raw.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        guard firstLine.hasPrefix("# expect:") else { return [] }
        return firstLine.dropFirst("# expect:".count).split(separator: ",").compactMap { entry in
            let marked = MarkedText(String(entry))
            guard let marker = marked.markers.keys.first else { return nil }
            return (marker, RuleID(rawValue: marked.text.trimmingCharacters(in: .whitespaces)))
        }
    }
}
