import Language

/// Splits SQL into statements at top-level `;` and classifies each one by its leading
/// keywords and clauses (language §5). Pure: no I/O, never fails on malformed text.
///
/// Known limits, chosen to err towards the stronger effect: an SQL-standard function body
/// (`BEGIN ATOMIC … END`) is split at its inner `;`; unknown statements are `write`;
/// functions other than the side-effect table in `SQLSideEffectFunctions` count as `read`.
struct SQLStatementClassifier {
    /// Nesting allowed for DO bodies and dynamic SQL classified from string literals.
    static let maxDepth = 6
    /// Nesting allowed for statements inside statements (CTEs, EXPLAIN, COPY (…), PREPARE).
    static let maxNesting = 64

    let bytes: [UInt8]
    /// Significant tokens: comments removed.
    let tokens: [SQLToken]
    /// Upper-cased text of `.word` tokens, `nil` for every other kind.
    let words: [String?]
    /// +1 for `(` and `[`, -1 for `)` and `]`, 0 otherwise: bracket tests are hot.
    let brackets: [Int8]
    /// True inside a DO body, where PL/pgSQL control words precede the SQL they guard.
    let procedural: Bool
    let depth: Int

    init(sql: String, procedural: Bool = false, depth: Int = 0) {
        bytes = Array(sql.utf8)
        tokens = SQLTokenizer.tokens(in: sql).filter { !$0.isComment }
        words = tokens.map { $0.kind == .word ? $0.text.uppercased() : nil }
        brackets = tokens.map { token in
            guard token.kind == .punctuation else { return 0 }
            switch token.text {
            case "(", "[": return 1
            case ")", "]": return -1
            default: return 0
            }
        }
        self.procedural = procedural
        self.depth = depth
    }

    /// Every non-empty statement, in order.
    func statements() -> [SQLStatement] {
        var result: [SQLStatement] = []
        var start = 0
        for index in 0...tokens.count where index == tokens.count || tokens[index].kind == .semicolon {
            if start < index {
                let verdict = classify(start..<index)
                let range = tokens[start].range.lowerBound..<tokens[index - 1].range.upperBound
                result.append(
                    SQLStatement(
                        range: range, keyword: verdict.keyword,
                        effect: verdict.effect, reason: verdict.reason))
            }
            start = index + 1
        }
        return result
    }

    /// Classifies the statement made of `tokens[range]` (no `;` inside).
    func classify(_ range: Range<Int>, level: Int = 0) -> SQLVerdict {
        guard level < SQLStatementClassifier.maxNesting else {
            return .write("…", "statement nested too deeply to read (assumed write)")
        }
        var start = range.lowerBound
        while start < range.upperBound, isOpen(start) { start += 1 }  // "(SELECT …) UNION (…)"
        guard start < range.upperBound else { return .read("", "empty statement") }
        let body = start..<range.upperBound
        let base: SQLVerdict
        if procedural {
            switch proceduralStep(body) {
            case .sql(let inner): base = statementVerdict(inner, level: level)
            case .verdict(let verdict): base = verdict
            }
        } else {
            base = statementVerdict(body, level: level)
        }
        guard words[start] != "EXPLAIN" else { return base }  // EXPLAIN handles its own inner calls
        return base.strongest(sideEffectCall(in: body, keyword: base.keyword))
    }

    /// Dispatch on the statement's first keyword.
    func statementVerdict(_ range: Range<Int>, level: Int) -> SQLVerdict {
        let start = range.lowerBound
        guard let first = words[start] else {
            let text = tokens[start].text
            return .write(text, "unknown statement starting with '\(text)' (assumed write)")
        }
        if let simple = SQLStatementClassifier.simpleVerdicts[first] { return simple }
        switch first {
        case "SELECT": return selectVerdict(range)
        case "WITH": return withVerdict(range, level: level)
        case "EXPLAIN": return explainVerdict(range, level: level)
        case "UPDATE", "DELETE": return filteredVerdict(range, verb: first)
        case "DROP": return dropVerdict(range)
        case "ALTER": return alterVerdict(range)
        case "CREATE":
            let phrase = objectPhrase(after: start, in: range)
            return .write(joined("CREATE", phrase), "CREATE adds a database object")
        case "COPY": return copyVerdict(range, level: level)
        case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE":
            return transactionVerdict(range, first: first)
        case "PREPARE": return prepareVerdict(range, level: level)
        case "DECLARE": return declareVerdict(range, level: level)
        case "DO": return doVerdict(range)
        default: return .write(first, "unknown statement '\(first)' (assumed write)")
        }
    }

    /// Statements decided by their first keyword alone.
    static let simpleVerdicts: [String: SQLVerdict] = {
        var table: [String: SQLVerdict] = [:]
        for word in ["VALUES", "TABLE"] { table[word] = .read(word, "\(word) only reads") }
        table["SHOW"] = .read("SHOW", "SHOW only reads a setting")
        for word in ["FETCH", "MOVE", "CLOSE", "LISTEN", "UNLISTEN"] {
            table[word] = .read(word, "\(word) changes no data")
        }
        table["INSERT"] = .write("INSERT", "INSERT adds rows")
        table["MERGE"] = .write("MERGE", "MERGE changes only rows matched by its join condition")
        table["TRUNCATE"] = .destructive("TRUNCATE", "TRUNCATE removes every row")
        table["REVOKE"] = .destructive("REVOKE", "REVOKE removes privileges")
        table["GRANT"] = .write("GRANT", "GRANT adds privileges")
        table["COMMENT"] = .write("COMMENT", "COMMENT changes an object's comment")
        table["REFRESH"] = .write("REFRESH", "REFRESH MATERIALIZED VIEW recomputes stored rows")
        for word in ["VACUUM", "ANALYZE", "ANALYSE", "CLUSTER", "REINDEX"] {
            table[word] = .write(word, "\(word) rewrites table storage or statistics")
        }
        table["LOCK"] = .write("LOCK", "LOCK takes a table lock that blocks other sessions")
        for word in ["SET", "RESET"] { table[word] = .write(word, "\(word) changes a setting") }
        table["CALL"] = .write("CALL", "CALL runs a procedure the checker cannot see (assumed write)")
        table["EXECUTE"] = .write("EXECUTE", "EXECUTE runs a prepared statement the checker cannot see (assumed write)")
        for word in ["CHECKPOINT", "NOTIFY", "LOAD", "DISCARD", "DEALLOCATE", "SECURITY", "IMPORT", "REASSIGN"] {
            table[word] = .write(word, "\(word) changes server or session state")
        }
        return table
    }()

