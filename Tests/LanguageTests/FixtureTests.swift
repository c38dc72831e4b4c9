import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Language

/// Runs every fixture: `valid/` must parse clean; each `invalid/` file lists its expected
/// findings in a first-line comment (`# expect: 1️⃣ rule, 2️⃣ rule`) and marks where they are.
@Suite struct FixtureTests {
    static let valid = Fixtures.files(in: "valid")
    static let invalid = Fixtures.files(in: "invalid")

    @Test(arguments: valid)
    func validFixtureParsesClean(_ name: String) throws {
        let source = try load("valid/\(name)")
        let result = Frontend.parse(SourceFile(path: name, text: source.text))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(result.document != nil)
    }

    @Test(arguments: invalid)
    func invalidFixtureReportsEachFindingAtItsMarker(_ name: String) throws {
        let source = try load("invalid/\(name)")
        let path = name.hasSuffix(".runbook.policy.yaml") ? "x/runbook.policy.yaml" : name
        let result = Frontend.parse(SourceFile(path: path, text: source.text))
        let expected = try expectations(source.text)
        #expect(!expected.isEmpty, "fixture \(name) lists no expectations")
        var unmatched = result.diagnostics
        for (marker, rule) in expected {
            let position = source[marker]
            let index = unmatched.firstIndex {
                $0.rule == rule && $0.location.line == position.line && $0.location.column == position.column
            }
            #expect(index != nil, "\(name): expected \(rule) at \(position.line):\(position.column) (marker \(marker)); got:\n\(result.diagnostics.map(\.description).joined(separator: "\n"))")
            if let index { unmatched.remove(at: index) }
        }
        #expect(unmatched.isEmpty, "\(name): unexpected findings:\n\(unmatched.map(\.description).joined(separator: "\n"))")
    }

    private func load(_ relative: String) throws -> MarkedText {
        let url = Fixtures.directory().appendingPathComponent(relative)
        return MarkedText(try String(contentsOf: url, encoding: .utf8))
    }

    /// Parses `# expect: 1️⃣ rule, 2️⃣ rule` from the (marker-free) first line.
    private func expectations(_ text: String) throws -> [(Int, RuleID)] {
        let firstLine = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        let marked = try #require(firstLine.hasPrefix("# expect:") ? firstLine : nil, "first line must be '# expect: …'")
        // The markers were stripped, so the rules stand in marker order 1, 2, 3 …
        let rules = marked.dropFirst("# expect:".count).split(separator: ",").map {
            RuleID(rawValue: $0.trimmingCharacters(in: .whitespaces))
        }
        return rules.enumerated().map { ($0.offset + 1, $0.element) }
    }
}
