/// Splits expression text into tokens; never fails, unreadable text becomes an error token
/// that the parser reports when it reaches it.
struct ExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var position: Int

    init(_ scalars: [Unicode.Scalar], from start: Int) {
        self.scalars = scalars
        self.position = max(0, min(start, scalars.count))
    }

    /// Tokens from `start` up to and including the first `}}` (when `untilClose`) or the end
    /// of the value; the last token is always `.close` or `.end`.
    static func tokenize(_ scalars: [Unicode.Scalar], from start: Int, untilClose: Bool) -> [ExpressionToken] {
        var lexer = ExpressionLexer(scalars, from: start)
        var tokens: [ExpressionToken] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            switch token.kind {
            case .end: return tokens
            case .close where untilClose: return tokens
            default: continue
            }
        }
    }

    mutating func next() -> ExpressionToken {
        while position < scalars.count, Self.isSpace(scalars[position]) { position += 1 }
        let start = position
        guard let c = peek() else { return ExpressionToken(kind: .end, range: start..<start) }
        if Self.isIdentifierStart(c) {
            position += 1
            while let next = peek(), Self.isIdentifierPart(next) { position += 1 }
            return token(.identifier(text(start..<position)), from: start)
        }
        if Self.isDigit(c) || (c == "-" && peek(1).map(Self.isDigit) == true) {
            return integer()
        }
        if c == "'" || c == "\"" { return string(quote: c) }
        let second = peek(1)
        switch (c, second) {
        case ("=", "="): return symbol(.binary(.equal), width: 2)
        case ("!", "="): return symbol(.binary(.notEqual), width: 2)
        case ("<", "="): return symbol(.binary(.lessOrEqual), width: 2)
        case (">", "="): return symbol(.binary(.greaterOrEqual), width: 2)
        case ("&", "&"): return symbol(.binary(.and), width: 2)
        case ("|", "|"): return symbol(.binary(.or), width: 2)
        case ("}", "}"): return symbol(.close, width: 2)
        case ("<", _): return symbol(.binary(.less), width: 1)
        case (">", _): return symbol(.binary(.greater), width: 1)
        case ("!", _): return symbol(.bang, width: 1)
        case (".", _): return symbol(.dot, width: 1)
        case (",", _): return symbol(.comma, width: 1)
        case ("(", _): return symbol(.leftParen, width: 1)
        case (")", _): return symbol(.rightParen, width: 1)
        case ("[", _): return symbol(.leftBracket, width: 1)
        case ("]", _): return symbol(.rightBracket, width: 1)
        default:
            let width = FoldedScalarLayout.isOpener(scalars, at: start) ? 3 : 1
            position += width
            return token(.unknown(text(start..<position)), from: start)
        }
    }

    /// `-?[0-9]+`.
    private mutating func integer() -> ExpressionToken {
        let start = position
        position += 1
        while let next = peek(), Self.isDigit(next) { position += 1 }
        let literal = text(start..<position)
        guard let value = Int(literal) else {
            let shown = literal.count > 24 ? String(literal.prefix(20)) + "…" : literal
            return token(.malformed(message: "integer literal '\(shown)' does not fit in 64 bits",
                                    at: start..<position), from: start)
        }
        return token(.integer(value), from: start)
    }

    /// `'…'` with `''` for a quote, or `"…"` with backslash escapes.
    private mutating func string(quote: Unicode.Scalar) -> ExpressionToken {
        let start = position
        position += 1
        var value = String.UnicodeScalarView()
        var badEscape: Range<Int>?
        while let c = peek() {
            if c == quote {
                if quote == "'", peek(1) == "'" {
                    value.append("'")
                    position += 2
                    continue
                }
                position += 1
                if let badEscape {
                    let escape = text(badEscape)
                    return token(.malformed(
                        message: "unknown escape sequence '\(escape)' in string literal; use \\\\, \\\", \\n, \\t or \\r",
                        at: badEscape), from: start)
                }
                return token(.string(String(value)), from: start)
            }
            if quote == "\"", c == "\\", let escaped = peek(1) {
                if let decoded = Self.escapes[escaped] {
                    value.append(decoded)
                } else if badEscape == nil {
                    badEscape = position..<(position + 2)
                }
                position += 2
                continue
            }
            value.append(c)
            position += 1
        }
        return token(.unterminatedString(quote: String(quote)), from: start)
    }

    private static let escapes: [Unicode.Scalar: Unicode.Scalar] = [
        "\\": "\\", "\"": "\"", "'": "'", "n": "\n", "t": "\t", "r": "\r",
    ]

    private mutating func symbol(_ kind: ExpressionToken.Kind, width: Int) -> ExpressionToken {
        let start = position
        position += width
        return token(kind, from: start)
    }

    private func token(_ kind: ExpressionToken.Kind, from start: Int) -> ExpressionToken {
        ExpressionToken(kind: kind, range: start..<position)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = position + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(scalars: scalars[range.clamped(to: 0..<scalars.count)])
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r"
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c) || c == "-"
    }
}
