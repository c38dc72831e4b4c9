import Language

/// Per-statement rules: the clauses that move a statement between read, write and destructive.
extension SQLStatementClassifier {
    /// SELECT reads, unless `INTO` creates a table or `FOR UPDATE/SHARE` locks rows.
    func selectVerdict(_ range: Range<Int>) -> SQLVerdict {
        for index in topLevel(range.dropFirst()) {
            if words[index] == "INTO" {
                return .write("SELECT … INTO", "SELECT … INTO creates a table from the result")
            }
            if words[index] == "FOR", let next = word(index + 1, in: range),
                ["UPDATE", "SHARE", "NO", "KEY"].contains(next)
            {
                return .write("SELECT … FOR \(next)", "SELECT … FOR \(next) locks the selected rows")
            }
        }
        return .read("SELECT", "SELECT only reads")
    }

    /// UPDATE and DELETE are bounded by a top-level WHERE; without one (or with an
    /// always-true one) they touch every row. A WHERE in a subquery or literal does not count.
    func filteredVerdict(_ range: Range<Int>, verb: String) -> SQLVerdict {
        let does = verb == "DELETE" ? "removes" : "changes"
        let clauses = range.dropFirst()
        guard let whereIndex = firstTopLevel("WHERE", in: clauses) else {
            return .destructive(verb, "\(verb) without WHERE \(does) every row")
        }
        if word(whereIndex + 1, in: range) == "CURRENT", word(whereIndex + 2, in: range) == "OF" {
            return .write(verb, "\(verb) … WHERE CURRENT OF \(does) one row")
        }
        let conditionEnd = firstTopLevel("RETURNING", in: (whereIndex + 1)..<range.upperBound) ?? range.upperBound
        if isAlwaysTrue((whereIndex + 1)..<conditionEnd) {
            return .destructive(verb, "\(verb) with an always-true WHERE \(does) every row")
        }
        return .write(verb, "\(verb) … WHERE \(does) only matching rows")
    }

    /// Recognises the obvious tautologies `TRUE`, `1 = 1`, `'a' = 'a'` (optionally parenthesised).
    func isAlwaysTrue(_ condition: Range<Int>) -> Bool {
        var range = condition
        while range.count >= 2, isOpen(range.lowerBound),
            matchingClose(range.lowerBound, in: range) == range.upperBound - 1
        {
            range = (range.lowerBound + 1)..<(range.upperBound - 1)
        }
        if range.count == 1 { return words[range.lowerBound] == "TRUE" }
        guard range.count == 3 else { return false }
        let lhs = tokens[range.lowerBound]
        let op = tokens[range.lowerBound + 1]
        let rhs = tokens[range.lowerBound + 2]
        let literal: Set<SQLToken.Kind> = [.number, .string]
        return op.kind == .operator && op.text == "=" && literal.contains(lhs.kind) && lhs.kind == rhs.kind
            && lhs.text == rhs.text
    }

    func dropVerdict(_ range: Range<Int>) -> SQLVerdict {
        let phrase = objectPhrase(after: range.lowerBound, in: range)
        if phrase == "OWNED" {
            return .destructive("DROP OWNED", "DROP OWNED removes every object a role owns")
        }
        let what = phrase.isEmpty ? "object" : phrase.lowercased()
        return .destructive(
            joined("DROP", phrase), "DROP \(phrase.isEmpty ? "" : phrase + " ")removes the \(what) and everything in it"
        )
    }

    /// ALTER changes a definition (write) unless it drops part of it or revokes privileges.
    func alterVerdict(_ range: Range<Int>) -> SQLVerdict {
        let phrase = objectPhrase(after: range.lowerBound, in: range)
        let keyword = joined("ALTER", phrase)
        for index in topLevel(range.dropFirst()) {
            if words[index] == "REVOKE" {
                return .destructive("\(keyword) … REVOKE", "\(keyword) … REVOKE removes privileges")
            }
            guard words[index] == "DROP" else { continue }
            var next = index + 1
            if word(next, in: range) == "IF" { next += 2 }  // DROP IF EXISTS name
            let what: String
            switch word(next, in: range) {
            case "COLUMN": what = "a column and its data"
            case "CONSTRAINT": what = "a constraint"
            case "DEFAULT": what = "a column default"
            case "NOT": what = "a NOT NULL constraint"
            case "IDENTITY": what = "an identity"
            case "EXPRESSION": what = "a generated column expression"
            case "ATTRIBUTE": what = "an attribute and its data"
            case "VALUE": what = "an enum value"
            case "USER", "ROLE": what = "a member"
            default:
                what =
                    phrase == "TABLE" || phrase == "FOREIGN TABLE" ? "a column and its data" : "part of the definition"
            }
            return .destructive("\(keyword) … DROP", "\(keyword) … DROP removes \(what)")
        }
        return .write(keyword, "ALTER changes an object's definition")
    }

