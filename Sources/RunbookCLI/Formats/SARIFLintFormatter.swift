import Diagnostics
import Foundation

/// `--format sarif`: a SARIF 2.1.0 log that `github/codeql-action/upload-sarif` accepts.
struct SARIFLintFormatter: LintFormatter {
    static let informationURI = "https://github.com/runbook/runbook"

    /// The checkout's root (absolute): artifact URIs are made relative to it, under `%SRCROOT%`.
    var root: String = FileManager.default.currentDirectoryPath

    func render(_ report: LintReport, rules: [RuleDescriptor], toolVersion: String) -> String {
        StableJSON.encode(log(report, rules: rules, toolVersion: toolVersion))
    }

    /// The log as a value, for callers and tests that want to inspect it.
    func log(_ report: LintReport, rules: [RuleDescriptor], toolVersion: String) -> SARIFLog {
        let table = SARIFRuleTable(diagnostics: report.diagnostics, descriptors: rules)
        var occurrences: [String: Int] = [:]
        let results = report.diagnostics.map { diagnostic in
            result(diagnostic, ruleIndex: table.index(of: diagnostic.rule),
                   fingerprint: fingerprint(diagnostic, report.sources, &occurrences))
        }
        let driver = SARIFLog.Driver(name: "runbook", version: toolVersion,
                                     informationUri: Self.informationURI, rules: table.rules)
        let run = SARIFLog.Run(
            tool: SARIFLog.Tool(driver: driver), results: results,
            artifacts: report.files.map { SARIFLog.Artifact(location: .init(path: $0, root: root)) },
            originalUriBaseIds: [SARIFLog.sourceRoot: .init(uri: ReportPath.folderURI(root), uriBaseId: nil)],
            columnKind: "unicodeCodePoints")
        return SARIFLog(schema: SARIFLog.schemaURI, version: SARIFLog.sarifVersion, runs: [run])
    }

    private func result(_ diagnostic: Diagnostic, ruleIndex: Int, fingerprint: String) -> SARIFResult {
        var text = diagnostic.message
        var related: [SARIFLocation] = []
        for note in diagnostic.notes {
            if let range = note.range {
                related.append(location(range, id: related.count + 1, message: note.message))
            } else {
                text += "\n" + note.message
            }
        }
        return SARIFResult(
            ruleId: diagnostic.rule.rawValue, ruleIndex: ruleIndex, level: diagnostic.severity.rawValue,
            message: SARIFLog.Text(text: text), locations: [location(diagnostic.range)],
            relatedLocations: related.isEmpty ? nil : related,
            partialFingerprints: ["primaryLocationLineHash": fingerprint])
    }

    private func location(_ range: SourceRange, id: Int? = nil, message: String? = nil) -> SARIFLocation {
        SARIFLocation(
            id: id,
            physicalLocation: .init(artifactLocation: .init(path: range.start.file, root: root),
                                    region: ReportRegion(range)),
            message: message.map { SARIFLog.Text(text: $0) })
    }

    /// A hash of the rule, the file and the text of the first line (not its number, so it survives
    /// edits above it), then `:N` counting repeats of the same hash, as GitHub's own hashes do.
    private func fingerprint(
        _ diagnostic: Diagnostic, _ sources: [String: SourceFile], _ occurrences: inout [String: Int]
    ) -> String {
        let start = diagnostic.range.start
        var hasher = LineFingerprint()
        hasher.combine(diagnostic.rule.rawValue)
        hasher.combine(ReportPath.relative(start.file, to: root))
        if let line = sources[start.file]?.line(start.line) {
            hasher.combine(line.trimmingCharacters(in: .whitespaces))
        } else {
            hasher.combine("line \(start.line)")
        }
        let hash = hasher.hex
        occurrences[hash, default: 0] += 1
        return "\(hash):\(occurrences[hash, default: 1])"
    }
}
