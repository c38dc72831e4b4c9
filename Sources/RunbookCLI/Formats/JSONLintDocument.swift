import Diagnostics

/// The `--format json` document, schema version 1 (see `docs/lint-output.md`).
///
/// Fields are only ever added within a schema version; renaming or removing one bumps `version`.
struct JSONLintDocument: Codable, Equatable, Sendable {
    /// The schema version of this document, so consumers can refuse ones they do not know.
    static let schemaVersion = 1

    var version: Int
    var tool: Tool
    var summary: Summary
    /// Every file that was linted, in the order it was read, as the user named it.
    var files: [String]
    var diagnostics: [Entry]

    /// Which program wrote the document.
    struct Tool: Codable, Equatable, Sendable {
        var name: String
        var version: String
    }

    /// Counts for a quick pass/fail decision without walking `diagnostics`.
    struct Summary: Codable, Equatable, Sendable {
        var files: Int
        var errors: Int
        var warnings: Int
    }

    /// One diagnostic; lines and columns are 1-based, columns count Unicode scalars, ends are exclusive.
    struct Entry: Codable, Equatable, Sendable {
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var severity: String
        var rule: String
        var message: String
        var notes: [Note]
    }

    /// Extra context; `file`, `line` and `column` are present only when the note points somewhere.
    struct Note: Codable, Equatable, Sendable {
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
    }
}

extension JSONLintDocument {
    /// The document for a finished lint, with paths exactly as the report has them.
    init(_ report: LintReport, toolVersion: String) {
        self.init(
            version: Self.schemaVersion,
            tool: Tool(name: "runbook", version: toolVersion),
            summary: Summary(files: report.files.count, errors: report.diagnostics.errorCount,
                             warnings: report.diagnostics.warningCount),
            files: report.files,
            diagnostics: report.diagnostics.map(Entry.init))
    }
}

extension JSONLintDocument.Entry {
    init(_ diagnostic: Diagnostic) {
        let range = diagnostic.range
        self.init(
            file: range.start.file, line: range.start.line, column: range.start.column,
            endLine: range.end.line, endColumn: range.end.column,
            severity: diagnostic.severity.rawValue, rule: diagnostic.rule.rawValue,
            message: diagnostic.message, notes: diagnostic.notes.map(JSONLintDocument.Note.init))
    }
}

extension JSONLintDocument.Note {
    init(_ note: DiagnosticNote) {
        self.init(message: note.message, file: note.range?.start.file,
                  line: note.range?.start.line, column: note.range?.start.column)
    }
}
