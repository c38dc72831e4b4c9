import Language

/// DO blocks: the PL/pgSQL body is classified statement by statement, skipping the
/// control words (`BEGIN`, `IF … THEN`, `FOR … LOOP`, …) that precede real SQL, and
/// classifying string literals passed to `EXECUTE` as dynamic SQL.
extension SQLStatementClassifier {
    /// What a PL/pgSQL segment (text between two `;`) amounts to.
    enum ProceduralStep {
        /// Real SQL starts here.
        case sql(Range<Int>)
        /// A PL/pgSQL-only statement, already classified.
        case verdict(SQLVerdict)
    }

    /// DO is `write` at least (it runs code); `destructive` when its body holds a destructive statement.
    func doVerdict(_ range: Range<Int>) -> SQLVerdict {
        let base = SQLVerdict.write("DO", "DO runs a procedural block")
        guard let bodyIndex = range.first(where: { tokens[$0].kind == .dollarString || tokens[$0].kind == .string })
        else {
            return .write("DO", "DO block the checker cannot read (assumed write)")
        }
        guard let inner = nestedStrongest(literalValue(tokens[bodyIndex])), inner.effect == .destructive else {
            return base
        }
        return .destructive("DO … \(inner.keyword)", "DO block runs \(inner.keyword): \(inner.reason)")
    }

    /// The strongest statement of `sql` classified one level deeper as PL/pgSQL, or nil past the depth limit.
    func nestedStrongest(_ sql: String, procedural: Bool = true) -> SQLVerdict? {
        guard depth < SQLStatementClassifier.maxDepth else { return nil }
        let nested = SQLStatementClassifier(sql: sql, procedural: procedural, depth: depth + 1)
        var strongest: SQLVerdict?
        for statement in nested.statements() where strongest.map({ statement.effect > $0.effect }) ?? true {
            strongest = SQLVerdict(keyword: statement.keyword, effect: statement.effect, reason: statement.reason)
        }
        return strongest
    }

    func proceduralStep(_ range: Range<Int>) -> ProceduralStep {
        var index = range.lowerBound
        while index < range.upperBound {
            if tokens[index].kind == .operator, tokens[index].text.hasPrefix("<<") {  // <<label>>
                index += 1
                while index < range.upperBound, !(tokens[index].kind == .operator && tokens[index].text.hasSuffix(">>"))
                {
                    index += 1
                }
                index += 1
                continue
            }
            guard let keyword = words[index] else { return .sql(index..<range.upperBound) }
            switch keyword {
            case "BEGIN", "DECLARE", "LOOP", "ELSE", "EXCEPTION":
                index += 1
            case "IF", "ELSIF", "ELSEIF", "WHEN", "CASE":
                guard let then = firstTopLevel("THEN", in: (index + 1)..<range.upperBound) else {
                    return .verdict(control)
                }
                index = then + 1
            case "WHILE", "FOR", "FOREACH":
                guard let loop = firstTopLevel("LOOP", in: (index + 1)..<range.upperBound) else {
                    return .verdict(control)
                }
                index = loop + 1
            case "END", "RAISE", "RETURN", "EXIT", "CONTINUE", "NULL", "GET", "OPEN", "ASSERT":
                return .verdict(.read(keyword, "PL/pgSQL \(keyword) changes no data"))
            case "PERFORM":
                return .verdict(.read("PERFORM", "PERFORM evaluates a query and discards the result"))
            case "EXECUTE":
                return .verdict(dynamicSQLVerdict((index + 1)..<range.upperBound))
            default:
                if index + 1 < range.upperBound, tokens[index + 1].kind == .operator,
                    tokens[index + 1].text == ":=" || tokens[index + 1].text == "="
                {
                    return .verdict(.read("assignment", "a PL/pgSQL assignment changes no data"))
                }
                return .sql(index..<range.upperBound)
            }
        }
        return .verdict(control)
    }

    private var control: SQLVerdict { .read("PL/pgSQL", "PL/pgSQL control flow changes no data") }

    /// `EXECUTE 'DELETE FROM ' || t` / `EXECUTE format('DROP TABLE %I', t)`: every string
    /// literal in the statement is classified as SQL; at least `write` since the text is dynamic.
    func dynamicSQLVerdict(_ range: Range<Int>) -> SQLVerdict {
        var verdict = SQLVerdict.write(
            "EXECUTE", "EXECUTE runs dynamic SQL the checker cannot see in full (assumed write)")
        for index in range where tokens[index].kind == .string || tokens[index].kind == .dollarString {
            guard let inner = nestedStrongest(literalValue(tokens[index]), procedural: false),
                inner.effect > verdict.effect
            else {
                continue
            }
            verdict = SQLVerdict(
                keyword: "EXECUTE … \(inner.keyword)", effect: inner.effect,
                reason: "EXECUTE runs dynamic SQL: \(inner.reason)")
        }
        return verdict
    }
}
