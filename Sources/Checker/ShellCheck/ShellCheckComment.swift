/// One finding in ShellCheck's `json1` output. Lines and columns are 1-based within the script;
/// `json1` counts a tab as one column (the legacy `json` format expands tabs to stops of 8),
/// so a column is a Unicode scalar offset in its line plus one. The end is exclusive.
public struct ShellCheckComment: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var endLine: Int
    public var column: Int
    public var endColumn: Int
    /// Kept as text: a level this build does not know must not make the whole output unreadable.
    public var level: String
    public var code: Int
    public var message: String
    public var fix: Fix?

    /// ShellCheck's suggested edit, when it has one.
    public struct Fix: Sendable, Hashable, Codable {
        public var replacements: [Replacement]
    }

    /// Replace the text between the positions by `replacement`.
    public struct Replacement: Sendable, Hashable, Codable {
        public var line: Int
        public var endLine: Int
        public var column: Int
        public var endColumn: Int
        public var replacement: String
    }

    /// The level as an enum; nil for one this build does not know.
    public var severity: ShellCheckLevel? { ShellCheckLevel(rawValue: level) }

    /// `SC2086`: the form ShellCheck, its wiki and `# shellcheck disable=` use.
    public var ruleName: String { "SC\(code)" }
}

/// The top level of `--format=json1` output.
struct ShellCheckOutput: Decodable {
    var comments: [ShellCheckComment]
}
