/// Converts ShellCheck's 1-based (line, column) within a script into an offset in Unicode
/// scalars, which `ScalarPositionMap` turns into a file location.
///
/// Columns are `json1` columns: one per Unicode scalar, a tab counting as one (checked
/// against ShellCheck 0.9). Lines end at `\n` only, as in bash.
struct ShellScriptLines {
    /// Scalar offset where each line starts.
    private let starts: [Int]
    private let count: Int

    init(_ script: String) {
        var starts = [0]
        var count = 0
        for scalar in script.unicodeScalars {
            count += 1
            if scalar == "\n" { starts.append(count) }
        }
        self.starts = starts
        self.count = count
    }

    /// The offset of (line, column), clamped into the script: a line past the end is the end,
    /// a column past its line is the line's end (its `\n`).
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= starts.count else { return count }
        let start = starts[line - 1]
        let end = line < starts.count ? starts[line] - 1 : count
        return start + max(0, min(column - 1, end - start))
    }

    /// The half-open offsets from (line, column) to (endLine, endColumn), never reversed.
    func offsets(line: Int, column: Int, endLine: Int, endColumn: Int) -> Range<Int> {
        let lower = offset(line: line, column: column)
        let upper = offset(line: endLine, column: endColumn)
        return lower..<max(lower, upper)
    }
}
