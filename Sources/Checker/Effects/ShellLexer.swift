/// Tokenizes a shell script the way bash splits it into words and operators: quotes
/// (`'…'`, `"…"`, `$'…'`), backslash escapes, line continuations, comments, `$(…)`
/// and backquote bodies (recorded for scanning), `${…}`, `$((…))`, redirections and
/// here-documents. Not a full bash parser; it never fails, unterminated quotes run to the end.
struct ShellLexer {
    private let bytes: [UInt8]
    private var index = 0
    private var tokens: [ShellToken] = []
    /// Here-documents whose bodies start after the next newline: token index, delimiter, strip tabs.
    private var pendingHeredocs: [(token: Int, delimiter: [UInt8], stripTabs: Bool)] = []
    private var awaitingDelimiter: (token: Int, stripTabs: Bool)?

    init(bytes: [UInt8]) { self.bytes = bytes }

    static func tokens(in text: ShellText) -> [ShellToken] {
        var lexer = ShellLexer(bytes: text.bytes)
        return lexer.run()
    }

    private func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    mutating func run() -> [ShellToken] {
        while index < bytes.count {
            let current = bytes[index]
            let next = byte(at: index + 1)
            if current == ASCII.space || current == ASCII.tab || current == ASCII.carriageReturn {
                index += 1
            } else if current == ASCII.backslash, next == ASCII.newline {
                index += 2
            } else if current == ASCII.newline {
                tokens.append(.control("\n", index..<(index + 1)))
                index += 1
                readHeredocBodies()
            } else if current == ASCII.hash {
                while index < bytes.count, bytes[index] != ASCII.newline { index += 1 }
            } else if current == ASCII.openParen, next == ASCII.openParen {
                lexArithmeticCommand()
            } else if let redirect = redirectOperator() {
                emitRedirect(redirect.op, length: redirect.length)
            } else if let control = controlOperator() {
                tokens.append(.control(control, index..<(index + control.utf8.count)))
                index += control.utf8.count
            } else {
                lexWord()
            }
        }
        return tokens
    }

    // MARK: Operators

    private func controlOperator() -> String? {
        let current = bytes[index]
        let next = byte(at: index + 1)
        switch current {
        case ASCII.semicolon:
            if next == ASCII.semicolon { return byte(at: index + 2) == ASCII.ampersand ? ";;&" : ";;" }
            return next == ASCII.ampersand ? ";&" : ";"
        case ASCII.ampersand: return next == ASCII.ampersand ? "&&" : "&"
        case ASCII.pipe:
            if next == ASCII.pipe { return "||" }
            return next == ASCII.ampersand ? "|&" : "|"
        case ASCII.openParen: return "("
        case ASCII.closeParen: return ")"
        default: return nil
        }
    }

    /// A redirection at `index`, with an optional file-descriptor number before it.
    private func redirectOperator() -> (op: String, length: Int)? {
        var start = index
        while let digit = byte(at: start), ASCII.isDigit(digit) { start += 1 }
        let digits = start - index
        guard let first = byte(at: start) else { return nil }
        let second = byte(at: start + 1)
        let third = byte(at: start + 2)
        let op: String
        switch first {
        case ASCII.less:
            if second == ASCII.openParen { return nil }  // <(…) process substitution is a word
            if second == ASCII.less {
                op = third == ASCII.less ? "<<<" : third == ASCII.minus ? "<<-" : "<<"
            } else if second == ASCII.ampersand {
                op = "<&"
            } else if second == ASCII.greater {
                op = "<>"
            } else {
                op = "<"
            }
        case ASCII.greater:
            if second == ASCII.openParen { return nil }
            if second == ASCII.greater {
                op = ">>"
            } else if second == ASCII.ampersand {
                op = ">&"
            } else if second == ASCII.pipe {
                op = ">|"
            } else {
                op = ">"
            }
        case ASCII.ampersand where digits == 0 && second == ASCII.greater:
            op = third == ASCII.greater ? "&>>" : "&>"
        default:
            return nil
        }
        return (op, digits + op.utf8.count)
    }

    private mutating func emitRedirect(_ op: String, length: Int) {
        let redirect = ShellRedirect(op: op, range: index..<(index + length))
        tokens.append(.redirect(redirect))
        if redirect.isHeredoc { awaitingDelimiter = (tokens.count - 1, op == "<<-") }
        index += length
    }

