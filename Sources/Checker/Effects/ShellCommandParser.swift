/// Groups shell tokens into simple commands, splitting at `;`, `&`, `&&`, `||`, `|`,
/// newlines and parentheses. Function definitions (`name() { … }`) are dropped; their
/// bodies are ordinary commands after the `{`. In `case … esac`, each branch's patterns
/// become one pattern command (`isPattern`) and its body ordinary commands.
enum ShellCommandParser {
    /// Where the parser is in one `case … esac`: a branch's patterns, or its commands.
    private enum CaseState { case patterns, commands }

    static func commands(in tokens: [ShellToken]) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var current = ShellCommand()
        var pipeNext = false
        var index = 0
        /// Open `case` statements, innermost last.
        var cases: [CaseState] = []

        func finish() {
            guard !current.isEmpty else { return }
            commands.append(current)
            current = ShellCommand()
        }

        func extend(_ range: Range<Int>) {
            if current.isEmpty {
                current.range = range
                if pipeNext { current.pipedFrom = commands.count - 1 }
                pipeNext = false
            } else {
                current.range =
                    min(current.range.lowerBound, range.lowerBound)..<max(current.range.upperBound, range.upperBound)
            }
        }

        while index < tokens.count {
            switch tokens[index] {
            case .word(let word) where current.isEmpty && !cases.isEmpty && isKeyword("esac", word):
                cases.removeLast()
            case .word(let word) where cases.last == .patterns:
                extend(word.range)
                current.words.append(word)
                current.isPattern = true
            case .word(let word):
                extend(word.range)
                current.words.append(word)
                if opensCase(current.words) {
                    finish()
                    cases.append(.patterns)
                }
            case .control(let op, _) where cases.last == .patterns:
                // `(` before and `|` between patterns, newlines between branches.
                if op == ")" {
                    finish()
                    cases[cases.count - 1] = .commands
                } else if op != "(" && op != "|" && op != "\n" {
                    finish()
                }
            case .control(let op, _) where cases.last == .commands && (op == ";;" || op == ";&" || op == ";;&"):
                finish()
                cases[cases.count - 1] = .patterns
            case .redirect(let redirect):
                extend(redirect.range)
                var target: ShellWord?
                if index + 1 < tokens.count, case .word(let word) = tokens[index + 1] {
                    target = word
                    current.range = current.range.lowerBound..<max(current.range.upperBound, word.range.upperBound)
                    index += 1
                }
                current.redirects.append((redirect, target))
            case .control(let op, _):
                if op == "(", current.words.count == 1, current.redirects.isEmpty, isControl(")", tokens, index + 1) {
                    current = ShellCommand()  // name() { … }: drop the name
                    index += 1
                } else {
                    let hadCommand = !current.isEmpty
                    finish()
                    pipeNext = hadCommand && (op == "|" || op == "|&")
                }
            }
            index += 1
        }
        finish()
        return commands
    }

    /// `case WORD in`, after any keywords like `then` or `do` that share its simple command.
    private static func opensCase(_ words: [ShellWord]) -> Bool {
        let count = words.count
        guard count >= 3, isKeyword("in", words[count - 1]), isKeyword("case", words[count - 3]) else { return false }
        return words[..<(count - 3)].allSatisfy { !$0.isQuoted && ShellVocabulary.transparentKeywords.contains($0.text) }
    }

    private static func isKeyword(_ keyword: String, _ word: ShellWord) -> Bool {
        !word.isQuoted && word.text == keyword
    }

    private static func isControl(_ op: String, _ tokens: [ShellToken], _ index: Int) -> Bool {
        guard index < tokens.count, case .control(let found, _) = tokens[index] else { return false }
        return found == op
    }
}