    /// `COPY … FROM` loads rows; `COPY … TO STDOUT` reads; `COPY … TO` a file writes on the server.
    /// A `COPY (query)` also takes the effect of its query (which may be `DELETE … RETURNING`).
    func copyVerdict(_ range: Range<Int>, level: Int) -> SQLVerdict {
        var index = range.lowerBound + 1
        var inner: SQLVerdict?
        if isOpen(index, in: range) {
            let close = matchingClose(index, in: range)
            let query = classify((index + 1)..<close, level: level + 1)
            inner = SQLVerdict(keyword: "COPY (\(query.keyword))", effect: query.effect, reason: query.reason)
            index = close + 1
        }
        var base = SQLVerdict.write("COPY", "COPY the checker could not read (assumed write)")
        for clause in topLevel(index..<max(index, range.upperBound)) {
            if words[clause] == "FROM" {
                base = .write("COPY … FROM", "COPY … FROM loads rows into a table")
                break
            }
            if words[clause] == "TO" {
                base =
                    word(clause + 1, in: range) == "STDOUT"
                    ? .read("COPY … TO STDOUT", "COPY … TO STDOUT only reads")
                    : .write("COPY … TO", "COPY … TO writes a file or runs a program on the server")
                break
            }
        }
        return base.strongest(inner)
    }

    /// EXPLAIN only plans, unless ANALYZE (any spelling or option form) executes the statement.
    func explainVerdict(_ range: Range<Int>, level: Int) -> SQLVerdict {
        var index = range.lowerBound + 1
        var analyze = false
        if isOpen(index, in: range) {
            let close = matchingClose(index, in: range)
            var option = index + 1
            while option < close {
                let end = firstTopLevel(in: option..<close) { tokens[$0].text == "," } ?? close
                if let name = words[option], name == "ANALYZE" || name == "ANALYSE" {
                    let value = option + 1 < end ? tokens[option + 1].text.uppercased() : "TRUE"
                    analyze = !["FALSE", "OFF", "NO", "0"].contains(value)
                }
                option = end + 1
            }
            index = close + 1
        } else {
            while let option = word(index, in: range), ["ANALYZE", "ANALYSE", "VERBOSE"].contains(option) {
                analyze = analyze || option != "VERBOSE"
                index += 1
            }
        }
        guard index < range.upperBound else { return .read("EXPLAIN", "EXPLAIN only plans") }
        let inner = classify(index..<range.upperBound, level: level + 1)
        guard analyze else {
            return .read("EXPLAIN", "EXPLAIN without ANALYZE only plans the statement")
        }
        return SQLVerdict(
            keyword: "EXPLAIN ANALYZE … \(inner.keyword)", effect: inner.effect,
            reason: "EXPLAIN ANALYZE executes the statement: \(inner.reason)")
    }

