/// A shell word after quote removal, e.g. `"DROP TABLE \"x\""` → `DROP TABLE "x"`.
/// Expansions (`$X`, `$(…)`) are kept as written: the checker never runs anything.
struct ShellWord: Sendable {
    var value: [UInt8] = []
    /// Index in the lexed text of each byte of `value`.
    var origins: [Int] = []
    /// The raw word in the lexed text, quotes included.
    var range: Range<Int>
    /// Some part was quoted or escaped.
    var isQuoted = false
    /// An unquoted `*`, `?` or `[` (a pathname pattern).
    var hasGlob = false
    /// Starts with an unquoted or double-quoted `$` or backquote expansion.
    var startsWithExpansion = false
    /// Bodies of `$(…)`, backquotes and `<(…)`, `>(…)`: commands that run.
    var substitutions: [Range<Int>] = []

    var text: String { String(decoding: value, as: UTF8.self) }

    /// `NAME=value` or `NAME+=value` with an unquoted valid name.
    var isAssignment: Bool {
        guard let equals = value.firstIndex(of: ASCII.equals), equals > 0,
            origins.count > equals, origins[equals] - range.lowerBound == equals
        else { return false }
        var name = value[..<equals]
        if name.last == ASCII.plus { name = name.dropLast() }
        guard let first = name.first, ASCII.isLetter(first) || first == ASCII.underscore else { return false }
        return name.allSatisfy { ASCII.isAlphanumeric($0) || $0 == ASCII.underscore }
    }
}
