/// One simple command: its words, redirections and the pipeline stage feeding its stdin.
struct ShellCommand: Sendable {
    var words: [ShellWord] = []
    var redirects: [(redirect: ShellRedirect, target: ShellWord?)] = []
    /// Lexed-text range from the command's first token to its last.
    var range: Range<Int> = 0..<0
    /// Index (in the parsed list) of the command whose stdout is piped into this one.
    var pipedFrom: Int?
    /// The patterns of a `case` branch (`start|restart)`): nothing runs but their substitutions.
    var isPattern = false

    var isEmpty: Bool { words.isEmpty && redirects.isEmpty }
}
