/// One lexical unit of a shell script.
enum ShellToken: Sendable {
    case word(ShellWord)
    /// `;`, `&`, `&&`, `||`, `|`, `|&`, newline (`"\n"`), `(`, `)`.
    case control(String, Range<Int>)
    case redirect(ShellRedirect)
}

/// A redirection operator; its target is the following word (the delimiter for heredocs).
struct ShellRedirect: Sendable {
    /// Operator without the file-descriptor prefix: `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `&>`, …
    var op: String
    var range: Range<Int>
    /// The lines of a here-document, once read.
    var heredocBody: Range<Int>?

    var isHeredoc: Bool { op == "<<" || op == "<<-" }
    /// Operators that open a file for writing.
    var writesFile: Bool { [">", ">>", ">|", "&>", "&>>", "<>", ">&"].contains(op) }
}