    /// `(( … ))` as one word whose value starts with `((`.
    private mutating func lexArithmeticCommand() {
        let start = index
        let close = ShellLexer.skipSubstitution(bytes, from: index + 1)
        index = min(close + 1, bytes.count)
        if byte(at: index) == ASCII.closeParen { index += 1 }
        let range = start..<index
        tokens.append(.word(ShellWord(value: Array(bytes[range]), origins: Array(range), range: range)))
    }

    // MARK: Here-documents

    private mutating func readHeredocBodies() {
        let pending = pendingHeredocs
        pendingHeredocs = []
        for heredoc in pending {
            let bodyStart = index
            var bodyEnd = bytes.count
            while index < bytes.count {
                let lineStart = index
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != ASCII.newline { lineEnd += 1 }
                var line = bytes[lineStart..<lineEnd]
                if heredoc.stripTabs { line = line.drop { $0 == ASCII.tab } }
                if line.last == ASCII.carriageReturn { line = line.dropLast() }
                index = min(lineEnd + 1, bytes.count)
                if line.elementsEqual(heredoc.delimiter) {
                    bodyEnd = lineStart
                    break
                }
            }
            if case .redirect(var redirect) = tokens[heredoc.token] {
                redirect.heredocBody = bodyStart..<max(bodyStart, bodyEnd)
                tokens[heredoc.token] = .redirect(redirect)
            }
        }
    }

    // MARK: Words

    private mutating func lexWord() {
        var word = ShellWord(range: index..<index)
        let start = index
        wordLoop: while index < bytes.count {
            let current = bytes[index]
            let next = byte(at: index + 1)
            switch current {
            case ASCII.space, ASCII.tab, ASCII.newline, ASCII.carriageReturn, ASCII.semicolon, ASCII.ampersand,
                ASCII.pipe, ASCII.openParen, ASCII.closeParen:
                break wordLoop
            case ASCII.less, ASCII.greater:
                guard next == ASCII.openParen else { break wordLoop }
                if index == start { word.startsWithExpansion = true }
                substitution(into: &word, bodyStart: index + 2)
            case ASCII.backslash:
                word.isQuoted = true
                if next == ASCII.newline {
                    index += 2
                } else if next != nil {
                    append(index + 1, to: &word)
                    index += 2
                } else {
                    append(index, to: &word)
                    index += 1
                }
            case ASCII.quote:
                word.isQuoted = true
                index += 1
                while index < bytes.count, bytes[index] != ASCII.quote {
                    append(index, to: &word)
                    index += 1
                }
                index += 1
            case ASCII.dollar where next == ASCII.quote:
                word.isQuoted = true
                ansiCQuoted(into: &word)
            case ASCII.dollar where next == ASCII.doubleQuote:
                index += 1  // $"…" is a translated "…"
            case ASCII.doubleQuote:
                word.isQuoted = true
                doubleQuoted(into: &word)
            case ASCII.dollar:
                if index == start { word.startsWithExpansion = true }
                expansion(into: &word)
            case ASCII.backquote:
                if index == start { word.startsWithExpansion = true }
                backquoted(into: &word)
            case ASCII.star, ASCII.question, ASCII.openBracket:
                word.hasGlob = true
                append(index, to: &word)
                index += 1
            default:
                append(index, to: &word)
                index += 1
            }
        }
        if index == start {  // a stray byte that starts no token: keep going
            append(index, to: &word)
            index += 1
        }
        index = min(index, bytes.count)
        word.range = start..<index
        tokens.append(.word(word))
        if let awaiting = awaitingDelimiter {
            pendingHeredocs.append((awaiting.token, word.value, awaiting.stripTabs))
            awaitingDelimiter = nil
        }
    }

    private func append(_ offset: Int, to word: inout ShellWord) {
        guard offset < bytes.count else { return }
        word.value.append(bytes[offset])
        word.origins.append(offset)
    }

    private mutating func appendRaw(_ range: Range<Int>, to word: inout ShellWord) {
        for offset in range { append(offset, to: &word) }
    }

    private mutating func doubleQuoted(into word: inout ShellWord) {
        index += 1
        while index < bytes.count, bytes[index] != ASCII.doubleQuote {
            let current = bytes[index]
            let next = byte(at: index + 1)
            if current == ASCII.backslash, let next,
                [ASCII.dollar, ASCII.backquote, ASCII.doubleQuote, ASCII.backslash, ASCII.newline].contains(next)
            {
                if next != ASCII.newline { append(index + 1, to: &word) }
                index += 2
            } else if current == ASCII.dollar {
                expansion(into: &word)
            } else if current == ASCII.backquote {
                backquoted(into: &word)
            } else {
                append(index, to: &word)
                index += 1
            }
        }
        index += 1
    }

