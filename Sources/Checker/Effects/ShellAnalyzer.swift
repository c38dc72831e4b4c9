import Language

/// Walks the simple commands of a shell text and collects write and destructive findings.
/// Nested scripts (`$(…)`, `bash -c`, heredocs fed to interpreters) are scanned recursively.
struct ShellAnalyzer {
    /// Nesting allowed for scripts inside scripts before giving up (as `write`).
    static let maxDepth = 8
    /// Wrappers allowed around one command (`sudo env nice timeout … cmd`).
    static let maxPrefixes = 64

    let text: ShellText
    let depth: Int

    /// The command being analyzed and the pipeline stage that feeds its stdin.
    struct Context {
        let command: ShellCommand
        let previous: ShellCommand?
    }

    static func findings(in text: ShellText, depth: Int = 0) -> [ShellFinding] {
        guard depth <= maxDepth else {
            return [
                ShellFinding(
                    range: text.original(0..<text.bytes.count), pattern: "nested script", effect: .write,
                    reason: "scripts nested too deeply to read (assumed write)")
            ]
        }
        return ShellAnalyzer(text: text, depth: depth).run()
    }

    func run() -> [ShellFinding] {
        let commands = ShellCommandParser.commands(in: ShellLexer.tokens(in: text))
        var result: [ShellFinding] = []
        for command in commands {
            let previous = command.pipedFrom.flatMap { commands.indices.contains($0) ? commands[$0] : nil }
            let context = Context(command: command, previous: previous)
            for word in command.words + command.redirects.compactMap(\.target) {
                for body in word.substitutions { result += scan(text.slice(body)) }
            }
            if command.isPattern { continue }
            // Inside `[[ … ]]`, `<` and `>` compare strings.
            if !command.words.contains(where: { !$0.isQuoted && $0.text == "[[" }) {
                result += redirectFindings(command)
            }
            result += analyze(command.words[...], context)
        }
        return result
    }

    /// Scans a nested script one level deeper.
    func scan(_ nested: ShellText) -> [ShellFinding] {
        ShellAnalyzer.findings(in: nested, depth: depth + 1)
    }

    func finding(_ effect: Effect, _ pattern: String, _ reason: String, at range: Range<Int>) -> ShellFinding {
        ShellFinding(range: text.original(range), pattern: pattern, effect: effect, reason: reason)
    }

    /// `> file`, `>> file`, `&> file`: a write unless the target is `/dev/null` or a standard stream.
    func redirectFindings(_ command: ShellCommand) -> [ShellFinding] {
        command.redirects.compactMap { redirect, target in
            guard redirect.writesFile, let target else { return nil }
            let path = target.text
            if ShellVocabulary.harmlessTargets.contains(path) { return nil }
            if redirect.op == ">&", path == "-" || path.allSatisfy(\.isNumber) { return nil }
            return finding(
                .write, "\(redirect.op) file", "redirects output into the file '\(path)'",
                at: redirect.range.lowerBound..<target.range.upperBound)
        }
    }

    /// Classifies one simple command (its words after any wrapper already removed).
    func analyze(_ allWords: ArraySlice<ShellWord>, _ context: Context, level: Int = 0) -> [ShellFinding] {
        let words = allWords.drop { $0.isAssignment }
        guard let head = words.first else { return [] }
        let span = head.range.lowerBound..<(words.last?.range.upperBound ?? head.range.upperBound)
        guard level < ShellAnalyzer.maxPrefixes else {
            return [finding(.write, head.text, "too many nested command prefixes to read (assumed write)", at: span)]
        }
        let name = ShellVocabulary.commandName(head.text)
        let arguments = ShellArguments(words.dropFirst())
        if head.startsWithExpansion {
            return [
                finding(
                    .write, head.text,
                    "runs a command named by an expansion the checker cannot resolve (assumed write)", at: span)
            ]
        }
        if ShellVocabulary.transparentKeywords.contains(name) {
            return analyze(words.dropFirst(), context, level: level + 1)
        }
        if ShellVocabulary.nonCommandKeywords.contains(name) || name.hasPrefix("((") { return [] }
        if let delegated = delegate(name, arguments, context, span: span, level: level) { return delegated }
        if let rule = ShellDestructiveRules.match(name, arguments) {
            return [finding(.destructive, rule.pattern, rule.reason, at: span)]
        }
        switch ShellReadOnlyRules.verdict(name, arguments) {
        case .read:
            return []
        case .write(let pattern, let reason):
            return [finding(.write, pattern, reason, at: span)]
        case .unknown:
            if let keyword = destructiveKeywordFinding(name, arguments) { return [keyword] }
            return [finding(.write, name, "'\(name)' is not a known read-only command (assumed write)", at: span)]
        }
    }

    /// For commands the checker does not know: an argument holding an upper-case destructive
    /// SQL/Redis keyword (`mysql-like-tool "DROP TABLE t"`) counts as destructive.
    private func destructiveKeywordFinding(_ name: String, _ arguments: ShellArguments) -> ShellFinding? {
        for word in arguments.words {
            let keywords = word.text.split { !($0.isLetter || $0 == "_") }
            if let redis = keywords.first(where: { $0 == "FLUSHDB" || $0 == "FLUSHALL" }) {
                return finding(
                    .destructive, String(redis), "'\(name)' is passed \(redis), which deletes every key",
                    at: word.range)
            }
            guard keywords.contains(where: { ShellVocabulary.sqlKeywords.contains(String($0)) }),
                let statement = SQLEffects.strongestStatement(in: word.text), statement.effect == .destructive
            else { continue }
            return finding(
                .destructive, statement.keyword, "'\(name)' is passed SQL: \(statement.reason)", at: word.range)
        }
        return nil
    }
}
