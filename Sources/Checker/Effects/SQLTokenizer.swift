/// Splits PostgreSQL text into tokens: comments (nested `/* */`), string literals
/// (standard, `E''`, dollar-quoted), quoted identifiers, numbers, words and operators.
/// It never fails: an unclosed literal or comment becomes one token flagged unterminated.
public enum SQLTokenizer {
    /// All tokens of `sql` in order, comments included, whitespace dropped.
    public static func tokens(in sql: String) -> [SQLToken] {
        var lexer = SQLLexer(bytes: Array(sql.utf8))
        return lexer.run()
    }
}

/// The byte-level scanner behind `SQLTokenizer`.
struct SQLLexer {
    let bytes: [UInt8]
    private var index = 0
    private var tokens: [SQLToken] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func run() -> [SQLToken] {
        while index < bytes.count {
            let byte = bytes[index]
            if ASCII.isSpace(byte) {
                index += 1
                continue
            }
            scanToken(startingWith: byte)
        }
        return tokens
    }

    private func peek(_ offset: Int) -> UInt8? {
        let at = index + offset
        return at < bytes.count ? bytes[at] : nil
    }

    private mutating func scanToken(startingWith byte: UInt8) {
        let start = index
        switch byte {
        case ASCII.minus where peek(1) == ASCII.minus:
            scanLineComment()
        case ASCII.slash where peek(1) == ASCII.star:
            scanBlockComment()
        case ASCII.quote:
            scanString(from: start, bodyStart: start + 1, backslashEscapes: false)
        case ASCII.doubleQuote:
            scanQuotedIdentifier(from: start, bodyStart: start + 1)
        case ASCII.dollar:
            scanDollar()
        case _ where ASCII.isDigit(byte) || (byte == ASCII.dot && peek(1).map(ASCII.isDigit) == true):
            scanNumber()
        case _ where SQLLexer.isIdentifierStart(byte):
            scanWordOrPrefixedLiteral()
        case ASCII.semicolon:
            index += 1
            emit(.semicolon, start, index)
        case ASCII.colon:
            let next = peek(1)
            index += (next == ASCII.colon || next == ASCII.equals) ? 2 : 1
            emit(index - start == 2 ? .operator : .punctuation, start, index)
        case _ where SQLLexer.isOperatorByte(byte):
            scanOperator()
        default:
            index += 1
            emit(.punctuation, start, index)
        }
    }

    private mutating func emit(
        _ kind: SQLToken.Kind, _ start: Int, _ end: Int,
        content: Range<Int>? = nil, unterminated: Bool = false
    ) {
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        tokens.append(
            SQLToken(
                kind: kind, range: start..<end, contentRange: content ?? start..<end,
                text: text, isUnterminated: unterminated))
    }

    private mutating func scanLineComment() {
        let start = index
        while index < bytes.count, bytes[index] != ASCII.newline, bytes[index] != ASCII.carriageReturn {
            index += 1
        }
        emit(.lineComment, start, index, content: (start + 2)..<index)
    }

    private mutating func scanBlockComment() {
        let start = index
        var depth = 0
        while index < bytes.count {
            if bytes[index] == ASCII.slash, peek(1) == ASCII.star {
                depth += 1
                index += 2
            } else if bytes[index] == ASCII.star, peek(1) == ASCII.slash {
                depth -= 1
                index += 2
                if depth == 0 {
                    emit(.blockComment, start, index, content: (start + 2)..<(index - 2))
                    return
                }
            } else {
                index += 1
            }
        }
        emit(.blockComment, start, index, content: min(start + 2, index)..<index, unterminated: true)
    }

    /// A quote-delimited literal where a doubled quote stands for one; with
    /// `backslashEscapes` (E'' strings) a backslash also escapes the next byte.
    private mutating func scanString(from start: Int, bodyStart: Int, backslashEscapes: Bool) {
        index = bodyStart
        while index < bytes.count {
            let byte = bytes[index]
            if backslashEscapes, byte == ASCII.backslash {
                index = min(index + 2, bytes.count)
            } else if byte == ASCII.quote {
                if peek(1) == ASCII.quote {
                    index += 2
                } else {
                    index += 1
                    emit(.string, start, index, content: bodyStart..<(index - 1))
                    return
                }
            } else {
                index += 1
            }
        }
        emit(.string, start, index, content: bodyStart..<index, unterminated: true)
    }

    private mutating func scanQuotedIdentifier(from start: Int, bodyStart: Int) {
        index = bodyStart
        while index < bytes.count {
            if bytes[index] == ASCII.doubleQuote {
                if peek(1) == ASCII.doubleQuote {
                    index += 2
                    continue
                }
                index += 1
                emit(.quotedIdentifier, start, index, content: bodyStart..<(index - 1))
                return
            }
            index += 1
        }
        emit(.quotedIdentifier, start, index, content: bodyStart..<index, unterminated: true)
    }

