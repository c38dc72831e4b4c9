import Diagnostics

/// A diagnostic's range made acceptable to SARIF and GitHub annotations: lines and columns at
/// least 1, the end never before the start, and a zero-width range widened to one column.
/// Its coding keys are SARIF's `region` properties.
struct ReportRegion: Codable, Equatable, Sendable {
    var startLine: Int
    var startColumn: Int
    /// The line of the end, which may be later than `startLine`.
    var endLine: Int
    /// One past the last column, as in `SourceRange` and SARIF.
    var endColumn: Int

    init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    init(_ range: SourceRange) {
        startLine = max(1, range.start.line)
        startColumn = max(1, range.start.column)
        let end = (line: max(1, range.end.line), column: max(1, range.end.column))
        let endsLater = range.end.file == range.start.file
            && (end.line > startLine || (end.line == startLine && end.column > startColumn))
        endLine = endsLater ? end.line : startLine
        endColumn = endsLater ? end.column : startColumn + 1
    }
}