    // MARK: Token helpers

    /// The upper-cased keyword at `index` when it lies inside `range`.
    func word(_ index: Int, in range: Range<Int>) -> String? {
        range.contains(index) ? words[index] : nil
    }

    func isOpen(_ index: Int) -> Bool {
        index >= 0 && index < brackets.count && brackets[index] == 1
    }

    /// An opening bracket at `index`, inside `range`.
    func isOpen(_ index: Int, in range: Range<Int>) -> Bool {
        range.contains(index) && isOpen(index)
    }

    func isClose(_ index: Int) -> Bool {
        index >= 0 && index < brackets.count && brackets[index] == -1
    }

    /// Indices of `range` outside any parentheses or brackets (the brackets themselves included).
    func topLevel(_ range: Range<Int>) -> [Int] {
        var result: [Int] = []
        forEachTopLevel(in: range) { index in
            result.append(index)
            return false
        }
        return result
    }

    /// The first top-level index in `range` satisfying `predicate`; stops scanning there.
    func firstTopLevel(in range: Range<Int>, where predicate: (Int) -> Bool) -> Int? {
        var found: Int?
        forEachTopLevel(in: range) { index in
            guard predicate(index) else { return false }
            found = index
            return true
        }
        return found
    }

    func firstTopLevel(_ keyword: String, in range: Range<Int>) -> Int? {
        firstTopLevel(in: range) { words[$0] == keyword }
    }

    /// Calls `body` with each top-level index until it returns true.
    private func forEachTopLevel(in range: Range<Int>, _ body: (Int) -> Bool) {
        var depth = 0
        for index in range {
            if isOpen(index) {
                depth += 1
                if depth == 1, body(index) { return }
            } else if isClose(index) {
                depth = max(0, depth - 1)
                if depth == 0, body(index) { return }
            } else if depth == 0, body(index) {
                return
            }
        }
    }

    /// The index of the bracket closing the one at `open`, or `range.upperBound` when unbalanced.
    func matchingClose(_ open: Int, in range: Range<Int>) -> Int {
        guard open < range.upperBound else { return max(open, range.upperBound) }
        var depth = 0
        for index in open..<range.upperBound {
            if isOpen(index) { depth += 1 }
            if isClose(index) {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return range.upperBound
    }

    /// The object kind named after CREATE/DROP/ALTER, e.g. `TABLE`, `MATERIALIZED VIEW`.
    func objectPhrase(after verb: Int, in range: Range<Int>) -> String {
        var index = verb + 1
        while let modifier = word(index, in: range), SQLStatementClassifier.objectModifiers.contains(modifier) {
            index += 1
        }
        guard let first = word(index, in: range) else { return "" }
        var parts = [first]
        index += 1
        while parts.count < 3, let last = parts.last, let next = word(index, in: range),
            SQLStatementClassifier.objectContinuations[last]?.contains(next) == true
        {
            parts.append(next)
            index += 1
        }
        return parts.joined(separator: " ")
    }

    static let objectModifiers: Set<String> = [
        "OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE", "TRUSTED", "PROCEDURAL",
        "RECURSIVE",
    ]

    static let objectContinuations: [String: Set<String>] = [
        "MATERIALIZED": ["VIEW"], "FOREIGN": ["TABLE", "DATA"], "DATA": ["WRAPPER"], "EVENT": ["TRIGGER"],
        "ACCESS": ["METHOD"], "USER": ["MAPPING"], "TEXT": ["SEARCH"],
        "SEARCH": ["CONFIGURATION", "DICTIONARY", "PARSER", "TEMPLATE"], "OPERATOR": ["CLASS", "FAMILY"],
        "DEFAULT": ["PRIVILEGES"], "LARGE": ["OBJECT"],
    ]

    func joined(_ verb: String, _ phrase: String) -> String {
        phrase.isEmpty ? verb : "\(verb) \(phrase)"
    }

    /// The value of a string or dollar-quoted literal, with quote escapes undone.
    func literalValue(_ token: SQLToken) -> String {
        let range = token.contentRange.clamped(to: 0..<bytes.count)
        let content = bytes[range]
        guard token.kind == .string else { return String(decoding: content, as: UTF8.self) }
        let backslashEscapes = token.text.first == "E" || token.text.first == "e"
        var value: [UInt8] = []
        var index = content.startIndex
        while index < content.endIndex {
            let byte = content[index]
            let next = index + 1 < content.endIndex ? content[index + 1] : nil
            if backslashEscapes, byte == ASCII.backslash, let next {
                value.append(next)
                index += 2
            } else if byte == ASCII.quote, next == ASCII.quote {
                value.append(byte)
                index += 2
            } else {
                value.append(byte)
                index += 1
            }
        }
        return String(decoding: value, as: UTF8.self)
    }
}
