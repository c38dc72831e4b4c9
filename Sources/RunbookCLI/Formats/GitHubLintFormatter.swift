import Diagnostics
import Foundation

/// `--format github`: one GitHub Actions workflow command per diagnostic, which the runner turns
/// into an annotation on the pull request's diff. Nothing else is printed.
struct GitHubLintFormatter: LintFormatter {
    /// The checkout's root (absolute): annotation paths are made relative to it.
    var root: String = FileManager.default.currentDirectoryPath

    func render(_ report: LintReport, rules: [RuleDescriptor], toolVersion: String) -> String {
        report.diagnostics.map { line(for: $0) + "\n" }.joined()
    }

    /// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::MESSAGE`, notes as extra lines.
    func line(for diagnostic: Diagnostic) -> String {
        let region = ReportRegion(diagnostic.range)
        let properties = [
            ("file", ReportPath.relative(diagnostic.range.start.file, to: root)),
            ("line", String(region.startLine)), ("col", String(region.startColumn)),
            ("endLine", String(region.endLine)), ("endColumn", String(region.endColumn)),
            ("title", diagnostic.rule.rawValue),
        ].map { "\($0.0)=\(Self.escapeProperty($0.1))" }
        let message = ([diagnostic.message] + diagnostic.notes.map(noteLine)).joined(separator: "\n")
        return "::\(Self.command(for: diagnostic.severity)) \(properties.joined(separator: ","))::"
            + Self.escapeData(message)
    }

    /// GitHub's command names: `notice`, not `note`.
    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// Escapes a command's message the way the Actions runner unescapes it: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// Escapes a property value, which also must not contain the `:` and `,` that delimit properties.
    static func escapeProperty(_ text: String) -> String {
        escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }

    /// Replaces scalar by scalar, so a CR inside a CRLF (one `Character` in Swift) is still found.
    private static func escape(_ text: String, _ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// `note: MESSAGE`, prefixed with `path:line:column: ` when the note points somewhere.
    private func noteLine(_ note: DiagnosticNote) -> String {
        guard let start = note.range?.start else { return "note: \(note.message)" }
        return "\(ReportPath.relative(start.file, to: root)):\(start.line):\(start.column): note: \(note.message)"
    }
}