    /// `$'…'` with C escapes; `\n`, `\t` are decoded, any other escaped byte stands for itself.
    private mutating func ansiCQuoted(into word: inout ShellWord) {
        index += 2
        while index < bytes.count, bytes[index] != ASCII.quote {
            if bytes[index] == ASCII.backslash, let next = byte(at: index + 1) {
                let decoded: UInt8 =
                    next == UInt8(ascii: "n") ? ASCII.newline : next == UInt8(ascii: "t") ? ASCII.tab : next
                word.value.append(decoded)
                word.origins.append(index + 1)
                index += 2
            } else {
                append(index, to: &word)
                index += 1
            }
        }
        index += 1
    }

    /// `$name`, `${…}`, `$((…))`, `$(…)`: kept as written; command substitutions recorded.
    private mutating func expansion(into word: inout ShellWord) {
        let start = index
        let next = byte(at: index + 1)
        if next == ASCII.openParen, byte(at: index + 2) == ASCII.openParen {
            let close = ShellLexer.skipSubstitution(bytes, from: index + 2)
            index = min(close + 1, bytes.count)
            if byte(at: index) == ASCII.closeParen { index += 1 }
            appendRaw(start..<index, to: &word)
        } else if next == ASCII.openParen {
            substitution(into: &word, bodyStart: index + 2)
        } else if next == ASCII.openBrace {
            var depth = 0
            while index < bytes.count {
                if bytes[index] == ASCII.openBrace { depth += 1 }
                if bytes[index] == ASCII.closeBrace {
                    depth -= 1
                    if depth == 0 { break }
                }
                index += 1
            }
            index = min(index + 1, bytes.count)
            appendRaw(start..<index, to: &word)
        } else {
            index += 1
            if let name = byte(at: index), ASCII.isAlphanumeric(name) || name == ASCII.underscore {
                while let more = byte(at: index), ASCII.isAlphanumeric(more) || more == ASCII.underscore { index += 1 }
            } else if let special = byte(at: index), "?#@*!$-".utf8.contains(special) {
                index += 1
            }
            appendRaw(start..<index, to: &word)
        }
    }

    /// A `$(…)`, `<(…)` or `>(…)` whose body starts at `bodyStart`.
    private mutating func substitution(into word: inout ShellWord, bodyStart: Int) {
        let start = index
        let close = ShellLexer.skipSubstitution(bytes, from: bodyStart)
        word.substitutions.append(min(bodyStart, close)..<close)
        index = min(close + 1, bytes.count)
        appendRaw(start..<index, to: &word)
    }

    private mutating func backquoted(into word: inout ShellWord) {
        let start = index
        var close = index + 1
        while close < bytes.count, bytes[close] != ASCII.backquote {
            close += bytes[close] == ASCII.backslash ? 2 : 1
        }
        close = min(close, bytes.count)
        word.substitutions.append((start + 1)..<close)
        index = min(close + 1, bytes.count)
        appendRaw(start..<index, to: &word)
    }

    /// The index of the `)` closing a substitution whose body starts at `start`
    /// (quotes, nested parentheses and `"$(…)"` respected), or the end of the text.
    /// Iterative, so that deeply nested input cannot exhaust the stack.
    static func skipSubstitution(_ bytes: [UInt8], from start: Int) -> Int {
        enum Context { case parentheses, doubleQuotes }
        var stack: [Context] = [.parentheses]
        var index = start
        while index < bytes.count, let context = stack.last {
            let current = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            if current == ASCII.backslash {
                index += 2
                continue
            }
            switch context {
            case .doubleQuotes:
                if current == ASCII.doubleQuote {
                    stack.removeLast()
                } else if current == ASCII.dollar, next == ASCII.openParen {
                    stack.append(.parentheses)
                    index += 1
                }
            case .parentheses:
                switch current {
                case ASCII.quote:
                    index += 1
                    while index < bytes.count, bytes[index] != ASCII.quote { index += 1 }
                case ASCII.doubleQuote:
                    stack.append(.doubleQuotes)
                case ASCII.hash where index == start || ASCII.isSpace(bytes[index - 1]):
                    while index < bytes.count, bytes[index] != ASCII.newline { index += 1 }
                    continue
                case ASCII.openParen:
                    stack.append(.parentheses)
                case ASCII.closeParen:
                    stack.removeLast()
                    if stack.isEmpty { return index }
                default:
                    break
                }
            }
            index += 1
        }
        return bytes.count
    }
}
