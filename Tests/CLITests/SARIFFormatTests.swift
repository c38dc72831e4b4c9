import Diagnostics
import Foundation
import Testing
@testable import RunbookCLI

@Suite struct SARIFFormatTests {
    private let formatter = SARIFLintFormatter(root: FormatSample.root)

    private func render(_ report: LintReport) -> String {
        formatter.render(report, rules: FormatSample.rules, toolVersion: FormatSample.version)
    }

    private func run(_ report: LintReport) throws -> SARIFLog.Run {
        let log = try JSONDecoder().decode(SARIFLog.self, from: Data(render(report).utf8))
        #expect(log.schema == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log.version == "2.1.0")
        #expect(log.runs.count == 1)
        return try #require(log.runs.first)
    }

    @Test func driverListsOnlyTheRulesThatOccurSortedWithDocumentation() throws {
        let driver = try run(FormatSample.report()).tool.driver
        #expect(driver.name == "runbook")
        #expect(driver.version == "1.2.3")
        #expect(driver.informationUri == "https://github.com/runbook/runbook")
        #expect(driver.rules.map(\.id) == ["destructive-without-confirm", "missing-field", "unknown-field"])
        let rule = try #require(driver.rules.first)
        #expect(rule == SARIFRule(
            id: "destructive-without-confirm", name: "DestructiveWithoutConfirm",
            shortDescription: .init(text: "a destructive step that does not ask the operator first"),
            fullDescription: .init(text: "a destructive step that does not ask the operator first"),
            defaultConfiguration: .init(level: "warning"),
            helpUri: "https://github.com/runbook/runbook/blob/main/docs/lint-rules.md#destructive-without-confirm"))
    }

    @Test func resultsPointAtTheirRuleAndAtRelativeRegions() throws {
        let run = try run(FormatSample.report())
        #expect(run.results.map(\.ruleId) == ["unknown-field", "destructive-without-confirm", "missing-field"])
        #expect(run.results.map(\.level) == ["error", "warning", "error"])
        for result in run.results {
            #expect(run.tool.driver.rules[result.ruleIndex].id == result.ruleId)
            let artifact = try #require(result.locations.first?.physicalLocation.artifactLocation)
            #expect(artifact == .init(uri: "playbooks/restart.yaml", uriBaseId: "%SRCROOT%"))
        }
        #expect(run.results.map { $0.locations.first?.physicalLocation.region } == [
            ReportRegion(startLine: 3, startColumn: 1, endLine: 3, endColumn: 6),
            ReportRegion(startLine: 5, startColumn: 9, endLine: 5, endColumn: 14),
            ReportRegion(startLine: 6, startColumn: 5, endLine: 6, endColumn: 6),
        ])
    }

    @Test func notesBecomeRelatedLocationsOrExtraMessageLines() throws {
        let results = try run(FormatSample.report()).results
        #expect(results[0].message.text == "unknown field 'setps' in a playbook\ndid you mean 'steps'?")
        #expect(results[0].relatedLocations == nil)
        #expect(results[1].message.text == "step 'purge' deletes data without asking first")
        #expect(results[1].relatedLocations == [SARIFLocation(
            id: 1,
            physicalLocation: .init(artifactLocation: .init(uri: "playbooks/restart.yaml", uriBaseId: "%SRCROOT%"),
                                    region: .init(startLine: 2, startColumn: 1, endLine: 2, endColumn: 12)),
            message: .init(text: "the playbook's id is set here"))])
    }

    @Test func runDescribesItsArtifactsBaseAndColumns() throws {
        let run = try run(FormatSample.report())
        #expect(run.artifacts == [.init(location: .init(uri: "playbooks/restart.yaml", uriBaseId: "%SRCROOT%"))])
        #expect(run.originalUriBaseIds == ["%SRCROOT%": .init(uri: "file:///work/repo/", uriBaseId: nil)])
        #expect(run.columnKind == "unicodeCodePoints")
        let raw = try #require(try JSONSerialization.jsonObject(with: Data(render(FormatSample.report()).utf8))
            as? [String: Any])
        #expect(Set(raw.keys) == ["$schema", "version", "runs"])
    }

    @Test func fingerprintsAreDistinctAndSurviveLinesMoving() throws {
        let hashes = try run(FormatSample.report()).results.map { $0.partialFingerprints["primaryLocationLineHash"] ?? "" }
        #expect(Set(hashes).count == 3)
        #expect(hashes.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{16}:1/) != nil }, "\(hashes)")
        let moved = try run(FormatSample.report(shift: 4)).results.map { $0.partialFingerprints["primaryLocationLineHash"] }
        #expect(moved == hashes)
    }

    @Test func repeatsOfTheSameRuleOnEqualLinesAreNumbered() throws {
        var report = LintReport()
        let text = "- x\n- x\n"
        report.add(file: "a.yaml", source: SourceFile(path: "a.yaml", text: text), diagnostics: [
            Diagnostic(.warning, "r", "m", at: FormatSample.range(1, 1, 1, 2, in: "a.yaml")),
            Diagnostic(.warning, "r", "m", at: FormatSample.range(2, 1, 2, 2, in: "a.yaml")),
        ])
        let hashes = try run(report).results.compactMap { $0.partialFingerprints["primaryLocationLineHash"] }
        #expect(hashes.count == 2 && hashes[0].dropLast(2) == hashes[1].dropLast(2))
        #expect(hashes.map { $0.suffix(2) } == [":1", ":2"])
    }

    @Test func anEmptyReportHasAnEmptyRun() throws {
        let run = try run(LintReport())
        #expect(run.results.isEmpty && run.tool.driver.rules.isEmpty && run.artifacts.isEmpty)
    }

    @Test func shellCheckCodesAreDescribedByTheirFamilyAndUnknownRulesStillGetAnEntry() throws {
        var report = LintReport()
        report.add(file: "a.yaml", source: SourceFile(path: "a.yaml", text: "a\n"), diagnostics: [
            Diagnostic(.warning, "SC2086", "Double quote to prevent globbing", at: FormatSample.range(1, 1, 1, 2, in: "a.yaml")),
            Diagnostic(.note, "brand-new", "m", at: FormatSample.range(1, 1, 1, 2, in: "a.yaml")),
        ])
        let rules = FormatSample.rules + [RuleDescriptor("SC", .warning, "a ShellCheck finding")]
        let log = try JSONDecoder().decode(SARIFLog.self, from: Data(
            formatter.render(report, rules: rules, toolVersion: "1").utf8))
        let driverRules = try #require(log.runs.first?.tool.driver.rules)
        #expect(driverRules.map(\.id) == ["SC2086", "brand-new"])
        #expect(driverRules.map(\.shortDescription.text) == ["a ShellCheck finding", "runbook rule brand-new"])
        #expect(driverRules.map(\.defaultConfiguration.level) == ["warning", "note"])
        #expect(driverRules.first?.helpUri.hasSuffix("lint-rules.md#sc2086") == true)
    }
}