    /// WITH takes the strongest of its CTE bodies and its main statement (`WITH d AS (DELETE …)`).
    func withVerdict(_ range: Range<Int>, level: Int) -> SQLVerdict {
        var parts: [SQLVerdict] = []
        var index = range.lowerBound + 1
        if word(index, in: range) == "RECURSIVE" { index += 1 }
        var parsed = false
        while index < range.upperBound {
            index += 1  // the CTE name
            if isOpen(index, in: range) { index = matchingClose(index, in: range) + 1 }
            guard word(index, in: range) == "AS" else { break }
            index += 1
            if word(index, in: range) == "NOT" { index += 1 }
            if word(index, in: range) == "MATERIALIZED" { index += 1 }
            guard isOpen(index, in: range) else { break }
            let close = matchingClose(index, in: range)
            parts.append(classify((index + 1)..<close, level: level + 1))
            index = close + 1
            while index < range.upperBound, tokens[index].text != ",",
                !SQLStatementClassifier.mainStatementWords.contains(words[index] ?? "")
            {
                index += 1  // SEARCH … SET … / CYCLE … clauses
            }
            guard index < range.upperBound, tokens[index].text == "," else {
                parsed = true
                break
            }
            index += 1
        }
        if parsed {
            if index < range.upperBound { parts.append(classify(index..<range.upperBound, level: level + 1)) }
        } else {
            parts.append(contentsOf: fallbackModifyingStatements(in: range, level: level))
            parts.append(.write("WITH", "WITH statement the checker could not parse (assumed write)"))
        }
        let strongest = parts.reduce(SQLVerdict.read("WITH", "WITH … SELECT only reads")) { $0.strongest($1) }
        guard strongest.effect > .read else { return strongest }
        return SQLVerdict(keyword: "WITH … \(strongest.keyword)", effect: strongest.effect, reason: strongest.reason)
    }

    static let modifyingWords: Set<String> = ["DELETE", "UPDATE", "INSERT", "MERGE"]

    static let mainStatementWords: Set<String> = ["SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE"]

    /// For WITH text that does not parse: classify each DELETE/UPDATE/INSERT/MERGE to the end of its group.
    private func fallbackModifyingStatements(in range: Range<Int>, level: Int) -> [SQLVerdict] {
        var result: [SQLVerdict] = []
        for index in range where SQLStatementClassifier.modifyingWords.contains(words[index] ?? "") {
            var depth = 0
            var end = range.upperBound
            for candidate in index..<range.upperBound {
                if isOpen(candidate) { depth += 1 }
                if isClose(candidate) {
                    depth -= 1
                    if depth < 0 {
                        end = candidate
                        break
                    }
                }
            }
            result.append(classify(index..<end, level: level + 1))
        }
        return result
    }

    /// BEGIN/COMMIT/ROLLBACK change nothing alone; finishing a *prepared* transaction does.
    func transactionVerdict(_ range: Range<Int>, first: String) -> SQLVerdict {
        let second = word(range.lowerBound + 1, in: range)
        if first == "COMMIT" || first == "ROLLBACK", second == "PREPARED" {
            return .write("\(first) PREPARED", "\(first) PREPARED finishes a prepared transaction")
        }
        let keyword = first == "START" ? joined(first, second ?? "") : first
        return .read(keyword, "\(keyword) controls the transaction and changes nothing alone")
    }

    /// `PREPARE name AS stmt` takes the effect of `stmt` (it exists to be executed);
    /// `PREPARE TRANSACTION` is transaction control.
    func prepareVerdict(_ range: Range<Int>, level: Int) -> SQLVerdict {
        if word(range.lowerBound + 1, in: range) == "TRANSACTION" {
            return .read(
                "PREPARE TRANSACTION", "PREPARE TRANSACTION controls the transaction and changes nothing alone")
        }
        guard let asIndex = firstTopLevel("AS", in: range), asIndex + 1 < range.upperBound else {
            return .write("PREPARE", "PREPARE of a statement the checker cannot read (assumed write)")
        }
        let inner = classify((asIndex + 1)..<range.upperBound, level: level + 1)
        return SQLVerdict(
            keyword: "PREPARE … \(inner.keyword)", effect: inner.effect,
            reason: "PREPARE stores a statement to execute: \(inner.reason)")
    }

    /// `DECLARE c CURSOR FOR query` takes the effect of its query.
    func declareVerdict(_ range: Range<Int>, level: Int) -> SQLVerdict {
        guard let forIndex = firstTopLevel("FOR", in: range), forIndex + 1 < range.upperBound else {
            return .write("DECLARE", "DECLARE the checker cannot read (assumed write)")
        }
        let inner = classify((forIndex + 1)..<range.upperBound, level: level + 1)
        return SQLVerdict(
            keyword: "DECLARE CURSOR", effect: inner.effect, reason: "the cursor's query: \(inner.reason)")
    }
}