    /// `$1` parameters, `$$…$$` and `$tag$…$tag$` strings; a lone `$` is punctuation.
    private mutating func scanDollar() {
        let start = index
        var cursor = index + 1
        if cursor < bytes.count, ASCII.isDigit(bytes[cursor]) {
            while cursor < bytes.count, ASCII.isDigit(bytes[cursor]) { cursor += 1 }
            index = cursor
            emit(.parameter, start, index)
            return
        }
        if cursor < bytes.count, SQLLexer.isIdentifierStart(bytes[cursor]) {
            while cursor < bytes.count, SQLLexer.isIdentifierByte(bytes[cursor]), bytes[cursor] != ASCII.dollar {
                cursor += 1
            }
        }
        guard cursor < bytes.count, bytes[cursor] == ASCII.dollar else {
            index += 1
            emit(.punctuation, start, index)
            return
        }
        let delimiter = Array(bytes[start...cursor])
        let bodyStart = cursor + 1
        if let close = SQLLexer.find(delimiter, in: bytes, from: bodyStart) {
            index = close + delimiter.count
            emit(.dollarString, start, index, content: bodyStart..<close)
        } else {
            index = bytes.count
            emit(.dollarString, start, index, content: bodyStart..<index, unterminated: true)
        }
    }

    private mutating func scanNumber() {
        let start = index
        if bytes[index] == ASCII.zero, let radix = peek(1), "xXoObB".utf8.contains(radix) {
            index += 2
            while index < bytes.count, ASCII.isAlphanumeric(bytes[index]) || bytes[index] == ASCII.underscore {
                index += 1
            }
            emit(.number, start, index)
            return
        }
        while index < bytes.count, ASCII.isDigit(bytes[index]) || bytes[index] == ASCII.underscore { index += 1 }
        if index < bytes.count, bytes[index] == ASCII.dot, peek(1) != ASCII.dot {
            index += 1
            while index < bytes.count, ASCII.isDigit(bytes[index]) || bytes[index] == ASCII.underscore { index += 1 }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var cursor = index + 1
            if cursor < bytes.count, bytes[cursor] == ASCII.plus || bytes[cursor] == ASCII.minus { cursor += 1 }
            if cursor < bytes.count, ASCII.isDigit(bytes[cursor]) {
                while cursor < bytes.count, ASCII.isDigit(bytes[cursor]) { cursor += 1 }
                index = cursor
            }
        }
        emit(.number, start, index)
    }

    /// Words, plus the literal prefixes `E'`, `B'`, `X'`, `N'`, `U&'` and `U&"`.
    private mutating func scanWordOrPrefixedLiteral() {
        let start = index
        let first = bytes[index] | 0x20
        if let next = peek(1) {
            if next == ASCII.quote, "ebxn".utf8.contains(first) {
                scanString(from: start, bodyStart: start + 2, backslashEscapes: first == UInt8(ascii: "e"))
                return
            }
            if first == UInt8(ascii: "u"), next == ASCII.ampersand, let third = peek(2) {
                if third == ASCII.quote {
                    scanString(from: start, bodyStart: start + 3, backslashEscapes: false)
                    return
                }
                if third == ASCII.doubleQuote {
                    scanQuotedIdentifier(from: start, bodyStart: start + 3)
                    return
                }
            }
        }
        while index < bytes.count, SQLLexer.isIdentifierByte(bytes[index]) { index += 1 }
        emit(.word, start, index)
    }

    /// A run of operator bytes, cut before any `--` or `/*` (which start comments).
    private mutating func scanOperator() {
        let start = index
        index += 1
        while index < bytes.count, SQLLexer.isOperatorByte(bytes[index]) {
            let byte = bytes[index]
            let next = peek(1)
            if (byte == ASCII.minus && next == ASCII.minus) || (byte == ASCII.slash && next == ASCII.star) { break }
            index += 1
        }
        emit(.operator, start, index)
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        ASCII.isLetter(byte) || byte == ASCII.underscore || byte >= 0x80
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || ASCII.isDigit(byte) || byte == ASCII.dollar
    }

    static func isOperatorByte(_ byte: UInt8) -> Bool {
        "+-*/<>=~!@#%^&|`?".utf8.contains(byte)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= haystack.count - needle.count else { return nil }
        var position = start
        while position <= haystack.count - needle.count {
            if haystack[position] == needle[0], haystack[position..<(position + needle.count)].elementsEqual(needle) {
                return position
            }
            position += 1
        }
        return nil
    }
}
