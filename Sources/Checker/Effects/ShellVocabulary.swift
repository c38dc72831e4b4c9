/// Word lists the shell analyzer consults: shell keywords, harmless redirection targets.
enum ShellVocabulary {
    /// Keywords that precede a command without changing what it does.
    static let transparentKeywords: Set<String> = [
        "!", "{", "}", "then", "do", "else", "elif", "if", "while", "until", "fi", "done", "esac", "coproc",
    ]

    /// Words that start a simple command which runs nothing (`for x in …`, `case … in`).
    static let nonCommandKeywords: Set<String> = ["for", "select", "case", "function", "in"]

    /// Redirection targets that are not files on disk.
    static let harmlessTargets: Set<String> = ["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "-"]

    /// Upper-case SQL words that make an unknown command's argument worth classifying as SQL.
    static let sqlKeywords: Set<String> = ["DROP", "TRUNCATE", "DELETE", "UPDATE", "ALTER", "REVOKE"]

    /// Interpreters that take a script with `-c` or read one from stdin.
    static let shells: Set<String> = ["bash", "sh", "zsh", "dash", "ksh", "ash", "mksh"]

    /// `/usr/bin/rm` → `rm`.
    static func commandName(_ word: String) -> String {
        guard let slash = word.lastIndex(of: "/"), word.index(after: slash) < word.endIndex else { return word }
        return String(word[word.index(after: slash)...])
    }
}
