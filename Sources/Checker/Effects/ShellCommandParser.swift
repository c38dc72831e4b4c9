/// Groups shell tokens into simple commands, splitting at `;`, `&`, `&&`, `||`, `|`,
/// newlines and parentheses. Function definitions (`name() { … }`) are dropped; their
/// bodies are ordinary commands after the `{`.
enum ShellCommandParser {
    static func commands(in tokens: [ShellToken]) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var current = ShellCommand()
        var pipeNext = false
        var index = 0

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
            case .word(let word):
                extend(word.range)
                current.words.append(word)
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

    private static func isControl(_ op: String, _ tokens: [ShellToken], _ index: Int) -> Bool {
        guard index < tokens.count, case .control(let found, _) = tokens[index] else { return false }
        return found == op
    }
}
